// Property: whatever the manifests say, once live echoes it (as AWS returns it), the plan is all
// no-op. Checked against a hand-built echo for many random states, and through apply and observe
// against the emulator for a few.
import { expect } from 'chai';
import type { DestinationConfiguration, LayoutConfiguration, Tags } from '../core/model/aws-shapes.js';
import { applyPlan } from '../core/apply/apply-plan.js';
import { buildPlan } from '../core/plan/build-plan.js';
import { createIvsApi } from '../core/ivs/ivs-client.js';
import { observeLive } from '../core/observe/observe-live.js';
import { startEmulator } from '../emulator/index.js';
import { createRandom } from '../emulator/faults.js';
import { ACCOUNT, ENCODER, ENCODER_HD, liveFor, liveStage, liveState, REGION, STORAGE, channelArn, desiredState, type CompositionInput } from './helpers/builders.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** A small deterministic PRNG (the emulator's mulberry32): a failing seed reproduces. */
const random = createRandom;

function generate(seed: number): CompositionInput[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const maybe = <T>(value: T): T | undefined => (rnd() < 0.5 ? value : undefined);
  const layout = (): LayoutConfiguration | undefined => {
    const kind = pick(['none', 'grid', 'pip'] as const);
    if (kind === 'none') return undefined;
    if (kind === 'grid') {
      return { grid: strip({ gridGap: maybe(Math.floor(rnd() * 24)), videoAspectRatio: maybe(pick(['AUTO', 'VIDEO', 'SQUARE', 'PORTRAIT'] as const)), omitStoppedVideo: maybe(rnd() < 0.5), featuredParticipantAttribute: maybe('featured'), videoFillMode: maybe(pick(['FILL', 'COVER', 'CONTAIN'] as const)) }) };
    }
    return { pip: strip({ pipPosition: maybe(pick(['TOP_LEFT', 'BOTTOM_RIGHT'] as const)), pipOffset: maybe(Math.floor(rnd() * 10)), pipParticipantAttribute: maybe('host'), pipBehavior: maybe(pick(['STATIC', 'DYNAMIC'] as const)), pipWidth: maybe(100 + Math.floor(rnd() * 100)) }) };
  };
  const out: CompositionInput[] = [];
  const count = 1 + Math.floor(rnd() * 5);
  for (let i = 0; i < count; i++) {
    const destinations: DestinationConfiguration[] = [];
    const kind = pick(['channel', 's3', 'both'] as const);
    if (kind !== 's3') destinations.push(strip({ name: maybe('live'), channel: strip({ channelArn: channelArn(`Chan${i}`), encoderConfigurationArn: maybe(ENCODER) }) }) as DestinationConfiguration);
    if (kind !== 'channel') {
      destinations.push(
        strip({
          name: maybe('archive'),
          s3: strip({
            storageConfigurationArn: STORAGE,
            encoderConfigurationArns: [pick([ENCODER, ENCODER_HD])],
            recordingConfiguration: maybe({ hlsConfiguration: { targetSegmentDurationSeconds: 2 + Math.floor(rnd() * 9) } }),
            thumbnailConfigurations: maybe([{ targetIntervalSeconds: 1 + Math.floor(rnd() * 60), storage: [pick(['SEQUENTIAL', 'LATEST'] as const)] }]),
          }),
        }) as DestinationConfiguration,
      );
    }
    const tags: Tags = {};
    for (let t = Math.floor(rnd() * 4); t > 0; t--) tags[pick(['team', 'env', 'cost-center', 'show'])] = pick(['a', 'media', 'prod', '']);
    out.push({ address: `show-${i % 2}/c${i}`, stage: `Prop${i % 2}`, layout: layout(), destinations, tags, protect: rnd() < 0.3 });
  }
  return out;
}

function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

describe('property: live that echoes the manifests plans as all no-op', function () {
  this.timeout(60_000);

  it('GIVEN 300 random desired states and a hand-built AWS echo THEN every change is a no-op, with no drift', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const desired = desiredState(generate(seed));
      const live = liveState(
        [liveStage('Prop0'), liveStage('Prop1')],
        desired.compositions.map((c, i) => liveFor(c, { id: `P${i}` })),
      );
      const { plan, errors } = buildPlan(desired, live, {});
      expect(errors, `seed ${seed}`).to.deep.equal([]);
      expect(plan.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.address} ${c.action} ${JSON.stringify(c.replacePaths)}`), `seed ${seed}`).to.deep.equal([]);
      expect(plan.drift, `seed ${seed}`).to.deep.equal([]);
    }
  });

  it('GIVEN random desired states WHEN applied to the emulator and observed again THEN the plan is all no-op', async () => {
    for (let seed = 1000; seed < 1020; seed++) {
      const running = await startEmulator({ port: 0, clock: 'manual', maxPageSize: 2 });
      try {
        running.emulator.seed({
          accountId: ACCOUNT,
          region: REGION,
          stages: [0, 1].map((i) => ({ id: `Prop${i}`, name: `prop-${i}`, participants: [{ userId: 'host' }] })),
          channels: [0, 1, 2, 3, 4].map((i) => ({ id: `Chan${i}` })),
          encoderConfigurations: [{ id: 'Enc720p' }, { id: 'Enc1080p' }],
          storageConfigurations: [{ id: 'Store1' }],
        });
        const api = createIvsApi({ region: REGION, endpoint: running.endpoint, env: {}, maxAttempts: 1 });
        const desired = desiredState(generate(seed));
        const observe = (refreshAll = false) => observeLive(desired, () => api, { parallelism: 4, endpoint: running.endpoint, refreshAll });
        const first = buildPlan(desired, await observe(), {});
        expect(first.errors, `seed ${seed}`).to.deep.equal([]);
        const applied = await applyPlan(first.plan, () => api, { parallelism: 4, wait: false, waitTimeoutMs: 1000 });
        expect(applied.complete, `seed ${seed}: ${JSON.stringify(applied.results.filter((r) => r.outcome === 'failed'))}`).to.equal(true);
        running.emulator.advanceClock(5_000);
        const second = buildPlan(desired, await observe(), {});
        expect(second.plan.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.address} ${c.action} ${JSON.stringify(c.replacePaths)}`), `seed ${seed}`).to.deep.equal([]);
        expect(second.plan.drift, `seed ${seed}`).to.deep.equal([]);
        // The default read attests what stageform started; reading everything must plan the same.
        expect(buildPlan(desired, await observe(true), {}), `seed ${seed}`).to.deep.equal(second);
      } finally {
        await running.stop();
      }
    }
  });
});
