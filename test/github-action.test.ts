// The GitHub Action (action.yml): its comment logic against a stub GitHub API on loopback
// (GITHUB_API_URL, as GitHub sets it), and its `run` step executed as the runner would, with the
// inputs mapped through the step's env, against the emulator on a copy of examples/.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPlanComment, COMMENT_MARKER, upsertPlanComment } from '../cli/github/plan-comment.js';
import { isReplacement } from '../core/model/plan.js';
import { buildPlan } from '../core/plan/build-plan.js';
import { renderPlanMarkdown } from '../core/render/markdown.js';
import { scenarioNamed } from './helpers/scenarios.js';
import { ACTION, GithubJobFixture, runActionStep, StubGithub } from './helpers/github-action.js';

describe('GitHub Action: the plan comment', () => {
  for (const name of ['many', 'replace-stop-first', 'destroy']) {
    it(`GIVEN the ${name} plan THEN the comment names each replaced or stopped address once above the fold, in the plan's own banner`, () => {
      const s = scenarioNamed(name);
      const { plan } = buildPlan(s.desired, s.live, { targets: s.targets, atMs: s.atMs, ...s.options });
      const markdown = renderPlanMarkdown(plan);
      const body = buildPlanComment({ markdown, fullPlanAt: 'x' });
      expect(body).to.equal(`${COMMENT_MARKER}\n${markdown}`);
      const fold = body.slice(0, body.indexOf('<details>'));
      const named = plan.changes.filter((c) => c.action === 'delete' || isReplacement(c.action)).map((c) => c.address);
      expect(named, 'the scenario has something to name').to.not.be.empty;
      for (const address of named) expect(fold.split(`\`${address}\``).length - 1, address).to.equal(1);
      expect(fold.match(/\[!WARNING\]/g)).to.have.length(1);
    });
  }

  it('GIVEN a plan longer than the limit THEN the comment is cut at a line within the limit, closes its fence and <details>, and says where the rest is', () => {
    const markdown = `### plan\n\n<details><summary>Show plan</summary>\n\n\`\`\`diff\n${'+ line of the plan\n'.repeat(5000)}\`\`\`\n</details>\n`;
    const body = buildPlanComment({ markdown, fullPlanAt: 'See the job summary.', limit: 65_536 });
    expect(body.length).to.be.at.most(65_536);
    expect(body.startsWith(COMMENT_MARKER)).to.equal(true);
    expect(body).to.match(/\+ line of the plan\n```\n<\/details>\n\n> \[!NOTE\]\n> The plan is longer than a GitHub comment can hold \(65,536 characters\) and was cut here\. See the job summary\.\n$/);
    const short = buildPlanComment({ markdown: '### plan\n', fullPlanAt: 'x' });
    expect(short).to.equal(`${COMMENT_MARKER}\n### plan\n`);
  });

  describe('against a stub GitHub API', () => {
    const github = new StubGithub();
    before(() => github.start());
    after(() => github.stop());
    const target = () => ({ apiUrl: github.url, token: 't0ken', repository: 'acme/shows', issueNumber: 7 });

    it('GIVEN no plan comment among 150 others WHEN upserting twice THEN it reads every page, creates one, then updates that one', async () => {
      github.comments = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, body: `review ${i}` }));
      const first = await upsertPlanComment(target(), `${COMMENT_MARKER}\nv1`);
      expect(first.action).to.equal('created');
      const second = await upsertPlanComment(target(), `${COMMENT_MARKER}\nv2`);
      expect(second).to.deep.equal({ action: 'updated', id: first.id });
      expect(github.comments.filter((c) => c.body.startsWith(COMMENT_MARKER)).map((c) => c.body)).to.deep.equal([`${COMMENT_MARKER}\nv2`]);
      expect(github.requests.every((r) => r.authorization === 'Bearer t0ken')).to.equal(true);
      expect(github.requests.map((r) => `${r.method} ${r.path}`).slice(0, 3)).to.deep.equal([
        'GET /repos/acme/shows/issues/7/comments?per_page=100&page=1',
        'GET /repos/acme/shows/issues/7/comments?per_page=100&page=2',
        `POST /repos/acme/shows/issues/7/comments`,
      ]);
    });

    it('GIVEN the API refuses WHEN upserting THEN the error names the status, not the token', async () => {
      const error = await upsertPlanComment({ ...target(), issueNumber: 8 }, 'x').catch((e: Error) => e);
      expect(String(error)).to.match(/GitHub API GET \/repos\/acme\/shows\/issues\/8\/comments answered 404/);
      expect(String(error)).to.not.include('t0ken');
    });
  });
});

