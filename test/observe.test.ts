// observeLive against the emulator over HTTP with the real SDK client.
import { expect } from 'chai';
import type { DestinationConfiguration, Tags } from '../core/aws-shapes.js';
import type { IvsApi } from '../core/ivs-api.js';
import { createIvsApi } from '../core/ivs-client.js';
import { fingerprintLive, isTargeted, observeLive } from '../core/observe.js';
import { startEmulator, type SeedDocument } from '../emulator/index.js';
import { ACCOUNT, PROJECT, REGION, channelArn, desiredState, stageArn, ENCODER, STORAGE } from './helpers/builders.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

type Running = Awaited<ReturnType<typeof startEmulator>>;

function owned(address: string, project = PROJECT, extra: Tags = {}): Tags {
  return { 'stageform:project': project, 'stageform:address': address, 'stageform:spec': 'abc.def', ...extra };
}
type SeedDestinations = NonNullable<SeedDocument['compositions']>[number]['destinations'];
const s3: DestinationConfiguration[] = [{ s3: { storageConfigurationArn: STORAGE, encoderConfigurationArns: [ENCODER] } }];
const channel = (id: string): DestinationConfiguration[] => [{ channel: { channelArn: channelArn(id), encoderConfigurationArn: ENCODER } }];
const seedS3 = s3 as unknown as SeedDestinations;
const seedChannel = (id: string): SeedDestinations => channel(id) as unknown as SeedDestinations;

/**
 * Declared stages: main, side, quiet. Undeclared: other, orphan.
 *   main:   ours (ACTIVE), unmanaged (ACTIVE)           -> both kept, both fetched
 *   side:   ours (STOPPED)                               -> kept, not fetched
 *   quiet:  another project's (ACTIVE)                   -> kept (declared stage), fetched
 *   other:  another project's (ACTIVE), unmanaged        -> dropped
 *   orphan: ours (ACTIVE): a manifest that was removed   -> kept (our tag), fetched
 */
function seedWorld(running: Running): void {
  running.emulator.seed({
    accountId: ACCOUNT,
    region: REGION,
    stages: ['main', 'side', 'quiet', 'other', 'orphan'].map((id) => ({ id, name: id })),
    channels: ['ch1', 'ch2', 'ch3'].map((id) => ({ id })),
    encoderConfigurations: [{ id: 'Enc720p' }],
    storageConfigurations: [{ id: 'Store1' }],
    compositions: [
      { stageArn: stageArn('main'), destinations: seedChannel('ch1'), tags: owned('show/main') },
      { stageArn: stageArn('main'), destinations: seedS3, tags: { team: 'video' } },
      { stageArn: stageArn('side'), destinations: seedS3, tags: owned('show/side'), state: 'STOPPED' },
      { stageArn: stageArn('quiet'), destinations: seedChannel('ch2'), tags: owned('x/quiet', 'someone-else') },
      { stageArn: stageArn('other'), destinations: seedS3, tags: owned('x/other', 'someone-else') },
      { stageArn: stageArn('other'), destinations: seedChannel('ch3'), tags: {} },
      { stageArn: stageArn('orphan'), destinations: seedS3, tags: owned('gone/orphan') },
    ],
  });
}

const desired = desiredState([
  { address: 'show/main', stage: 'main', destinations: channel('ch1') },
  { address: 'side/side', stage: 'side', destinations: s3 },
  { address: 'quiet/quiet', stage: 'quiet', destinations: s3 },
]);

