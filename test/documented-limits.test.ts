// IVS as documented, through the built CLI against the emulator: the idle rule (no participant
// publishing, not "no session"), the 24-hour limit, and listing lag. Each case makes the situation
// the way it happens in IVS (the emulator's own rules on its clock), then runs stageform as a user.
import { expect } from 'chai';
import { cliEnv, runBuiltCli, type BuiltCliRun } from '../bench/child.js';
import type { EmulatorHandle, EmulatorOptions, SeedDocument } from '../emulator/index.js';
import { baseSeed, managedSeed, startSeededEmulator, TempProject } from './helpers/projects.js';

const HOUR = 3_600_000;

interface PlanJson {
  changes: { address: string; action: string; reasons: string[] }[];
  drift: { address: string; kind: string }[];
  warnings: { code: string; address?: string; message: string }[];
}

/** A project with one S3 composition on Show1 (`show/recording`), `whenIdle` as given. */
async function setUp(options: {
  whenIdle?: 'skip' | 'start';
  running?: boolean;
  stage?: NonNullable<SeedDocument['stages']>[number];
  emulator?: EmulatorOptions;
}): Promise<{ project: TempProject; emulator: EmulatorHandle; run: (...args: string[]) => Promise<BuiltCliRun> }> {
  const project = new TempProject('studio').writeManifest('show', 'Show1', [{ name: 'recording', s3: true }], options.whenIdle ? `  whenIdle: ${options.whenIdle}` : '');
  const desired = await project.load();
  const seed = baseSeed([{ id: 'Show1' }], []);
  if (options.stage) seed.stages = [options.stage];
  if (options.running !== false) seed.compositions = desired.compositions.map((w) => managedSeed(desired, w));
  const emulator = await startSeededEmulator(seed, { startDelayMs: 0, stopDelayMs: 0, ...options.emulator });
  const env = cliEnv(emulator.endpoint);
  return { project, emulator, run: (...args) => runBuiltCli(args, { cwd: project.dir, env }) };
}

function parse(run: BuiltCliRun): PlanJson {
  expect(run.stderr).to.equal('');
  return JSON.parse(run.stdout) as PlanJson;
}

