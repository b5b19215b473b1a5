// Reconcile passes against the emulator through the real SDK, on its manual clock: apply's waits
// advance it, so nothing here sleeps. Each test reads GIVEN / WHEN / THEN.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReconcileLoopEvent } from '../core/pipeline/reconcile-loop.js';
import { runSimulatedLoop } from '../bench/simulated-loop.js';
import { baseSeed, startSeededEmulator, TempProject } from './helpers/projects.js';
import type { DesiredState } from '../core/model/desired.js';
import { createIvsApi } from '../core/ivs/ivs-client.js';
import type { IvsApi } from '../core/ivs/ivs-api.js';
import { reconcileObserved, type ReconcilePassOptions, type ReconcileResult } from '../core/pipeline/reconcile-pass.js';
import { observeLive } from '../core/observe/observe-live.js';
import { BackoffBook, type ReconcilePolicy } from '../core/pipeline/reconcile-policy.js';
import type { EmulatorHandle } from '../emulator/index.js';
import { ACCOUNT, channelDestination, desiredState, ENCODER, s3Destination, stageArn, STORAGE, type CompositionInput } from './helpers/builders.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const SEED = {
  stages: [
    { id: 'Morning1', name: 'morning', participants: [{ participantId: 'host' }] },
    { id: 'Quiet1', name: 'quiet' },
  ],
  channels: [{ id: 'Morning1' }, { id: 'Quiet1' }],
  encoderConfigurations: [{ id: ENCODER.split('/')[1] }],
  storageConfigurations: [{ id: STORAGE.split('/')[1] }],
};

const program: CompositionInput = { address: 'morning/program', stage: 'Morning1', destinations: [channelDestination('Morning1', 'live')] };
const quietRecording: CompositionInput = { address: 'quiet/recording', stage: 'Quiet1', destinations: [s3Destination({}, 'archive')], whenIdle: 'skip' };

