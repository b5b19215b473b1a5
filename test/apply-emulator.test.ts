// applyPlan against the emulator through the real SDK client: observe -> plan -> apply -> observe
// again is all no-op, for every action and replace order. A manual clock: waits advance it.
import { expect } from 'chai';
import { applyPlan } from '../core/apply/apply-plan.js';
import type { ApplyResult } from '../core/model/apply-result.js';
import { buildPlan } from '../core/plan/build-plan.js';
import type { DesiredState } from '../core/model/desired.js';
import type { IvsApi } from '../core/ivs/ivs-api.js';
import { createIvsApi } from '../core/ivs/ivs-client.js';
import { observeLive } from '../core/observe/observe-live.js';
import type { Plan } from '../core/model/plan.js';
import { startEmulator, type EmulatorHandle } from '../emulator/index.js';
import { channelDestination, desiredState, ENCODER, s3Destination, STORAGE, type CompositionInput } from './helpers/builders.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const SEED = {
  stages: [
    { id: 'Morning1', name: 'morning', participants: [{ participantId: 'host' }] },
    { id: 'Evening1', name: 'evening', participants: [{ participantId: 'host' }] },
  ],
  channels: [{ id: 'Morning1' }, { id: 'Evening1' }],
  encoderConfigurations: [{ id: ENCODER.split('/')[1] }],
  storageConfigurations: [{ id: STORAGE.split('/')[1] }],
};

const program: CompositionInput = {
  address: 'morning-show/program',
  stage: 'Morning1',
  destinations: [channelDestination('Morning1', 'live')],
  tags: { team: 'media' },
};
const recording: CompositionInput = {
  address: 'morning-show/recording',
  stage: 'Morning1',
  layout: { pip: { pipParticipantAttribute: 'host' } },
  destinations: [s3Destination({}, 'archive')],
  tags: { team: 'media' },
};
const evening: CompositionInput = { address: 'evening-show/program', stage: 'Evening1', destinations: [channelDestination('Evening1', 'live')] };