function changeLines(plan: PlanJson): string[] {
  return plan.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.action} ${c.reasons.join('+')}`);
}

function hostOf(emulator: EmulatorHandle): string {
  return emulator.emulator.stages()[0].participants.find((p) => p.userId === 'host')!.participantId;
}

describe('IVS as documented (built CLI, emulator)', function () {
  this.timeout(60_000);
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });
  async function bed(options: Parameters<typeof setUp>[0]): ReturnType<typeof setUp> {
    const made = await setUp(options);
    cleanup = async () => {
      await made.emulator.stop();
      made.project.remove();
    };
    return made;
  }

  describe('the idle rule: no participant publishing, whatever the session', () => {
    it('GIVEN a stage with only a subscriber WHEN plan with whenIdle skip THEN nothing starts, after one ListParticipants; with whenIdle start THEN create, and no call', async () => {
      const stage = { id: 'Show1', name: 'show1', participants: [{ userId: 'viewer', publish: false }] };
      const skip = await bed({ whenIdle: 'skip', running: false, stage });
      expect(skip.emulator.emulator.stages()[0].activeSessionId).to.match(/^st-/);
      const skipped = await skip.run('plan', '--json', '--detailed-exitcode');
      expect(changeLines(parse(skipped))).to.deep.equal([]);
      expect(skipped.code).to.equal(0);
      expect(skip.emulator.emulator.callCounts().calls.ListParticipants).to.equal(1);
      await cleanup!();

      const start = await bed({ whenIdle: 'start', running: false, stage });
      const planned = parse(await start.run('plan', '--json'));
      expect(changeLines(planned)).to.deep.equal(['create not-running']);
      expect(start.emulator.emulator.callCounts().calls.ListParticipants ?? 0).to.equal(0);
    });

    it('GIVEN the last publisher left and IVS stopped the composition a minute later WHEN drift while the session is still open THEN stopped-idle, not "stopped outside stageform"', async () => {
      const { emulator, run } = await bed({});
      emulator.emulator.leaveParticipant('Show1', hostOf(emulator));
      emulator.emulator.advanceClock(61_000);
      expect(emulator.emulator.compositions()[0].state).to.equal('STOPPED');
      expect(emulator.emulator.stages()[0].activeSessionId).to.match(/^st-/);
      const drift = await run('drift', '--json');
      const report = parse(drift);
      expect(report.drift.map((d) => d.kind)).to.deep.equal(['stopped-idle']);
      expect(changeLines(report)).to.deep.equal(['create stopped-idle']);
      expect(drift.code).to.equal(2);
    });

    it('GIVEN whenIdle skip and the idle stop while subscribers stay WHEN drift and apply THEN exit 0 and nothing is restarted', async () => {
      const { emulator, run } = await bed({ whenIdle: 'skip' });
      emulator.emulator.joinParticipant('Show1', { userId: 'viewer', publish: false });
      emulator.emulator.leaveParticipant('Show1', hostOf(emulator));
      emulator.emulator.advanceClock(61_000);
      const drift = await run('drift', '--json');
      expect(parse(drift).drift).to.deep.equal([]);
      expect(drift.code).to.equal(0);
      emulator.emulator.resetCounters();
      const apply = await run('apply', '--auto-approve');
      expect(apply.code).to.equal(0);
      expect(emulator.emulator.callCounts().calls.StartComposition ?? 0).to.equal(0);
    });

    it('GIVEN a plan in sync WHEN plan THEN no ListParticipants call; a stage that needs a start THEN one', async () => {
      const { emulator, run } = await bed({});
      emulator.emulator.resetCounters();
      expect((await run('plan', '--detailed-exitcode')).code).to.equal(0);
      expect(emulator.emulator.callCounts().calls.ListParticipants ?? 0).to.equal(0);
      emulator.emulator.stopCompositionExternally(emulator.emulator.compositions()[0].arn);
      emulator.emulator.resetCounters();
      const plan = parse(await run('plan', '--json'));
      expect(plan.drift.map((d) => d.kind)).to.deep.equal(['stopped']);
      expect(emulator.emulator.callCounts().calls.ListParticipants).to.equal(1);
    });
  });

  describe('the 24-hour limit', () => {
    it('GIVEN a composition 23.5 hours old WHEN plan THEN MAX_DURATION names when; --horizon 10m THEN no warning', async () => {
      const { emulator, run } = await bed({});
      const startedAt = Date.parse(emulator.emulator.compositions()[0].startTime!);
      emulator.emulator.advanceClock(23.5 * HOUR);
      const plan = await run('plan', '--json', '--detailed-exitcode');
      expect(plan.code).to.equal(0);
      const warnings = parse(plan).warnings;
      expect(warnings.map((w) => `${w.code} ${w.address}`)).to.deep.equal(['MAX_DURATION show/recording']);
      expect(warnings[0].message).to.include(new Date(startedAt + 24 * HOUR).toISOString()).and.to.include('in 30 min');
      expect(parse(await run('plan', '--json', '--horizon', '10m')).warnings).to.deep.equal([]);
    });

    it('GIVEN a composition that reached 24 hours WHEN drift THEN expired, planned as a create; apply starts a new one', async () => {
      const { emulator, run } = await bed({});
      emulator.emulator.advanceClock(24 * HOUR + 1000);
      expect(emulator.emulator.compositions()[0].state).to.equal('STOPPED');
      const drift = await run('drift', '--json');
      const report = parse(drift);
      expect(report.drift.map((d) => d.kind)).to.deep.equal(['expired']);
      expect(changeLines(report)).to.deep.equal(['create expired']);
      expect(drift.code).to.equal(2);
      const human = await run('drift');
      expect(human.stdout).to.include('expired');
      expect((await run('apply', '--auto-approve')).code).to.equal(0);
      expect(emulator.emulator.compositions().filter((c) => c.state === 'ACTIVE')).to.have.length(1);
    });
  });

  describe('listing lag', () => {
    it('GIVEN ListCompositions 2 s behind WHEN apply, then plan and drift right after THEN no changes, no drift, one composition per address', async () => {
      const { emulator, run } = await bed({ running: false, emulator: { clock: 'real', startDelayMs: 50, stopDelayMs: 50, faults: { ListCompositions: { listingLagMs: 2000 } } } });
      const apply = await run('apply', '--auto-approve');
      expect(apply.code, apply.stderr).to.equal(0);
      expect(apply.stdout).not.to.include('does not show every change');
      const plan = await run('plan', '--detailed-exitcode');
      expect(plan.code, plan.stdout).to.equal(0);
      const drift = await run('drift');
      expect(drift.code, drift.stdout).to.equal(0);
      expect(emulator.emulator.compositions().map((c) => c.state)).to.deep.equal(['ACTIVE']);
    });

    it('GIVEN listing lag and --no-wait WHEN apply twice in a row THEN the second finds nothing listed yet and still starts no duplicate', async () => {
      const { emulator, run } = await bed({ running: false, emulator: { clock: 'real', startDelayMs: 50, stopDelayMs: 50, faults: { ListCompositions: { listingLagMs: 5000 } } } });
      expect((await run('apply', '--auto-approve', '--no-wait')).code).to.equal(0);
      const second = await run('apply', '--auto-approve', '--no-wait');
      expect(second.code, second.stderr).to.equal(0);
      expect(emulator.emulator.compositions()).to.have.length(1);
    });
  });
});