describe('GitHub Action: action.yml steps against the emulator', function () {
  this.timeout(60_000);
  const action = ACTION;
  const runStep = action.runs.steps.find((s) => s.id === 'run')!;
  const job = new GithubJobFixture('live');
  before(() => job.setUp());
  after(() => job.tearDown());

  function runAction(inputs: Record<string, string>): Promise<{ code: number | null; stdout: string; outputs: string }> {
    return runActionStep({ 'working-directory': 'live', 'github-token': 'gh-token', ...inputs }, { env: job.env('pull_request'), temp: job.temp }).then((r) => ({
      ...r,
      outputs: Object.entries(r.outputs).map(([k, v]) => `${k}=${v}\n`).join(''),
    }));
  }

  it('GIVEN action.yml THEN it is a composite action with the four commands, the token, and artifact steps for the saved plan', () => {
    expect(action.runs.using).to.equal('composite');
    expect(Object.keys(action.inputs)).to.include.members(['command', 'working-directory', 'args', 'github-token', 'plan-artifact']);
    expect(action.runs.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with?.path).to.include('steps.run.outputs.plan-file');
    expect(action.runs.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))?.with?.path).to.equal('${{ runner.temp }}/stageform-plan');
    expect(runStep.env?.STAGEFORM_PLAN_FILE).to.equal("${{ inputs.command == 'apply' && (inputs.plan-file || (inputs.plan-artifact != '' && format('{0}/stageform-plan/plan.sfplan', runner.temp))) || '' }}");
  });

  it('GIVEN a pull request WHEN the plan step runs twice THEN one comment is created then updated, the summary holds the plan, and the saved plan is an output', async () => {
    const first = await runAction({ command: 'plan' });
    expect(first.code, first.stdout).to.equal(0);
    expect(first.stdout).to.include('Plan comment created on pull request #7.');
    expect(first.outputs).to.include(`plan-file=${join(job.temp, 'stageform-plan', 'plan.sfplan')}\n`);
    expect(first.outputs).to.include('has-changes=true\n');
    expect(readFileSync(join(job.temp, 'summary.md'), 'utf8')).to.match(/Plan: 5 to add/);
    const second = await runAction({ command: 'plan' });
    expect(second.stdout).to.include('Plan comment updated on pull request #7.');
    expect(job.github.comments).to.have.length(1);
    expect(job.github.comments[0].body).to.match(new RegExp(`^${COMMENT_MARKER}\\n### stageform plan`));
    expect(job.github.requests.every((r) => r.authorization === 'Bearer gh-token')).to.equal(true);
    expect(job.handle.emulator.callCounts().calls.StartComposition ?? 0).to.equal(0);
  });

  it('GIVEN the saved plan artifact WHEN the apply step runs THEN it applies it; THEN drift passes', async () => {
    const applied = await runAction({ command: 'apply', 'plan-artifact': 'stageform-plan-7' });
    expect(applied.code, applied.stdout).to.equal(0);
    expect(applied.stdout).to.include('Apply complete! Resources: 5 added');
    const drift = await runAction({ command: 'drift' });
    expect(drift.code, drift.stdout).to.equal(0);
  });

  it('GIVEN a mistyped field WHEN the validate step runs THEN it prints an annotation on the file by repository path and fails', async () => {
    const file = join(job.workspace, 'live', 'stages', 'morning-show.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('gridGap:', 'gridGapp:'));
    try {
      const result = await runAction({ command: 'validate' });
      expect(result.code).to.equal(1);
      expect(result.stdout).to.match(/^::error file=live\/stages\/morning-show\.yaml,line=\d+,col=\d+,title=UNKNOWN_FIELD::unknown field `gridGapp`.*did you mean `gridGap`\?$/m);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('GIVEN an unknown command THEN an error annotation naming the accepted commands, exit 1', async () => {
    const result = await runAction({ command: 'destroy' });
    expect(result.code).to.equal(1);
    expect(result.stdout).to.include('::error title=stageform action::input "command" must be one of validate, plan, apply, drift, got "destroy"');
  });
});