describe('observeLive (emulator, real SDK)', function () {
  this.timeout(20_000);
  let running: Running;
  let api: IvsApi;

  beforeEach(async () => {
    running = await startEmulator({ port: 0, clock: 'manual', maxPageSize: 2 });
    seedWorld(running);
    running.emulator.resetCounters?.();
    api = createIvsApi({ region: REGION, endpoint: running.endpoint, env: {}, maxAttempts: 1 });
  });
  afterEach(async () => {
    await running.stop();
  });

  it('GIVEN pages of 2 WHEN observed THEN every page is read, with exactly the calls needed and no GetStage', async () => {
    const live = await observeLive(desired, () => api, { parallelism: 4, endpoint: running.endpoint });
    const { calls } = running.emulator.callCounts();
    // 5 stages -> 3 pages; 7 compositions -> 4 pages; GetComposition for the 4 kept, not-STOPPED ones.
    expect(calls).to.deep.equal({ ListStages: 3, ListCompositions: 4, GetComposition: 4 });
    expect(live.regions.map((r) => r.region)).to.deep.equal([REGION]);
    expect(live.regions[0].stages.map((s) => s.name)).to.have.members(['main', 'side', 'quiet', 'other', 'orphan']);
    expect(live.endpoint).to.equal(running.endpoint);
  });

  it('GIVEN compositions on declared and undeclared stages WHEN observed THEN other projects\u2019 off our stages are dropped and ours everywhere are kept', async () => {
    const live = await observeLive(desired, () => api, { parallelism: 4 });
    const kept = live.regions[0].compositions.map((c) => [c.stageArn.split('/')[1], c.tags['stageform:project'] ?? '-', c.state]);
    expect(kept).to.have.deep.members([
      ['main', PROJECT, 'ACTIVE'],
      ['main', '-', 'ACTIVE'],
      ['side', PROJECT, 'STOPPED'],
      ['quiet', 'someone-else', 'ACTIVE'],
      ['orphan', PROJECT, 'ACTIVE'],
    ]);
    expect(kept).to.have.length(5);
    // The dropped ones still count toward the account quota.
    expect((live.regions[0].otherRunning ?? []).map((c) => [c.stageArn.split('/')[1], c.state])).to.deep.equal([
      ['other', 'ACTIVE'],
      ['other', 'ACTIVE'],
    ]);
  });

  it('GIVEN a STOPPED composition WHEN observed THEN it comes from the listing (no layout) and running ones carry layout and destination configuration', async () => {
    const live = await observeLive(desired, () => api, { parallelism: 4 });
    for (const c of live.regions[0].compositions) {
      if (c.state === 'STOPPED') {
        expect(c.layout).to.equal(undefined);
        expect(c.destinations.every((d) => d.configuration === undefined)).to.equal(true);
      } else {
        expect(c.layout, c.arn).to.have.property('grid');
        expect(c.destinations[0].configuration, c.arn).to.be.an('object');
      }
    }
  });

  it('GIVEN any observation WHEN repeated THEN the result is sorted by ARN and identical, and so is the fingerprint', async () => {
    const a = await observeLive(desired, () => api, { parallelism: 1 });
    const b = await observeLive(desired, () => api, { parallelism: 8 });
    expect(b).to.deep.equal(a);
    const arns = a.regions[0].compositions.map((c) => c.arn);
    expect(arns).to.deep.equal([...arns].sort());
    const stageArns = a.regions[0].stages.map((s) => s.arn);
    expect(stageArns).to.deep.equal([...stageArns].sort());
    expect(fingerprintLive(a)).to.equal(fingerprintLive(b)).and.to.match(/^[0-9a-f]{64}$/);
  });

  it('GIVEN a composition that vanishes between List and Get WHEN observed THEN it is treated as gone', async () => {
    const arns = running.emulator.compositions().filter((c) => c.stageArn === stageArn('orphan')).map((c) => c.arn);
    expect(arns).to.have.length(1);
    const vanishing: IvsApi = {
      ...api,
      listStages: (input) => api.listStages(input),
      listCompositions: async (input) => {
        const page = await api.listCompositions(input);
        if (!page.nextToken) {
          // After the last page: it stops and ages out of the listing window before the Get.
          running.emulator.stopCompositionExternally(arns[0]);
          running.emulator.advanceClock(60 * 60 * 1000);
        }
        return page;
      },
      getComposition: (arn) => api.getComposition(arn),
    };
    const live = await observeLive(desired, () => vanishing, { parallelism: 2 });
    expect(live.regions[0].compositions.map((c) => c.arn)).to.not.include(arns[0]);
    expect(running.emulator.callCounts().calls.GetComposition).to.equal(4);
  });

  it('GIVEN targets WHEN observed THEN only targeted and unowned-on-targeted-stage compositions are fetched in detail', async () => {
    await observeLive(desired, () => api, { parallelism: 2, targets: ['show/main'] });
    // main: ours (targeted) + unmanaged on the targeted stage. quiet and orphan are listed only.
    expect(running.emulator.callCounts().calls.GetComposition).to.equal(2);
  });

  it('GIVEN a state change WHEN fingerprinted THEN the fingerprint changes', async () => {
    const before = fingerprintLive(await observeLive(desired, () => api, { parallelism: 4 }));
    const arn = running.emulator.compositions().find((c) => c.stageArn === stageArn('orphan'))!.arn;
    await api.tagResource(arn, { team: 'audio' });
    const after = fingerprintLive(await observeLive(desired, () => api, { parallelism: 4 }));
    expect(after).to.not.equal(before);
  });

  it('GIVEN an aborted signal WHEN observing THEN it rejects with the abort reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('interrupted'));
    let error: unknown;
    await observeLive(desired, () => api, { parallelism: 2, signal: controller.signal }).catch((e) => (error = e));
    expect((error as Error).message).to.equal('interrupted');
  });
});

describe('isTargeted', () => {
  const table: [string, string[] | undefined, boolean][] = [
    ['show/main', undefined, true],
    ['show/main', [], true],
    ['show/main', ['show/main'], true],
    ['show/main', ['show'], true],
    ['show/main', ['show/'], true],
    ['show/main', ['sho'], false],
    ['show/main', ['show/mai'], false],
    ['show/main', ['other/main', 'show/main'], true],
  ];
  for (const [address, targets, expected] of table) {
    it(`${address} with ${JSON.stringify(targets)} -> ${expected}`, () => expect(isTargeted(address, targets)).to.equal(expected));
  }
});
