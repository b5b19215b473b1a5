// plan, show and drift as a user runs them: the built CLI against the emulator on a free port.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DesiredState } from '../core/model/desired.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../core/model/plan.js';
import type { EmulatorHandle } from '../emulator/index.js';
import { cliEnv, PLACEHOLDER_SECRET, runBuiltCli, type BuiltCliRun } from '../bench/child.js';
import { baseSeed, managedSeed, startSeededEmulator, TempProject } from './helpers/projects.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const STAGES = [{ id: 'Show1' }, { id: 'News1' }];
const CHANNELS = ['ChanShow1', 'ChanNews1'];

/** Without NO_COLOR: output is plain because it goes to a pipe, not because it was asked to be. */
const pipedEnv = (endpoint: string) => cliEnv(endpoint, { NO_COLOR: undefined });

function expectCleanStderr(result: BuiltCliRun): void {
  expect(result.stderr).not.to.match(/\n\s+at /); // no stack trace
  expect(result.stderr + result.stdout).not.to.contain(PLACEHOLDER_SECRET);
  expect(result.stderr).not.to.match(/NodeDeprecationWarning|NOTE: The AWS SDK/);
}

describe('plan, show and drift commands (built CLI, emulator)', function () {
  this.timeout(30_000);
  let project: TempProject;
  let desired: DesiredState;
  let emulator: EmulatorHandle | undefined;

  beforeEach(async () => {
    project = new TempProject('studio')
      .writeManifest('show', 'Show1', [{ name: 'program', channel: 'ChanShow1', s3: true }, { name: 'recording', s3: true, tags: { kind: 'iso' } }])
      .writeManifest('news', 'News1', [{ name: 'program', channel: 'ChanNews1' }]);
    desired = await project.load();
  });
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
    project.remove();
  });

  const run = (...args: string[]) => runBuiltCli(args, { cwd: project.dir, env: pipedEnv(emulator!.endpoint) });
  const want = (address: string) => desired.compositions.find((c) => c.address === address)!;
  const allRunning = () => desired.compositions.map((c) => managedSeed(desired, c));

  it('GIVEN nothing running WHEN plan THEN it shows three creates, exits 0, and 2 with --detailed-exitcode', async () => {
    emulator = await startSeededEmulator(baseSeed(STAGES, CHANNELS));
    const [plain, detailed] = await Promise.all([run('plan', '.'), run('plan', '.', '--detailed-exitcode')]);
    expect(plain.code).to.equal(0);
    expect(plain.stdout).to.contain('  # show/program will be created');
    expect(plain.stdout).to.contain('Plan: 3 to add, 0 to change, 0 to destroy.');
    expect(plain.stdout).not.to.match(/\x1b\[/);
    expect(plain.stderr).to.equal('');
    expect(detailed.code).to.equal(2);
    expect(detailed.stdout).to.equal(plain.stdout);
    expect(emulator.emulator.compositions()).to.deep.equal([]);
  });

  it('GIVEN live matching the manifests WHEN plan and drift THEN no changes, exit 0 even with --detailed-exitcode', async () => {
    emulator = await startSeededEmulator({ ...baseSeed(STAGES, CHANNELS), compositions: allRunning() });
    const [plan, drift] = await Promise.all([run('plan', '--detailed-exitcode'), run('drift')]);
    expect(plan.code, plan.stderr).to.equal(0);
    expect(plan.stdout).to.equal('No changes. Live compositions match the manifests.\n');
    expect(drift.code).to.equal(0);
    expect(drift.stdout).to.equal('drift: 0 changes, 0 drifted, 0 unmanaged\n');
  });

  it('GIVEN a FAILED composition and an unmanaged one WHEN drift THEN exit 2 with one line, and JSON for alerting', async () => {
    const others = { stageArn: want('show/program').stageArn, destinations: managedSeed(desired, want('show/recording')).destinations, tags: { owner: 'compliance' } };
    emulator = await startSeededEmulator({ ...baseSeed(STAGES, CHANNELS), compositions: [...allRunning(), others] });
    const failed = emulator.emulator.compositions().find((c) => c.tags['stageform:address'] === 'news/program')!;
    emulator.emulator.failComposition(failed.arn);
    const [line, json, plan] = await Promise.all([run('drift'), run('drift', '--json'), run('plan')]);
    expect(line.code).to.equal(2);
    expect(line.stdout).to.equal('drift: 1 change, 1 drifted (1 failed), 1 unmanaged\n');
    expect(json.code).to.equal(2);
    const report = JSON.parse(json.stdout);
    expect(report.counts).to.deep.equal({ changes: 1, drift: 1, driftByKind: { failed: 1 }, unmanaged: 1 });
    expect(report.changes).to.deep.equal([{ address: 'news/program', action: 'replace', replaceOrder: 'stop-first', reasons: ['failed'] }]);
    expect(plan.stdout).to.contain('  # news/program must be replaced (failed)');
    expect(plan.stdout).to.contain('Objects have changed outside stageform:');
    expect(plan.stdout).to.contain('Unmanaged compositions (not changed by stageform):');
    expectCleanStderr(plan);
  });

  it('GIVEN a changed layout WHEN plan --out then show THEN show renders the saved plan exactly as plan printed it', async () => {
    emulator = await startSeededEmulator({ ...baseSeed(STAGES, CHANNELS), compositions: allRunning() });
    project.writeManifest('news', 'News1', [{ name: 'program', channel: 'ChanNews1', gridGap: 12 }]);
    const plan = await run('plan', '--out', 'tonight.sfplan');
    expect(plan.code, plan.stderr).to.equal(0);
    expect(plan.stdout).to.contain('~ gridGap = 2 -> 12 # forces replacement');
    expect(plan.stdout).to.contain('Saved the plan to tonight.sfplan');
    const saved = JSON.parse(readFileSync(join(project.dir, 'tonight.sfplan'), 'utf8'));
    expect(saved.kind).to.equal('stageform-plan');
    expect(saved.provenance.endpoint).to.equal(emulator.endpoint);
    expect(saved.plan.summary).to.include({ add: 1, destroy: 1 });

    const [show, showJson, planJson, md] = await Promise.all([
      run('show', 'tonight.sfplan'),
      run('show', 'tonight.sfplan', '--json'),
      run('plan', '--json'),
      run('show', 'tonight.sfplan', '--format', 'markdown'),
    ]);
    expect(show.code).to.equal(0);
    expect(plan.stdout.startsWith(show.stdout)).to.equal(true);
    expect(JSON.parse(showJson.stdout)).to.deep.equal(JSON.parse(planJson.stdout));
    expect(md.stdout).to.contain('> [!WARNING]');
    expect(md.stdout).to.contain('```diff');
  });

  it('GIVEN plan --json THEN the Plan object in the current format version, sorted by address', async () => {
    emulator = await startSeededEmulator(baseSeed(STAGES, CHANNELS));
    const result = await run('plan', '--json');
    const plan = JSON.parse(result.stdout) as Plan;
    expect(plan.formatVersion).to.equal(PLAN_FORMAT_VERSION);
    expect(plan.changes.map((c) => `${c.address} ${c.action}`)).to.deep.equal(['news/program create', 'show/program create', 'show/recording create']);
    expect(plan.changes.every((c) => typeof c.idempotencyToken === 'string')).to.equal(true);
  });

  it('GIVEN a bad manifest WHEN plan or drift THEN exit 1 with file:line:col and a hint, nothing on stdout', async () => {
    emulator = await startSeededEmulator(baseSeed(STAGES, CHANNELS));
    project.writeFile('stages/news.yaml', 'apiVersion: stageform/v1\nkind: StageCompositions\nmetadata:\n  name: news\nspec:\n  stageArn: not-an-arn\n  compositions: []\n');
    const results = await Promise.all(['plan', 'drift'].map((command) => run(command)));
    for (const [i, command] of ['plan', 'drift'].entries()) {
      const result = results[i];
      expect(result.code, command).to.equal(1);
      expect(result.stdout, command).to.equal('');
      expect(result.stderr, command).to.match(/stages\/news\.yaml:\d+:\d+: error\[/);
      expectCleanStderr(result);
    }
  });

  it('GIVEN a stage that does not exist WHEN plan THEN STAGE_NOT_FOUND at the manifest, exit 1', async () => {
    emulator = await startSeededEmulator(baseSeed([{ id: 'Show1' }], CHANNELS));
    const result = await run('plan');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/^stages\/news\.yaml:6:\d+: error\[STAGE_NOT_FOUND\]/m);
  });

  it('GIVEN a stage full of unmanaged compositions WHEN plan THEN QUOTA_EXCEEDED, exit 1', async () => {
    const foreign = managedSeed(desired, want('show/recording'));
    const hand = { stageArn: foreign.stageArn, destinations: foreign.destinations, tags: { owner: 'someone' } };
    emulator = await startSeededEmulator({ ...baseSeed(STAGES, CHANNELS), compositions: [hand, hand, hand, hand, hand] });
    const result = await run('plan');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/error\[QUOTA_EXCEEDED\]/);
    expect(result.stdout).to.equal('');
  });

  it('GIVEN a missing or foreign plan file WHEN show THEN one clear line, exit 1', async () => {
    emulator = await startSeededEmulator(baseSeed(STAGES, CHANNELS));
    const missing = await run('show', 'nope.sfplan');
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.equal('Error: nope.sfplan: no such file\n  hint: pass a file written by stageform plan --out\n');
    project.writeFile('other.json', '{"kind":"something-else"}');
    const foreign = await run('show', 'other.json');
    expect(foreign.code).to.equal(1);
    expect(foreign.stderr).to.contain('other.json is not a stageform plan');
  });
});

