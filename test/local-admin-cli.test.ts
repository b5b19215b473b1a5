// `stageform local admin` acts on the running `local serve` of the project (it records itself in
// .stageform/), says so in one line when none runs, and uses the embedded world only with --local.
import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEnv, runBuiltCli, startBuiltCli, type BuiltCliRun, type RunningChild } from '../bench/child.js';
import { recordServe, serveRecordPath } from '../cli/local-serve-record.js';
import { startEmulator, type EmulatorHandle } from '../emulator/index.js';

const SEED = `stages:
  - id: AbCdEfGh1234
    name: morning-show
`;

describe('local admin and local serve (built CLI)', function () {
  this.timeout(30_000);
  let dir: string;
  let serve: RunningChild<BuiltCliRun> | undefined;
  let other: EmulatorHandle | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stageform-admin-'));
    writeFileSync(join(dir, 'stageform.seed.yaml'), SEED);
  });
  afterEach(async () => {
    if (serve && serve.child.exitCode === null) serve.child.kill('SIGTERM');
    await serve?.done;
    serve = undefined;
    await other?.stop();
    other = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const admin = (...args: string[]) => runBuiltCli(['local', 'admin', ...args], { cwd: dir, env: cliEnv('') });
  const embeddedState = () => join(dir, '.stageform', 'emulator-state.json');

  /** `local serve --port 0` in the project directory; resolves once it printed its endpoint. */
  async function startServe(): Promise<string> {
    serve = startBuiltCli(['local', 'serve', '--port', '0', '--seed', 'stageform.seed.yaml'], { cwd: dir, env: cliEnv('') });
    let out = '';
    return new Promise<string>((resolve, reject) => {
      serve!.child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /AWS_ENDPOINT_URL_IVS_REALTIME=(\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      serve!.child.on('exit', () => reject(new Error(`serve exited early: ${out}`)));
    });
  }

  function expectNoRunningEmulator(result: BuiltCliRun, problem: RegExp): void {
    expect(result.code).to.equal(1);
    expect(result.stdout).to.equal('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^Error: no running emulator: /).and.to.match(problem);
    expect(lines[1]).to.match(/^  hint: start one with `stageform local serve`/).and.to.contain('--local');
  }

  it('GIVEN no local serve WHEN admin join THEN one line says none runs, with the hint, exit 1, and no embedded world is made', async () => {
    const result = await admin('join', 'morning-show', 'guest');
    expectNoRunningEmulator(result, /no `stageform local serve` is recorded in .*\.stageform/);
    expect(existsSync(embeddedState())).to.equal(false);
  });

  it('GIVEN a running local serve WHEN admin join, advance and status THEN they act on it, and after it stops admin says none runs', async () => {
    const endpoint = await startServe();
    expect(JSON.parse(readFileSync(serveRecordPath(dir), 'utf8'))).to.include({ endpoint });

    const joined = await admin('join', 'morning-show', 'guest');
    expect(joined.code, joined.stderr).to.equal(0);
    const state = (await (await fetch(`${endpoint}/_emulator/state`)).json()) as { stages: { name: string; participants: { userId: string }[] }[] };
    expect(state.stages.find((s) => s.name === 'morning-show')!.participants.map((p) => p.userId)).to.deep.equal(['guest']);
    const before = (await (await fetch(`${endpoint}/_emulator/clock`)).json()) as { now: string };
    const advanced = await admin('advance', '90s');
    expect(advanced.code, advanced.stderr).to.equal(0);
    const status = await admin('status');
    expect(status.stdout).to.match(/morning-show .* session st-\w+ .*participants: guest \(\w+\)/);
    const clock = Date.parse(/^clock: (\S+)/m.exec(status.stdout)![1]!);
    expect(clock - Date.parse(before.now)).to.be.within(90_000, 120_000);
    expect(existsSync(embeddedState())).to.equal(false);

    serve!.child.kill('SIGTERM');
    expect((await serve!.done).code).to.equal(0);
    expect(existsSync(serveRecordPath(dir))).to.equal(false);
    expectNoRunningEmulator(await admin('status'), /no `stageform local serve` is recorded/);
  });

  it('GIVEN a record left by a serve that died WHEN admin status THEN one line says it does not answer', async () => {
    other = await startEmulator({ port: 0 });
    const gone = other.endpoint;
    await other.stop();
    other = undefined;
    recordServe(dir, gone, 999_999);
    expectNoRunningEmulator(await admin('status'), new RegExp(`\\(pid 999999\\) does not answer at ${gone.replace(/\./g, '\\.')}$`));
  });

  it('GIVEN an emulator elsewhere WHEN admin --endpoint THEN it acts on that one', async () => {
    other = await startEmulator({ port: 0, seed: { stages: [{ name: 'elsewhere' }] } });
    const result = await admin('join', 'elsewhere', 'host', '--endpoint', other.endpoint);
    expect(result.code, result.stderr).to.equal(0);
    expect(other.emulator.stages()[0].participants.map((p) => p.userId)).to.deep.equal(['host']);
  });

  it('GIVEN --local WHEN admin join THEN the embedded emulator of the project is used, as before', async () => {
    const result = await admin('--local', 'join', 'morning-show', 'guest');
    expect(result.code, result.stderr).to.equal(0);
    expect(existsSync(embeddedState())).to.equal(true);
  });

  it('GIVEN --local and a --dir that does not exist WHEN admin status THEN one line with a hint, exit 1, and no folder is made', async () => {
    const result = await admin('--local', '--dir', 'no-such-project', 'status');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/^Error: --dir .*no-such-project: no such folder\n  hint: .+\n$/);
    expect(existsSync(join(dir, 'no-such-project'))).to.equal(false);
  });
});
