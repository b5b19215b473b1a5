// runApplyCommand in-process with its edges passed in: a terminal that answers, --target,
// --no-wait, an abort signal. The emulator and the real SDK client run in this process.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runApplyCommand, type ApplyCommandOptions } from '../cli/commands/apply.js';
import type { CliIo } from '../cli/io.js';
import type { EmulatorHandle } from '../emulator/index.js';
import { cliEnv } from '../bench/child.js';
import { startTestEmulator, TestProject } from './helpers/projects.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

class Capture {
  text = '';
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

describe('runApplyCommand (in-process, emulator)', function () {
  this.timeout(20_000);
  let handle: EmulatorHandle;
  let project: TestProject;

  beforeEach(async () => {
    handle = await startTestEmulator();
    project = new TestProject();
  });
  afterEach(async () => {
    await handle.stop();
    project.remove();
  });

  async function apply(opts: ApplyCommandOptions, extra: { answer?: string; signal?: AbortSignal } = {}) {
    const stdout = new Capture();
    const stderr = new Capture();
    let stdin: CliIo['stdin'];
    if (extra.answer !== undefined) {
      const input = new PassThrough() as PassThrough & { isTTY?: boolean };
      input.isTTY = true;
      input.end(extra.answer);
      stdin = input;
    }
    const io: CliIo = { stdout, stderr, stdin, cwd: project.dir, env: cliEnv(handle.endpoint), signal: extra.signal ?? new AbortController().signal };
    const code = await runApplyCommand('.', { parallelism: 4, waitTimeout: '2m', target: [], ...opts }, io);
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  const starts = (): number => handle.emulator.callCounts().calls.StartComposition ?? 0;

  const answers: { answer: string; code: number; started: boolean; says: string }[] = [
    { answer: 'yes\n', code: 0, started: true, says: 'Apply complete!' },
    { answer: 'no\n', code: 1, started: false, says: 'Apply cancelled.' },
    { answer: 'y\n', code: 1, started: false, says: 'Apply cancelled.' },
    { answer: '', code: 1, started: false, says: 'Apply cancelled.' },
  ];
  for (const { answer, code, started, says } of answers) {
    it(`GIVEN a terminal WHEN the user answers ${JSON.stringify(answer)} THEN exit ${code}, ${started ? 'applied' : 'nothing started'}`, async () => {
      const result = await apply({}, { answer });
      expect(result.stdout).to.include("Only 'yes' will be accepted to approve.");
      expect(result.stdout).to.include('Enter a value: ');
      expect(result.stdout).to.include(says);
      expect(result.code).to.equal(code);
      expect(starts() > 0).to.equal(started);
    });
  }

  it('GIVEN an invalid manifest WHEN applying THEN the error names file:line:col, nothing is called, exit 1', async () => {
    writeFileSync(join(project.dir, 'stages', 'news.yaml'), readFileSync(join(project.dir, 'stages', 'news.yaml'), 'utf8').replace('name: program', 'name: Not_Valid'));
    const result = await apply({ autoApprove: true });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/stages\/news\.yaml:\d+:\d+/);
    expect(result.stderr).to.not.match(/\n\s+at /);
    expect(handle.emulator.callCounts().calls.ListCompositions ?? 0).to.equal(0);
  });

  it('GIVEN --target WHEN applying THEN only that address changes', async () => {
    const result = await apply({ autoApprove: true, target: ['news/recording'] });
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.include('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    expect(handle.emulator.compositions().map((c) => c.tags['stageform:address'])).to.deep.equal(['news/recording']);
  });

  it('GIVEN --no-wait WHEN applying THEN compositions are reported STARTING, not waited for', async () => {
    const result = await apply({ autoApprove: true, wait: false });
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/\+ news\/recording: started arn:\S+ \(STARTING, not waited for\)/);
    expect(handle.emulator.callCounts().calls.GetComposition ?? 0).to.equal(0);
  });

  it('GIVEN an aborted signal before approval WHEN applying THEN nothing starts and it exits 130', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await apply({ autoApprove: true }, { signal: controller.signal });
    expect(result.code).to.equal(130);
    expect(result.stderr).to.include('Interrupted before anything was changed.');
    expect(starts()).to.equal(0);
  });

  it('GIVEN an abort after the first start WHEN applying THEN the rest is skipped and the summary says interrupted', async () => {
    const controller = new AbortController();
    const stdout = new Capture();
    const stderr: CliIo['stderr'] = {
      write(chunk: string) {
        if (chunk.includes(': starting...')) controller.abort();
        return true;
      },
    };
    const code = await runApplyCommand('.', { autoApprove: true, parallelism: 1, waitTimeout: '2m', target: [] }, { stdout, stderr, cwd: project.dir, env: cliEnv(handle.endpoint), signal: controller.signal });
    expect(code).to.equal(130);
    expect(stdout.text).to.match(/Apply interrupted: 0 failed, 3 skipped\. Resources: 1 added, 0 changed, 0 destroyed\./);
    expect(starts()).to.equal(1);
  });
});