describe('plan over many stages and pages (built CLI, emulator pages of 2)', function () {
  this.timeout(30_000);
  it('GIVEN 6 stages and 18 running compositions, listed two per page THEN every one is seen: no changes', async () => {
    // Rate limits raised: this test is about paging, not about pacing.
    const project = new TempProject('studio', 'quotas:\n  compositionsPerAccount: 40\nrateLimits:\n  composition: 500\n  stage: 500\n  tag: 500\n');
    const stages = [1, 2, 3, 4, 5, 6].map((i) => ({ id: `Many${i}` }));
    for (const s of stages) project.writeManifest(s.id.toLowerCase(), s.id, [1, 2, 3].map((c) => ({ name: `cam-${c}`, gridGap: c })));
    const desired = await project.load();
    const emulator = await startSeededEmulator(
      { ...baseSeed(stages, []), compositions: desired.compositions.map((c) => managedSeed(desired, c)) },
      { maxPageSize: 2, quotas: { compositionsPerAccount: 40 } },
    );
    try {
      const [result, jsonRun] = await Promise.all([
        runBuiltCli(['plan', '--detailed-exitcode'], { cwd: project.dir, env: pipedEnv(emulator.endpoint) }),
        runBuiltCli(['plan', '--json'], { cwd: project.dir, env: pipedEnv(emulator.endpoint) }),
      ]);
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout).to.equal('No changes. Live compositions match the manifests.\n');
      const json = JSON.parse(jsonRun.stdout) as Plan;
      expect(json.summary.noop).to.equal(18);
    } finally {
      await emulator.stop();
      project.remove();
    }
  });
});
