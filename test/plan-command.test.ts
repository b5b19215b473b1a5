// runPlanCommand and runDriftCommand in-process: the edges (streams, env, cwd) are parameters, so
// terminal behaviour can be checked without a terminal. The emulator still answers over HTTP.
import { expect } from 'chai';
import { runDriftCommand } from '../cli/commands/drift.js';
import { runPlanCommand } from '../cli/commands/plan.js';
import type { CliIo } from '../cli/io.js';
import type { DesiredState } from '../core/model/desired.js';
import type { Plan } from '../core/model/plan.js';
import type { EmulatorHandle } from '../emulator/index.js';
import { baseSeed, managedSeed, startSeededEmulator, TempProject } from './helpers/projects.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('plan and drift commands (in-process, emulator)', function () {
  this.timeout(20_000);
  let project: TempProject;
  let desired: DesiredState;
  let emulator: EmulatorHandle;

  before(async () => {
    project = new TempProject('studio')
      .writeManifest('show', 'Show1', [{ name: 'program', channel: 'ChanShow1' }, { name: 'recording', s3: true }])
      .writeManifest('news', 'News1', [{ name: 'program', channel: 'ChanNews1' }]);
    desired = await project.load();
    const running = desired.compositions.filter((c) => c.address === 'news/program').map((c) => managedSeed(desired, c));
    emulator = await startSeededEmulator({ ...baseSeed([{ id: 'Show1' }, { id: 'News1' }], ['ChanShow1', 'ChanNews1']), compositions: running });
  });
  after(async () => {
    await emulator.stop();
    project.remove();
  });

  function io(tty: boolean): CliIo & { out: () => string; err: () => string } {
    let out = '';
    let err = '';
    return {
      stdout: { write: (c: string) => ((out += c), true), isTTY: tty, columns: tty ? 100 : undefined },
      // stderr is never a terminal here: the spinner has its own test.
      stderr: { write: (c: string) => ((err += c), true) },
      cwd: project.dir,
      env: { AWS_ENDPOINT_URL_IVS_REALTIME: emulator.endpoint, AWS_ENDPOINT_URL_IVS: emulator.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'never-printed' },
      out: () => out,
      err: () => err,
    };
  }

  it('GIVEN a terminal THEN the plan is coloured; with --no-color it is not; the words are the same', async () => {
    const tty = io(true);
    const plain = io(true);
    expect(await runPlanCommand('.', {}, tty)).to.equal(0);
    expect(await runPlanCommand('.', { color: false }, plain)).to.equal(0);
    expect(tty.out()).to.match(/\x1b\[32m\+\x1b\[0m composition "show\/program"/);
    expect(plain.out()).not.to.match(/\x1b\[/);
    expect(tty.out().replace(/\x1b\[[0-9;]*m/g, '')).to.equal(plain.out());
  });

  it('GIVEN --target show/recording THEN only that change is planned, and the plan records the target', async () => {
    const streams = io(false);
    expect(await runPlanCommand('.', { target: ['show/recording'], json: true, detailedExitcode: true }, streams)).to.equal(2);
    const plan = JSON.parse(streams.out()) as Plan;
    expect(plan.changes.map((c) => `${c.address} ${c.action}`)).to.deep.equal(['show/recording create']);
    expect(plan.targets).to.deep.equal(['show/recording']);
  });

  it('GIVEN --format markdown THEN a pull-request comment with the summary above the fold', async () => {
    const streams = io(false);
    expect(await runPlanCommand('.', { format: 'markdown' }, streams)).to.equal(0);
    expect(streams.out()).to.match(/^### stageform plan: `studio`\n\n\*\*Plan: 2 to add, 0 to change, 0 to destroy\.\*\*\n/);
  });

  it('GIVEN --out in a directory that does not exist THEN one error line, exit 1', async () => {
    const streams = io(false);
    expect(await runPlanCommand('.', { out: 'missing/dir/plan.sfplan' }, streams)).to.equal(1);
    expect(streams.err()).to.equal('Error: cannot write the plan to missing/dir/plan.sfplan: ENOENT\n  hint: check that the directory exists and is writable\n');
  });

  it('GIVEN a manifest over the size limit WHEN plan THEN the error line and hint only: the file is not read for a code frame', async () => {
    const big = new TempProject('big').writeFile('stages/big.yaml', `apiVersion: stageform/v1 # ${'x'.repeat(2 * 1024 * 1024)}\n`);
    try {
      const streams = { ...io(false), cwd: big.dir };
      expect(await runPlanCommand('.', {}, streams)).to.equal(1);
      expect(streams.err()).to.equal(
        'stages/big.yaml:1:1: error[FILE_TOO_LARGE]: file is 2097180 bytes, more than the 1048576-byte limit for a manifest\n  hint: split it into several manifest files\n',
      );
    } finally {
      big.remove();
    }
  });

  it('GIVEN compositions to start WHEN drift THEN exit 2 and the summary line, nothing on stderr', async () => {
    const streams = io(false);
    expect(await runDriftCommand('.', {}, streams)).to.equal(2);
    expect(streams.out()).to.equal('drift: 2 changes, 0 drifted, 0 unmanaged\n');
    expect(streams.err()).to.equal('');
  });
});
