// Golden files for every renderer and situation (see helpers/golden.ts: UPDATE_GOLDEN=1 rewrites them).
import { expect } from 'chai';
import { formatDiagnostics } from '../cli/print-diagnostics.js';
import { buildPlan } from '../core/plan/build-plan.js';
import { fromJsonPlan } from '../core/plan/plan-json.js';
import { renderDriftJson, renderDriftLine } from '../core/render/drift-summary.js';
import { renderPlanHuman } from '../core/render/human.js';
import { renderPlanJson } from '../core/render/json.js';
import { renderPlanMarkdown } from '../core/render/markdown.js';
import { expectGolden } from './helpers/golden.js';
import { SCENARIOS } from './helpers/scenarios.js';

describe('plan renderings match their golden files', () => {
  for (const s of SCENARIOS) {
    describe(`GIVEN ${s.name}: ${s.description}`, () => {
      const { plan, errors } = buildPlan(s.desired, s.live, { targets: s.targets, atMs: s.atMs });
      it('THEN the human plan matches', () => expectGolden(`${s.name}.txt`, renderPlanHuman(plan, { color: false })));
      it('THEN the JSON plan matches', () => expectGolden(`${s.name}.json`, renderPlanJson(plan)));
      it('THEN the markdown plan matches', () => expectGolden(`${s.name}.md`, renderPlanMarkdown(plan)));
      it('THEN the drift report matches', () => expectGolden(`${s.name}.drift.txt`, renderDriftLine(plan) + renderDriftJson(plan)));
      if (errors.length > 0) {
        it('THEN the errors match', () => expectGolden(`${s.name}.errors.txt`, formatDiagnostics(errors, { color: false, codeFrame: true })));
      }
    });
  }

  it('GIVEN colour THEN the human plan has ANSI codes exactly where the golden file says', () => {
    const s = SCENARIOS.find((x) => x.name === 'replace-stop-first')!;
    expectGolden('replace-stop-first.color.txt', renderPlanHuman(buildPlan(s.desired, s.live, {}).plan, { color: true }));
  });
});

describe('plan renderings', () => {
  it('GIVEN any plan WHEN read back from its JSON THEN it is the same plan, and the human and markdown renderings are identical', () => {
    for (const s of SCENARIOS) {
      const { plan } = buildPlan(s.desired, s.live, { atMs: s.atMs });
      const fromJson = fromJsonPlan(JSON.parse(renderPlanJson(plan)), (detail) => new Error(detail));
      expect(fromJson, s.name).to.deep.equal(plan);
      expect(renderPlanHuman(fromJson, { color: true }), s.name).to.equal(renderPlanHuman(plan, { color: true }));
      expect(renderPlanMarkdown(fromJson), s.name).to.equal(renderPlanMarkdown(plan));
    }
  });

  it('GIVEN no colour THEN no escape codes and no trailing whitespace, in every rendering', () => {
    for (const s of SCENARIOS) {
      const { plan } = buildPlan(s.desired, s.live, { atMs: s.atMs });
      for (const text of [renderPlanHuman(plan, { color: false }), renderPlanMarkdown(plan), renderDriftLine(plan)]) {
        expect(text, s.name).not.to.match(/\x1b\[/);
        expect(text.split('\n').filter((l) => /[ \t]$/.test(l)), s.name).to.deep.equal([]);
      }
    }
  });

  it('GIVEN a plan too long for a comment WHEN rendered as markdown THEN it is cut under the limit with a note', () => {
    const s = SCENARIOS.find((x) => x.name === 'many')!;
    const { plan } = buildPlan(s.desired, s.live, {});
    const full = renderPlanMarkdown(plan);
    const cut = renderPlanMarkdown(plan, { limit: 3000 });
    expect(full).not.to.contain('truncated');
    expect(cut.length).to.be.below(3000);
    expect(cut).to.match(/# \.\.\. \d+ more lines truncated/);
    expect(cut).to.contain('**Plan: 5 to add, 0 to change, 1 to destroy.**');
    expect(cut.trimEnd().endsWith('</details>')).to.equal(true);
  });

  it('GIVEN the markdown diff block THEN change symbols sit in column 0 for GitHub highlighting', () => {
    const s = SCENARIOS.find((x) => x.name === 'delete')!;
    const md = renderPlanMarkdown(buildPlan(s.desired, s.live, {}).plan);
    expect(md).to.contain('> [!WARNING]');
    expect(md).to.match(/^- {5}composition "evening-show\/program" \{$/m);
    expect(md).to.match(/^- {9}stageArn = /m);
  });
});
