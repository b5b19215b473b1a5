// What the Markdown plan shows above the fold: the addresses its warning banner is about, and the
// warnings a reviewer must see before approving.
import { expect } from 'chai';
import type { Plan, PlanWarning } from '../core/model/plan.js';
import { buildPlan } from '../core/plan/build-plan.js';
import { summarizePlan } from '../core/plan/summarize-plan.js';
import { BANNER_ADDRESS_LIMIT, renderPlanMarkdown } from '../core/render/markdown.js';
import { scenarioNamed } from './helpers/scenarios.js';

/** The many-stage plan (25 addresses) with every change made a replacement, and the given warnings. */
function manyReplacements(warnings: PlanWarning[] = []): Plan {
  const { plan } = buildPlan(scenarioNamed('many').desired, scenarioNamed('many').live);
  const changes = [...plan.changes].reverse().map((c) => ({ ...c, action: 'replace-start-first' as const }));
  return { ...plan, changes, warnings, summary: summarizePlan(changes, plan.drift, plan.unmanaged.length) };
}

function aboveTheFold(markdown: string): string {
  return markdown.slice(0, markdown.indexOf('<details>'));
}

describe('markdown plan banners', () => {
  it('GIVEN more replaced addresses than the banner names THEN it names the first ones sorted and counts the rest', () => {
    const plan = manyReplacements();
    const addresses = new Set(plan.changes.map((c) => c.address)).size;
    const head = aboveTheFold(renderPlanMarkdown(plan));
    const line = head.split('\n').find((l) => l.startsWith('> Replaced: '))!;
    const named = [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(named).to.have.length(BANNER_ADDRESS_LIMIT);
    expect(named).to.deep.equal([...named].sort());
    expect(named[0]).to.equal('show-1/cam-1');
    expect(line).to.match(new RegExp(` and ${addresses - BANNER_ADDRESS_LIMIT} more\\.$`));
  });

  it('GIVEN idle-stage warnings beyond the limit THEN they are listed above the fold, cut with a count, and other warnings stay in the plan', () => {
    const idle: PlanWarning[] = Array.from({ length: BANNER_ADDRESS_LIMIT + 2 }, (_, i) => ({
      code: 'IDLE_STAGE',
      address: `show-${String(i).padStart(2, '0')}/cam-1`,
      message: 'stage has no active session: IVS stops a composition there about a minute after it starts',
    }));
    const targeted: PlanWarning = { code: 'TARGETED_PLAN', message: 'changes are limited to --target; other compositions may still differ from the manifests' };
    const markdown = renderPlanMarkdown(manyReplacements([...idle, targeted]));
    const head = aboveTheFold(markdown);
    expect(head).to.contain('> [!CAUTION]\n> - `show-00/cam-1`: stage has no active session');
    expect(head.split('\n').filter((l) => l.startsWith('> - `'))).to.have.length(BANNER_ADDRESS_LIMIT);
    expect(head).to.contain('> - and 2 more (in the plan below)\n');
    expect(head).not.to.contain('--target');
    expect(markdown.slice(head.length)).to.contain('Warning: show-11/cam-1: stage has no active session');
  });
});