describe('reconcile passes against the emulator (real SDK, manual clock)', function () {
  this.timeout(30_000);
  let handle: EmulatorHandle;
  let api: IvsApi;

  beforeEach(async () => {
    handle = await startSeededEmulator(SEED, { startDelayMs: 1000, stopDelayMs: 1000 });
    api = createIvsApi({ region: 'us-east-1', endpoint: handle.endpoint, env: {} });
  });
  afterEach(async () => {
    await handle.stop();
  });

  /** Steps 2-5 of a pass after an observation (what the plan pass hands over). */
  async function passWith(desired: DesiredState, options: ReconcilePassOptions, client = api): Promise<ReconcileResult> {
    const live = await observeLive(desired, () => client, { parallelism: 4, regions: ['us-east-1'] });
    return reconcileObserved(desired, live, ['us-east-1'], () => client, options);
  }

  function pass(desired: DesiredState, policy: ReconcilePolicy = 'heal', backoff = new BackoffBook(), client = api): Promise<ReconcileResult> {
    return passWith(desired, { policy, parallelism: 4, backoff, now: () => handle.emulator.now(), sleep: async (ms: number) => handle.emulator.advanceClock(ms) }, client);
  }

  function running(address: string): string[] {
    return handle.emulator
      .compositions()
      .filter((c) => c.tags['stageform:address'] === address && (c.state === 'ACTIVE' || c.state === 'STARTING'))
      .map((c) => c.arn);
  }

  it('GIVEN whenIdle: skip on an idle stage WHEN a publisher joins THEN the next pass starts it; WHEN the stage goes idle THEN it is absent without drift', async () => {
    const desired = desiredState([quietRecording]);
    const idle = await pass(desired);
    expect(idle).to.include({ status: 'in-sync' });
    expect(idle.applied).to.deep.equal([]);
    expect(idle.drift).to.deep.equal([]);

    handle.emulator.joinParticipant('quiet');
    const live = await pass(desired);
    expect(live.status).to.equal('in-sync');
    expect(live.applied.map((r) => [r.address, r.outcome, r.state])).to.deep.equal([['quiet/recording', 'started', 'ACTIVE']]);

    handle.emulator.leaveParticipant('quiet');
    handle.emulator.advanceClock(61_000);
    expect(running('quiet/recording')).to.deep.equal([]);
    const after = await pass(desired);
    expect(after).to.include({ status: 'in-sync' });
    expect(after.applied).to.deep.equal([]);
    expect(after.drift).to.deep.equal([]);
  });

  it('GIVEN a running composition WHEN it FAILS or is stopped while the stage is live THEN heal starts a new one', async () => {
    const desired = desiredState([program]);
    await pass(desired);
    const [first] = running('morning/program');
    handle.emulator.failComposition(first);
    const healed = await pass(desired);
    expect(healed.applied.map((r) => [r.action, r.outcome])).to.deep.equal([['replace-stop-first', 'replaced']]);
    expect(healed.drift.map((d) => d.kind)).to.deep.equal(['failed']);
    const [second] = running('morning/program');
    handle.emulator.stopCompositionExternally(second);
    handle.emulator.advanceClock(2000);
    const restarted = await pass(desired);
    expect(restarted.applied.map((r) => [r.action, r.outcome])).to.deep.equal([['create', 'started']]);
    expect(running('morning/program')).to.have.length(1);
  });

  it('GIVEN a changed spec and an address removed WHEN healing THEN both are held (exit 2 material) and nothing is replaced or stopped; WHEN syncing THEN they are applied', async () => {
    await pass(desiredState([program, { ...quietRecording, whenIdle: 'start' }]));
    const before = running('morning/program');
    const changed = desiredState([{ ...program, layout: { grid: { gridGap: 9 } } }]);
    const healed = await pass(changed);
    expect(healed.status).to.equal('remaining');
    expect(healed.applied).to.deep.equal([]);
    expect(healed.held.map((h) => [h.address, h.action, h.reason])).to.deep.equal([
      ['morning/program', 'replace-stop-first', 'policy'],
      ['quiet/recording', 'delete', 'policy'],
    ]);
    expect(running('morning/program')).to.deep.equal(before);

    const synced = await pass(changed, 'sync');
    expect(synced.status).to.equal('in-sync');
    expect(synced.applied.map((r) => [r.address, r.outcome])).to.deep.equal([
      ['morning/program', 'replaced'],
      ['quiet/recording', 'stopped'],
    ]);
  });

  it('GIVEN an unmanaged composition on a declared stage WHEN syncing THEN it is never touched', async () => {
    handle.emulator.seed({ compositions: [{ stageArn: stageArn('Morning1'), destinations: [{ s3: { storageConfigurationArn: STORAGE, encoderConfigurationArns: [ENCODER] } }], tags: { owner: 'other-team' } }] } as never);
    const result = await pass(desiredState([program]), 'sync');
    expect(result.status).to.equal('in-sync');
    const other = handle.emulator.compositions().filter((c) => c.tags.owner === 'other-team');
    expect(other.map((c) => c.state)).to.deep.equal(['ACTIVE']);
  });

  it('GIVEN StartComposition failing for one address WHEN passes repeat THEN that address rests in backoff while the other starts', async () => {
    const desired = desiredState([program, { ...quietRecording, whenIdle: 'start' }]);
    handle.emulator.configureFaults({ StartComposition: { internalErrorRate: 1 } });
    const client = createIvsApi({ region: 'us-east-1', endpoint: handle.endpoint, env: {}, maxAttempts: 1 });
    const backoff = new BackoffBook({ baseMs: 10_000, capMs: 60_000 });
    const failing = await pass(desired, 'heal', backoff, client);
    expect(failing.status).to.equal('remaining');
    expect(failing.applied.map((r) => r.outcome)).to.deep.equal(['failed', 'failed']);
    expect(failing.requeueAfterMs).to.be.within(0, 10_000);

    // Only the quiet stage's starts work again: the morning address keeps failing and rests longer.
    handle.emulator.configureFaults({});
    handle.emulator.advanceClock(10_000);
    backoff.recordFailure('morning/program', handle.emulator.now());
    const next = await pass(desired, 'heal', backoff, client);
    expect(next.applied.map((r) => [r.address, r.outcome])).to.deep.equal([['quiet/recording', 'started']]);
    expect(next.held.map((h) => [h.address, h.reason])).to.deep.equal([['morning/program', 'backoff']]);
    expect(backoff.list().map((e) => [e.address, e.failures])).to.deep.equal([['morning/program', 2]]);
  });

  it('GIVEN two reconcilers on one project WHEN they pass at the same moment, repeatedly THEN each address runs exactly one composition', async () => {
    const desired = desiredState([program, { ...quietRecording, whenIdle: 'start' }]);
    const other = createIvsApi({ region: 'us-east-1', endpoint: handle.endpoint, env: {} });
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([pass(desired, 'heal', new BackoffBook(), api), pass(desired, 'heal', new BackoffBook(), other)]);
      for (const r of results) expect(r.applied.filter((a) => a.outcome === 'failed').map((a) => a.error)).to.deep.equal([]);
      expect(running('morning/program')).to.have.length(1);
      expect(running('quiet/recording')).to.have.length(1);
      if (round === 0) handle.emulator.failComposition(running('morning/program')[0]);
    }
  });

  it('GIVEN keys naming one stage WHEN passing THEN only that stage\'s compositions are acted on', async () => {
    handle.emulator.joinParticipant('quiet');
    const desired = desiredState([program, quietRecording]);
    const result = await passWith(desired, {
      policy: 'heal',
      parallelism: 4,
      backoff: new BackoffBook(),
      keys: [stageArn('Quiet1')],
      now: () => handle.emulator.now(),
      sleep: async (ms: number) => handle.emulator.advanceClock(ms),
    });
    expect(result.applied.map((r) => r.address)).to.deep.equal(['quiet/recording']);
    expect(running('morning/program')).to.deep.equal([]);
  });
});

