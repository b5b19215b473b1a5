// examples/github-actions/stageform.yml cannot rot: every step of its jobs that uses the stageform
// action runs here, in job order, with its `with:` inputs, through action.yml's run step against
// the emulator (AWS_ENDPOINT_URL_IVS_REALTIME) on a copy of examples/, and a stub GitHub API.
import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startEmulator, type EmulatorHandle } from '../emulator/index.js';
import { cliEnv, REPO_ROOT } from './apply-cli-helpers.js';
import { runActionStep, StubGithub, type ActionRun, type ActionStep } from './helpers/github-action.js';

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
  const github = new StubGithub();
  let handle: EmulatorHandle;
  let repo: string;
  let temp: string;

  before(async () => {
    repo = mkdtempSync(join(tmpdir(), 'stageform-gitops-'));
    temp = mkdtempSync(join(tmpdir(), 'stageform-gitops-runner-'));
    cpSync(join(REPO_ROOT, 'examples'), repo, { recursive: true, filter: (src) => !src.includes('.stageform') });
    writeFileSync(join(temp, 'event.json'), JSON.stringify({ pull_request: { number: Number(PR_NUMBER) } }));
    handle = await startEmulator({ port: 0, clock: 'real', seed: join(REPO_ROOT, 'examples', 'stageform.seed.yaml'), startDelayMs: 50, stopDelayMs: 50 });
    await github.start();
  });
  after(async () => {
    await handle.stop();
    await github.stop();
    rmSync(repo, { recursive: true, force: true });
    rmSync(temp, { recursive: true, force: true });
  });

  /** Runs a job's stageform steps in order, as its event; stops at the first failing one. */
  async function runJob(job: string, event: string): Promise<ActionRun[]> {
    const env = {
      ...cliEnv(handle.endpoint),
      GITHUB_WORKSPACE: repo,
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: join(temp, 'event.json'),
      GITHUB_REPOSITORY: 'acme/shows',
      GITHUB_API_URL: github.url,
      GITHUB_STEP_SUMMARY: join(temp, `${job}-summary.md`),
    };
    const outputs: Record<string, Record<string, string>> = {};
    const runs: ActionRun[] = [];
    for (const step of actionSteps(workflow, job)) {
      const run = await runActionStep({ 'github-token': 'gh-token', ...resolveInputs(step, outputs) }, { env, temp });
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
    expect(github.comments).to.have.length(1);
    expect(github.comments[0].body).to.match(/to add/);
    expect(readFileSync(join(temp, 'plan-summary.md'), 'utf8')).to.match(/to add/);
    expect(handle.emulator.callCounts().calls.StartComposition ?? 0).to.equal(0);
  });

  it('GIVEN the merge WHEN the apply job runs THEN live matches the manifests and the summary holds the plan', async () => {
    const runs = await runJob('apply', 'push');
    expect(runs.map((r) => r.code), runs.map((r) => r.stdout).join('\n')).to.deep.equal([0, 0]);
    expect(runs[1].stdout).to.include('Apply complete!');
    const running = handle.emulator.compositions().filter((c) => c.state === 'ACTIVE' && c.tags['stageform:project'] === 'media-prod');
    expect(running.length).to.be.greaterThan(0);
    expect(readFileSync(join(temp, 'apply-summary.md'), 'utf8')).to.match(/to add/);
    expect(github.comments).to.have.length(1);
  });

  it('GIVEN converged live state WHEN the drift job runs THEN it passes; GIVEN a failed composition THEN it fails with exit 2', async () => {
    const clean = await runJob('drift', 'schedule');
    expect(clean[0].code, clean[0].stdout).to.equal(0);
    const victim = handle.emulator.compositions().find((c) => c.state === 'ACTIVE' && c.tags['stageform:address'] === 'morning-show/program')!;
    handle.emulator.failComposition(victim.arn);
    const drifted = await runJob('drift', 'schedule');
    expect(drifted[0].code, drifted[0].stdout).to.equal(2);
  });
});
