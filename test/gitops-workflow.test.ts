// examples/github-actions/stageform.yml cannot rot: every step of its jobs that uses the stageform
// action runs here, in job order, with its `with:` inputs, through action.yml's run step against
// the emulator (AWS_ENDPOINT_URL_IVS_REALTIME) on a copy of examples/, and a stub GitHub API.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT as REPO_ROOT } from '../bench/child.js';
import { GithubJobFixture, runActionStep, type ActionRun, type ActionStep } from './helpers/github-action.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

interface Workflow {
  jobs: Record<string, { if?: string; steps: ActionStep[] }>;
}

const WORKFLOW_FILE = join(REPO_ROOT, 'examples', 'github-actions', 'stageform.yml');
const PR_NUMBER = '7';

/** The job's steps that use the stageform action. */
function actionSteps(workflow: Workflow, job: string): ActionStep[] {
  return workflow.jobs[job].steps.filter((s) => /^[^/]+\/stageform@/.test(s.uses ?? ''));
}

/** `with:` values with the expressions the example uses filled in. */
function resolveInputs(step: ActionStep, outputs: Record<string, Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(step.with ?? {}).map(([name, value]) => [
      name,
      String(value).replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression: string) => {
        if (expression === 'github.event.pull_request.number') return PR_NUMBER;
        const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
        if (output) return outputs[output[1]]?.[output[2]] ?? '';
        throw new Error(`the test does not evaluate \${{ ${expression} }}`);
      }),
    ]),
  );
}

describe('GitOps example workflow (examples/github-actions/stageform.yml)', function () {
  this.timeout(60_000);
  const workflow = parse(readFileSync(WORKFLOW_FILE, 'utf8')) as Workflow;
  const fixture = new GithubJobFixture('.', Number(PR_NUMBER));
  before(() => fixture.setUp());
  after(() => fixture.tearDown());

  /** Runs a job's stageform steps in order, as its event; stops at the first failing one. */
  async function runJob(job: string, event: string): Promise<ActionRun[]> {
    const env = fixture.env(event, `${job}-summary.md`);
    const outputs: Record<string, Record<string, string>> = {};
    const runs: ActionRun[] = [];
    for (const step of actionSteps(workflow, job)) {
      const run = await runActionStep({ 'github-token': 'gh-token', ...resolveInputs(step, outputs) }, { env, temp: fixture.temp });
      runs.push(run);
      if (step.id) outputs[step.id] = run.outputs;
      if (run.code !== 0) break;
    }
    return runs;
  }

  it('GIVEN the workflow WHEN read THEN each job uses the action: plan uploads the saved plan per pull request, apply applies the plan it made, drift checks', () => {
    expect(actionSteps(workflow, 'plan').map((s) => s.with)).to.deep.equal([{ command: 'plan', 'plan-artifact': 'stageform-plan-${{ github.event.pull_request.number }}' }]);
    expect(actionSteps(workflow, 'apply').map((s) => s.with?.command)).to.deep.equal(['plan', 'apply']);
    expect(actionSteps(workflow, 'apply')[1].with?.['plan-file']).to.equal('${{ steps.plan.outputs.plan-file }}');
    expect(actionSteps(workflow, 'drift').map((s) => s.with)).to.deep.equal([{ command: 'drift' }]);
  });

  it('GIVEN a pull request WHEN the plan job runs THEN it succeeds with changes, comments the plan and changes nothing', async () => {
    const runs = await runJob('plan', 'pull_request');
    expect(runs.map((r) => r.code), runs.map((r) => r.stdout).join('\n')).to.deep.equal([0]);
    expect(runs[0].outputs['has-changes']).to.equal('true');
    expect(fixture.github.comments).to.have.length(1);
    expect(fixture.github.comments[0].body).to.match(/to add/);
    expect(readFileSync(join(fixture.temp, 'plan-summary.md'), 'utf8')).to.match(/to add/);
    expect(fixture.handle.emulator.callCounts().calls.StartComposition ?? 0).to.equal(0);
  });

  it('GIVEN the merge WHEN the apply job runs THEN live matches the manifests and the summary holds the plan', async () => {
    const runs = await runJob('apply', 'push');
    expect(runs.map((r) => r.code), runs.map((r) => r.stdout).join('\n')).to.deep.equal([0, 0]);
    expect(runs[1].stdout).to.include('Apply complete!');
    const running = fixture.handle.emulator.compositions().filter((c) => c.state === 'ACTIVE' && c.tags['stageform:project'] === 'media-prod');
    expect(running.length).to.be.greaterThan(0);
    expect(readFileSync(join(fixture.temp, 'apply-summary.md'), 'utf8')).to.match(/to add/);
    expect(fixture.github.comments).to.have.length(1);
  });

  it('GIVEN converged live state WHEN the drift job runs THEN it passes; GIVEN a failed composition THEN it fails with exit 2', async () => {
    const clean = await runJob('drift', 'schedule');
    expect(clean[0].code, clean[0].stdout).to.equal(0);
    const victim = fixture.handle.emulator.compositions().find((c) => c.state === 'ACTIVE' && c.tags['stageform:address'] === 'morning-show/program')!;
    fixture.handle.emulator.failComposition(victim.arn);
    const drifted = await runJob('drift', 'schedule');
    expect(drifted[0].code, drifted[0].stdout).to.equal(2);
  });
});
