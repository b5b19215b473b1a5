// examples/github-actions/stageform.yml cannot rot: every `stageform` line its jobs run is run
// here, in job order, against the emulator (AWS_ENDPOINT_URL_IVS_REALTIME) on a copy of examples/.
import { expect } from 'chai';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startEmulator, type EmulatorHandle } from '../emulator/index.js';
import { BIN, cliEnv, ROOT, startChild } from '../bench/child.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

interface Workflow {
  jobs: Record<string, { if?: string; steps: { name?: string; run?: string; uses?: string; with?: Record<string, string> }[] }>;
}

const WORKFLOW_FILE = join(ROOT, 'examples', 'github-actions', 'stageform.yml');

/** The lines of a job's `run:` scripts that invoke stageform, in order. */
function stageformLines(workflow: Workflow, job: string): string[] {
  return workflow.jobs[job].steps.flatMap((s) => (s.run ?? '').split('\n').map((l) => l.trim()).filter((l) => /^stageform\s/.test(l)));
}

/** Runs one line as GitHub's bash step would (-e -o pipefail), with `stageform` being the built CLI. */
function runLine(line: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const script = `set -eo pipefail\nstageform() { node ${JSON.stringify(BIN)} "$@"; }\n${line}\n`;
  return startChild('bash', ['-c', script], { cwd, env }).done.then((run) => ({ code: run.code, output: run.stdout + run.stderr }));
}

describe('GitOps example workflow (examples/github-actions/stageform.yml)', function () {
  this.timeout(60_000);
  const workflow = parse(readFileSync(WORKFLOW_FILE, 'utf8')) as Workflow;
  let handle: EmulatorHandle;
  let repo: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    repo = mkdtempSync(join(tmpdir(), 'stageform-gitops-'));
    cpSync(join(ROOT, 'examples'), repo, { recursive: true, filter: (src) => !src.includes('.stageform') });
    handle = await startEmulator({ port: 0, clock: 'real', seed: join(ROOT, 'examples', 'stageform.seed.yaml'), startDelayMs: 50, stopDelayMs: 50 });
    env = { ...cliEnv(handle.endpoint), GITHUB_STEP_SUMMARY: join(repo, 'step-summary.md') };
  });
  after(async () => {
    await handle.stop();
    rmSync(repo, { recursive: true, force: true });
  });

  it('GIVEN the workflow WHEN read THEN each job runs stageform, the PR job keeps one marked comment and uploads the saved plan', () => {
    expect(stageformLines(workflow, 'plan')).to.have.length.greaterThan(0);
    expect(stageformLines(workflow, 'apply').some((l) => /^stageform apply .*plan\.sfplan$/.test(l))).to.equal(true);
    expect(stageformLines(workflow, 'drift')).to.deep.equal(['stageform drift --no-color .']);
    const steps = workflow.jobs.plan.steps;
    expect(steps.find((s) => s.uses?.startsWith('actions/github-script'))?.with?.script).to.include('<!-- stageform-plan -->');
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with?.path).to.include('plan.sfplan');
  });

  it('GIVEN a pull request WHEN the plan job runs THEN it succeeds with changes and leaves plan.md and plan.sfplan', async () => {
    for (const line of stageformLines(workflow, 'plan')) {
      const { code, output } = await runLine(line, repo, env);
      expect(code, `${line}\n${output}`).to.equal(0);
    }
    expect(readFileSync(join(repo, 'plan.md'), 'utf8')).to.match(/to add/);
    expect(existsSync(join(repo, 'plan.sfplan'))).to.equal(true);
    expect(handle.emulator.callCounts().calls.StartComposition ?? 0).to.equal(0);
  });

  it('GIVEN the merge WHEN the apply job runs THEN live matches the manifests and the summary holds the plan', async () => {
    for (const line of stageformLines(workflow, 'apply')) {
      const { code, output } = await runLine(line, repo, env);
      expect(code, `${line}\n${output}`).to.equal(0);
    }
    const running = handle.emulator.compositions().filter((c) => c.state === 'ACTIVE' && c.tags['stageform:project'] === 'media-prod');
    expect(running.length).to.be.greaterThan(0);
    expect(readFileSync(join(repo, 'step-summary.md'), 'utf8').length).to.be.greaterThan(0);
  });

  it('GIVEN converged live state WHEN the drift job runs THEN it passes; GIVEN a failed composition THEN it fails with exit 2', async () => {
    const [line] = stageformLines(workflow, 'drift');
    const clean = await runLine(line, repo, env);
    expect(clean.code, clean.output).to.equal(0);
    const victim = handle.emulator.compositions().find((c) => c.state === 'ACTIVE' && c.tags['stageform:address'] === 'morning-show/program')!;
    handle.emulator.failComposition(victim.arn);
    const drifted = await runLine(line, repo, env);
    expect(drifted.code, drifted.output).to.equal(2);
  });
});