describe('applyPlan against the emulator (real SDK, manual clock)', function () {
  this.timeout(20_000);
  let handle: EmulatorHandle;
  let api: IvsApi;

  beforeEach(async () => {
    handle = await startEmulator({ port: 0, clock: 'manual', seed: SEED, startDelayMs: 1000, stopDelayMs: 1000 });
    api = createIvsApi({ region: 'us-east-1', endpoint: handle.endpoint, env: {} });
  });
  afterEach(async () => {
    await handle.stop();
  });

  async function planFor(desired: DesiredState): Promise<Plan> {
    const live = await observeLive(desired, () => api, { parallelism: 4 });
    const { plan, errors } = buildPlan(desired, live);
    expect(errors).to.deep.equal([]);
    return plan;
  }

  async function converge(desired: DesiredState, wait = true): Promise<ApplyResult> {
    const plan = await planFor(desired);
    return applyPlan(plan, () => api, {
      parallelism: 4,
      wait,
      waitTimeoutMs: 60_000,
      pollIntervalMs: 250,
      now: () => handle.emulator.now(),
      sleep: async (ms) => handle.emulator.advanceClock(ms),
    });
  }

  async function expectNoChanges(desired: DesiredState): Promise<void> {
    const plan = await planFor(desired);
    expect(plan.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.action} ${c.address}`)).to.deep.equal([]);
  }

  function running(address?: string) {
    return handle.emulator.compositions().filter((c) => (c.state === 'ACTIVE' || c.state === 'STARTING') && (address === undefined || c.tags['stageform:address'] === address));
  }

  function outcomes(result: ApplyResult): string[] {
    return result.results.map((r) => `${r.address} ${r.outcome}${r.error ? ` ${r.error.code}` : ''}`);
  }

  it('GIVEN nothing running WHEN applied THEN every composition is ACTIVE with ownership tags and a second plan is all no-op', async () => {
    const desired = desiredState([program, recording, evening]);
    const result = await converge(desired);
    expect(outcomes(result)).to.deep.equal(['evening-show/program started', 'morning-show/program started', 'morning-show/recording started']);
    expect(result.summary).to.deep.equal({ added: 3, changed: 0, destroyed: 0, failed: 0, skipped: 0 });
    expect(running().map((c) => c.state)).to.deep.equal(['ACTIVE', 'ACTIVE', 'ACTIVE']);
    expect(running('morning-show/program')[0].tags).to.include({ team: 'media', 'stageform:project': 'studio' });
    await expectNoChanges(desired);
  });

  it('GIVEN a channel composition with a changed layout WHEN applied THEN the old one is stopped before the new one starts', async () => {
    await converge(desiredState([program]));
    const [old] = running('morning-show/program');
    const changed = desiredState([{ ...program, layout: { grid: { gridGap: 10 } } }]);
    const plan = await planFor(changed);
    expect(plan.changes.map((c) => c.action)).to.deep.equal(['replace-stop-first']);
    const result = await converge(changed);
    expect(outcomes(result)).to.deep.equal(['morning-show/program replaced']);
    expect(result.results[0].stoppedArn).to.equal(old.arn);
    const [now] = running('morning-show/program');
    expect(now.arn).to.not.equal(old.arn);
    expect(handle.emulator.compositions().find((c) => c.arn === old.arn)?.state).to.equal('STOPPED');
    await expectNoChanges(changed);
  });

  it('GIVEN an S3-only composition with a changed layout WHEN applied THEN the new one starts first and the old one stops after', async () => {
    await converge(desiredState([recording]));
    const [old] = running('morning-show/recording');
    const changed = desiredState([{ ...recording, layout: { pip: { pipParticipantAttribute: 'guest' } } }]);
    expect((await planFor(changed)).changes.map((c) => c.action)).to.deep.equal(['replace-start-first']);
    const result = await converge(changed);
    expect(outcomes(result)).to.deep.equal(['morning-show/recording replaced']);
    expect(running('morning-show/recording')).to.have.length(1);
    expect(running('morning-show/recording')[0].arn).to.not.equal(old.arn);
    await expectNoChanges(changed);
  });

  it('GIVEN a FAILED composition WHEN applied THEN it is replaced', async () => {
    const desired = desiredState([program]);
    await converge(desired);
    handle.emulator.failComposition(running('morning-show/program')[0].arn);
    expect(running()).to.have.length(0);
    const result = await converge(desired);
    expect(outcomes(result)).to.deep.equal(['morning-show/program replaced']);
    expect(running('morning-show/program')).to.have.length(1);
    await expectNoChanges(desired);
  });

  it('GIVEN an address removed from the manifests and changed tags WHEN applied THEN it is stopped and the other retagged in place', async () => {
    await converge(desiredState([program, recording]));
    const kept = running('morning-show/program')[0].arn;
    const desired = desiredState([{ ...program, tags: { team: 'news', tier: 'gold' } }]);
    const result = await converge(desired);
    expect(outcomes(result)).to.deep.equal(['morning-show/program tagged', 'morning-show/recording stopped']);
    expect(result.summary).to.deep.equal({ added: 0, changed: 1, destroyed: 1, failed: 0, skipped: 0 });
    expect(running('morning-show/program')[0]).to.include({ arn: kept });
    expect(running('morning-show/program')[0].tags).to.include({ team: 'news', tier: 'gold' });
    expect(running('morning-show/recording')).to.have.length(0);
    await expectNoChanges(desired);
  });

  it('GIVEN an unmanaged composition on a declared stage WHEN applied THEN it is left running', async () => {
    const stageArn = handle.emulator.stageArnOf('Morning1');
    handle.emulator.seed({ compositions: [{ stageArn, destinations: [{ s3: { storageConfigurationArn: STORAGE, encoderConfigurationArns: [ENCODER] } }], tags: { owner: 'someone' } }] });
    const [unmanaged] = handle.emulator.compositions();
    await converge(desiredState([program]));
    expect(handle.emulator.compositions().find((c) => c.arn === unmanaged.arn)?.state).to.equal('ACTIVE');
  });

  it('GIVEN a missing channel for one stage WHEN applied THEN that start fails, the rest converge, and after the fix a re-run converges', async () => {
    const broken: CompositionInput = { ...evening, destinations: [channelDestination('Missing1', 'live')] };
    const desired = desiredState([recording, broken]);
    const first = await converge(desired);
    expect(outcomes(first)).to.deep.equal(['evening-show/program failed ResourceNotFoundException', 'morning-show/recording started']);
    expect(first.complete).to.equal(false);
    handle.emulator.seed({ channels: [{ id: 'Missing1' }] });
    const second = await converge(desired);
    expect(outcomes(second)).to.deep.equal(['evening-show/program started']);
    await expectNoChanges(desired);
  });

  it('GIVEN --no-wait WHEN a create is applied THEN it returns STARTING and the next plan sees it running', async () => {
    const desired = desiredState([recording]);
    const result = await converge(desired, false);
    expect(result.results[0]).to.include({ outcome: 'started', state: 'STARTING' });
    await expectNoChanges(desired);
  });
});
