// IVS as documented, through the built CLI against the emulator: the "Compositions" quota (5 per
// account and region, adjustable, no per-stage quota), AWS's tagging rules, a missing stage,
// whenIdle: skip beside a FAILED or degraded composition, and a --target that matches nothing.
import { expect } from 'chai';
import { cliEnv, runBuiltCli, type BuiltCliRun } from '../bench/child.js';
import type { EmulatorHandle, EmulatorOptions, SeedDocument } from '../emulator/index.js';
import { baseSeed, managedSeed, startSeededEmulator, TempProject, type ManifestComposition } from './helpers/projects.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const FAST = 'rateLimits:\n  composition: 100\n  stage: 100\n  tag: 100\n';

/** `count` S3-only compositions named rec-1..rec-N. */
function recordings(count: number, gridGap?: number): ManifestComposition[] {
  return Array.from({ length: count }, (_, i) => ({ name: `rec-${i + 1}`, s3: true, ...(gridGap !== undefined ? { gridGap } : {}) }));
}

describe('IVS as documented (built CLI, emulator)', function () {
  this.timeout(60_000);
  let project: TempProject | undefined;
  let handle: EmulatorHandle | undefined;

  afterEach(async () => {
    await handle?.stop();
    project?.remove();
    handle = undefined;
    project = undefined;
  });

  async function start(seed: SeedDocument, options: EmulatorOptions = {}): Promise<EmulatorHandle> {
    handle = await startSeededEmulator(seed, { clock: 'real', startDelayMs: 20, stopDelayMs: 20, ...options });
    return handle;
  }

  function run(...args: string[]): Promise<BuiltCliRun> {
    if (!project || !handle) throw new Error('no project or emulator');
    return runBuiltCli(args, { cwd: project.dir, env: cliEnv(handle.endpoint) });
  }

  function running(): string[] {
    return (handle?.emulator.compositions() ?? [])
      .filter((c) => c.state === 'STARTING' || c.state === 'ACTIVE')
      .map((c) => c.tags['stageform:address'] ?? 'unmanaged')
      .sort();
  }

  describe('the "Compositions" quota', () => {
    it('GIVEN 6 compositions declared in one account and region, default quotas WHEN validated THEN QUOTA_EXCEEDED at the 6th names the quota and says it is adjustable', async () => {
      project = new TempProject('quota', FAST).writeManifest('show', 'Show1', recordings(6));
      await start(baseSeed([{ id: 'Show1' }], []));
      const result = await run('validate', '.');
      expect(result.code).to.equal(1);
      expect(result.stderr).to.match(/stages\/show\.yaml:\d+:\d+: error\[QUOTA_EXCEEDED\]: `show\/rec-6` is composition 6 in account 123456789012 \(us-east-1\); the IVS quota "Compositions" \(concurrent compositions per account and region\) is 5 by default, and it is adjustable/);
      expect(result.stderr).to.include('hint: request an increase of "Compositions" for Amazon IVS in the Service Quotas console');
    });

    it('GIVEN the account quota raised to 6 (stageform.yaml and the service) WHEN 6 compositions on one stage are applied THEN all run: there is no per-stage quota', async () => {
      project = new TempProject('quota', `${FAST}quotas:\n  compositionsPerAccount: 6\n`).writeManifest('show', 'Show1', recordings(6));
      await start(baseSeed([{ id: 'Show1' }], []), { quotas: { compositionsPerAccount: 6 } });
      const result = await run('apply', '--auto-approve', '.');
      expect(result.code, result.stderr).to.equal(0);
      expect(running()).to.deep.equal(recordings(6).map((r) => `show/${r.name}`));
    });

    it('GIVEN stageform.yaml says 6 but the emulator keeps the default WHEN applied THEN the 6th start fails with ServiceQuotaExceededException naming the quota', async () => {
      project = new TempProject('quota', `${FAST}quotas:\n  compositionsPerAccount: 6\n`).writeManifest('show', 'Show1', recordings(6));
      await start(baseSeed([{ id: 'Show1' }], []));
      const result = await run('apply', '--auto-approve', '--json', '.');
      expect(result.code).to.equal(1);
      const doc = JSON.parse(result.stdout) as { results: { outcome: string; error?: { code: string; message: string } }[] };
      const failed = doc.results.filter((r) => r.outcome === 'failed');
      expect(failed).to.have.length(1);
      expect(failed[0].error?.code).to.equal('ServiceQuotaExceededException');
      expect(failed[0].error?.message).to.include('quota "Compositions", adjustable');
      expect(running()).to.have.length(5);
    });

    it('GIVEN local serve --compositions-quota that is not a whole number of at least 1 WHEN run THEN exit 1 with one line', async () => {
      project = new TempProject('quota', FAST);
      await start(baseSeed([], []));
      const result = await run('local', 'serve', '--port', '0', '--compositions-quota', '0');
      expect(result.code).to.equal(1);
      expect(result.stderr).to.equal('Error: --compositions-quota: expected a whole number of at least 1, got "0"\n');
    });

    it('GIVEN local serve --event-webhook that is not an http(s) URL WHEN run THEN exit 1 with one line and a hint, before anything listens', async () => {
      project = new TempProject('quota', FAST);
      await start(baseSeed([], []));
      const result = await run('local', 'serve', '--port', '0', '--event-webhook', 'not-a-url');
      expect(result.code).to.equal(1);
      expect(result.stderr).to.equal('Error: --event-webhook: expected an http:// or https:// URL, got "not-a-url"\n  hint: e.g. --event-webhook http://127.0.0.1:9000/events\n');
      expect(result.stdout).to.equal('');
    });

    it('GIVEN 5 of 5 running WHEN an S3-only composition changes THEN the replacement turns stop-first (QUOTA_STOP_FIRST) and apply converges', async () => {
      project = new TempProject('quota', FAST).writeManifest('show', 'Show1', recordings(5));
      const desired = await project.load();
      await start({ ...baseSeed([{ id: 'Show1' }], []), compositions: desired.compositions.map((w) => managedSeed(desired, w, 'ACTIVE')) });
      project.writeManifest('show', 'Show1', [{ name: 'rec-1', s3: true, gridGap: 9 }, ...recordings(5).slice(1)]);
      const plan = await run('plan', '--json', '.');
      expect(plan.code, plan.stderr).to.equal(0);
      const doc = JSON.parse(plan.stdout) as { changes: { address: string; action: string; replaceOrder?: string }[]; warnings: { code: string; address?: string; message: string }[] };
      expect(doc.changes.find((c) => c.address === 'show/rec-1')).to.include({ action: 'replace', replaceOrder: 'stop-first' });
      const warning = doc.warnings.find((w) => w.code === 'QUOTA_STOP_FIRST');
      expect(warning?.address).to.equal('show/rec-1');
      expect(warning?.message).to.include('would put 6 running compositions on account 123456789012 in us-east-1; the IVS quota "Compositions"');
      expect(warning?.message).to.include('adjustable');
      const applied = await run('apply', '--auto-approve', '.');
      expect(applied.code, applied.stderr).to.equal(0);
      expect(running()).to.deep.equal(recordings(5).map((r) => `show/${r.name}`));
    });
  });

  describe("AWS's tagging rules", () => {
    it('GIVEN a tag value aws:x on a composition and one in the project tags WHEN validated and planned THEN RESERVED_TAG at each file:line:col, and nothing is started', async () => {
      project = new TempProject('tags', `${FAST}tags:\n  origin: AWS:console\n`).writeManifest('show', 'Show1', [{ name: 'rec', s3: true, tags: { kind: 'aws:x' } }]);
      await start(baseSeed([{ id: 'Show1' }], []));
      const validate = await run('validate', '.');
      expect(validate.code).to.equal(1);
      expect(validate.stderr).to.match(/stageform\.yaml:8:11: error\[RESERVED_TAG\]: the value of tag "origin" starts with `aws:`/);
      expect(validate.stderr).to.match(/stages\/show\.yaml:\d+:\d+: error\[RESERVED_TAG\]: the value of tag "kind" starts with `aws:`/);
      const apply = await run('apply', '--auto-approve', '.');
      expect(apply.code).to.equal(1);
      expect(handle?.emulator.callCounts().calls.StartComposition ?? 0).to.equal(0);
    });

    it('GIVEN a tag key or value with a character outside letters, digits, spaces and _ . : / = + - @ WHEN validated THEN INVALID_VALUE names the character', async () => {
      project = new TempProject('tags', FAST).writeManifest('show', 'Show1', [{ name: 'rec', s3: true, tags: { 'owner#team': 'media', note: 'café 50%' } }]);
      await start(baseSeed([{ id: 'Show1' }], []));
      const validate = await run('validate', '.');
      expect(validate.code).to.equal(1);
      expect(validate.stderr).to.include('error[INVALID_VALUE]: tag key "owner#team" contains "#"');
      expect(validate.stderr).to.include('error[INVALID_VALUE]: the value of tag "note" contains "%"');
      expect(validate.stderr).to.not.include('"é"');
    });
  });

  describe('a missing stage', () => {
    beforeEach(async () => {
      project = new TempProject('studio', FAST).writeManifest('morning-show', 'Show1', recordings(1)).writeManifest('late-show', 'Gone1', recordings(1));
      await start(baseSeed([{ id: 'Show1' }], []));
    });

    it('GIVEN another manifest whose stage was deleted WHEN apply --target morning-show THEN it applies the target and exits 0', async () => {
      const result = await run('apply', '--auto-approve', '--target', 'morning-show', '.');
      expect(result.code, result.stderr).to.equal(0);
      expect(running()).to.deep.equal(['morning-show/rec-1']);
    });

    it('GIVEN a deleted stage WHEN plan (untargeted) or apply --target on it THEN STAGE_NOT_FOUND at the manifest, exit 1', async () => {
      const plan = await run('plan', '.');
      expect(plan.code).to.equal(1);
      expect(plan.stderr).to.match(/stages\/late-show\.yaml:6:\d+: error\[STAGE_NOT_FOUND\]: stage arn:aws:ivs:us-east-1:123456789012:stage\/Gone1 does not exist/);
      const apply = await run('apply', '--auto-approve', '--target', 'late-show/rec-1', '.');
      expect(apply.code).to.equal(1);
      expect(apply.stderr).to.include('error[STAGE_NOT_FOUND]');
      expect(running()).to.deep.equal([]);
    });

    it('GIVEN a deleted stage WHEN drift runs THEN it reports stage-missing (exit 2) and still checks the other stages', async () => {
      expect((await run('apply', '--auto-approve', '--target', 'morning-show', '.')).code).to.equal(0);
      const line = await run('drift', '.');
      expect(line.code, line.stderr).to.equal(2);
      expect(line.stdout).to.equal('drift: 0 changes, 1 drifted (1 stage-missing), 0 unmanaged\n');
      handle!.emulator.failComposition(handle!.emulator.compositions()[0].arn);
      const json = await run('drift', '--json', '.');
      expect(json.code).to.equal(2);
      const doc = JSON.parse(json.stdout) as { drift: { address: string; kind: string }[]; changes: { address: string }[] };
      expect(doc.drift.map((d) => `${d.address} ${d.kind}`)).to.deep.equal(['late-show/rec-1 stage-missing', 'morning-show/rec-1 failed']);
      expect(doc.changes.map((c) => c.address)).to.deep.equal(['morning-show/rec-1']);
    });
  });

  describe('whenIdle: skip never hides', () => {
    it('GIVEN whenIdle: skip and a FAILED composition on a stage nobody is on WHEN drift runs THEN it reports failed and exits 2', async () => {
      project = new TempProject('studio', `${FAST}whenIdle: skip\n`).writeManifest('show', 'Show1', recordings(1));
      const desired = await project.load();
      await start({ ...baseSeed([{ id: 'Show1', active: false }], []), compositions: [managedSeed(desired, desired.compositions[0], 'FAILED')] }, { clock: 'manual' });
      const result = await run('drift', '--json', '.');
      expect(result.code, result.stderr).to.equal(2);
      const doc = JSON.parse(result.stdout) as { drift: { address: string; kind: string }[]; changes: unknown[] };
      expect(doc.drift.map((d) => `${d.address} ${d.kind}`)).to.deep.equal(['show/rec-1 failed']);
      // Nothing is started on the idle stage: that is what skip is for.
      expect(doc.changes).to.deep.equal([]);
    });

    it('GIVEN whenIdle: skip and a degraded composition on a stage nobody is on WHEN drift runs THEN it reports degraded and exits 2', async () => {
      project = new TempProject('studio', `${FAST}whenIdle: skip\n`).writeManifest('show', 'Show1', recordings(1));
      const desired = await project.load();
      await start({ ...baseSeed([{ id: 'Show1', active: false }], []), compositions: [managedSeed(desired, desired.compositions[0], 'ACTIVE')] }, { clock: 'manual' });
      handle!.emulator.setDestinationState(handle!.emulator.compositions()[0].arn, 0, 'RECONNECTING');
      const result = await run('drift', '--json', '.');
      expect(result.code, result.stderr).to.equal(2);
      const doc = JSON.parse(result.stdout) as { drift: { address: string; kind: string }[] };
      expect(doc.drift.map((d) => `${d.address} ${d.kind}`)).to.deep.equal(['show/rec-1 degraded']);
    });
  });

  describe('--target that matches nothing', () => {
    beforeEach(async () => {
      project = new TempProject('studio', FAST).writeManifest('morning-show', 'Show1', [{ name: 'program', s3: true }, { name: 'recording', s3: true }]);
      await start(baseSeed([{ id: 'Show1' }], []));
    });

    it('GIVEN apply --auto-approve --target nope/x WHEN run THEN exit 1 with TARGET_NOT_FOUND and nothing started', async () => {
      const result = await run('apply', '--auto-approve', '--target', 'nope/x', '.');
      expect(result.code).to.equal(1);
      expect(result.stderr).to.include('Error: --target nope/x matches no declared or managed composition');
      expect(result.stderr).to.include('hint: a target is an address (manifest/composition) or a manifest name; declared manifests: morning-show');
      expect(handle?.emulator.callCounts().calls.StartComposition ?? 0).to.equal(0);
    });

    it('GIVEN a typo in --target WHEN planned THEN exit 1 and the hint names the closest addresses', async () => {
      const result = await run('plan', '--target', 'morning-show/progam', '.');
      expect(result.code).to.equal(1);
      expect(result.stderr).to.equal('Error: --target morning-show/progam matches no declared or managed composition\n  hint: did you mean morning-show/program?\n');
    });

    it('GIVEN a manifest name or an address as --target WHEN planned THEN it is accepted', async () => {
      expect((await run('plan', '--target', 'morning-show', '.')).code).to.equal(0);
      expect((await run('plan', '--target', 'morning-show/recording', '.')).code).to.equal(0);
    });
  });
});