describe('the reconcile loop on the emulator clock: manifests change while it runs', function () {
  this.timeout(30_000);

  it('GIVEN --sync WHEN a manifest gains a composition THEN the next tick loads it and starts it; WHEN an edit breaks the file THEN the last good manifests stay in force', async () => {
    const project = new TempProject('studio');
    project.writeManifest('morning', 'Morning1', [{ name: 'program', s3: true }]);
    const handle = await startSeededEmulator({ ...baseSeed([{ id: 'Morning1' }], []), accountId: ACCOUNT }, { startDelayMs: 1000, stopDelayMs: 1000 });
    const events: ReconcileLoopEvent[] = [];
    try {
      const outcome = await runSimulatedLoop({
        handle,
        dir: project.dir,
        policy: 'sync',
        maxTicks: 4,
        onEvent: (event) => {
          events.push(event);
          if (event.kind !== 'tick') return;
          if (event.tick === 1) writeFileSync(join(project.dir, 'stages', 'morning.yaml'), 'apiVersion: stageform/v1\nkind: [broken\n');
          if (event.tick === 2) project.writeManifest('morning', 'Morning1', [{ name: 'program', s3: true }, { name: 'recording', s3: true, gridGap: 4 }]);
        },
      });
      expect(outcome).to.deep.equal({ ok: true, ticks: 4 });
      expect(events.filter((e) => e.kind === 'reload').map((e) => [e.tick, e.ok])).to.deep.equal([
        [2, false],
        [3, true],
      ]);
      expect(events.filter((e) => e.kind === 'action').map((e) => [e.tick, e.result.address, e.result.outcome])).to.deep.equal([
        [1, 'morning/program', 'started'],
        [3, 'morning/recording', 'started'],
      ]);
      expect(events.filter((e) => e.kind === 'tick').map((e) => e.result.status)).to.deep.equal(['in-sync', 'in-sync', 'in-sync', 'in-sync']);
    } finally {
      await handle.stop();
      project.remove();
    }
  });
});
