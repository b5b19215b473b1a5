// observeLive against the emulator over HTTP with the real SDK client.
import { expect } from 'chai';
import type { DestinationConfiguration, Tags } from '../core/model/aws-shapes.js';
import type { IvsApi } from '../core/ivs/ivs-api.js';
import { createIvsApi } from '../core/ivs/ivs-client.js';
import { findAttestedCompositions, fingerprintLive, observeLive } from '../core/observe/observe-live.js';
import { isTargeted } from '../core/model/target.js';
import { ownershipTags } from '../core/model/ownership.js';
import { startEmulator, type SeedDocument } from '../emulator/index.js';
import { ACCOUNT, PROJECT, REGION, channelArn, desiredComposition, desiredState, echoSpec, stageArn, ENCODER, STORAGE } from './helpers/builders.js';

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

/**
 * Compositions stageform started (ownership tags, spec hash of what they run), against manifests:
 *   a/main: ours, desired spec hash, ACTIVE                  -> attested (plus an old STOPPED one: listed only)
 *   b/main: ours, desired spec hash, user tags edited        -> attested (tags come from the listing)
 *   c/main: ours, the hash of an older spec                  -> read
 *   d/main: ours twice, desired spec hash                    -> both read (which one stays is the plan's call)
 *   e/main: another project's tags naming e/main, same hash  -> read (kept: declared stage)
 *   gone/f: ours, an address no manifest declares            -> read
 */
const attestInputs = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ address: `${id}/main`, stage: id, destinations: id === 'a' ? channel('ch1') : s3, tags: { team: 'video' } }));
const attestDesired = desiredState(attestInputs);
type SeedComposition = NonNullable<SeedDocument['compositions']>[number];

function seedFor(address: string, options: { project?: string; spec?: ReturnType<typeof desiredComposition>; tags?: Tags; state?: SeedComposition['state'] } = {}): SeedComposition {
  const want = options.spec ?? attestDesired.compositions.find((c) => c.address === address)!;
  const echo = echoSpec(want.spec);
  const tags = { ...ownershipTags(options.project ?? PROJECT, address, want.specHash, want.tags), ...options.tags };
  return { stageArn: want.stageArn, layout: echo.layout as never, destinations: echo.destinations as never, tags, ...(options.state ? { state: options.state } : {}) };
}

function seedAttestWorld(running: Running): void {
  const olderC = desiredComposition({ ...attestInputs[2], layout: { grid: { gridGap: 9 } } });
  const gone = desiredComposition({ address: 'gone/f', stage: 'f', destinations: s3 });
  running.emulator.seed({
    accountId: ACCOUNT,
    region: REGION,
    stages: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, name: id, participants: [{ userId: 'host' }] })),
    channels: [{ id: 'ch1' }],
    encoderConfigurations: [{ id: 'Enc720p' }],
    storageConfigurations: [{ id: 'Store1' }],
    compositions: [
      seedFor('a/main'),
      seedFor('a/main', { state: 'STOPPED' }),
      seedFor('b/main', { tags: { team: 'audio' } }),
      seedFor('c/main', { spec: olderC }),
      seedFor('d/main'),
      seedFor('d/main'),
      seedFor('e/main', { project: 'someone-else' }),
      seedFor('gone/f', { spec: gone }),
    ],
  });
}

describe('observeLive: configuration attested by the ownership tags (emulator, real SDK)', function () {
  this.timeout(20_000);
  let running: Running;
  let api: IvsApi;

  beforeEach(async () => {
    running = await startEmulator({ port: 0, clock: 'manual', maxPageSize: 3 });
    seedAttestWorld(running);
    running.emulator.resetCounters?.();
    api = createIvsApi({ region: REGION, endpoint: running.endpoint, env: {}, maxAttempts: 1 });
  });
  afterEach(async () => {
    await running.stop();
  });

  function sourcesByAddress(live: Awaited<ReturnType<typeof observeLive>>): string[] {
    return live.regions[0].compositions
      .map((c) => `${c.tags['stageform:project'] === PROJECT ? '' : 'other '}${c.tags['stageform:address']} ${c.state} ${c.configurationSource ?? 'listing'}`)
      .sort();
  }

  const cases: { name: string; refreshAll: boolean; gets: number; sources: string[] }[] = [
    {
      name: 'by default',
      refreshAll: false,
      gets: 5,
      sources: [
        'a/main ACTIVE attested',
        'a/main STOPPED listing',
        'b/main ACTIVE attested',
        'c/main ACTIVE read',
        'd/main ACTIVE read',
        'd/main ACTIVE read',
        'gone/f ACTIVE read',
        'other e/main ACTIVE read',
      ],
    },
    {
      name: 'with refreshAll',
      refreshAll: true,
      gets: 7,
      sources: [
        'a/main ACTIVE read',
        'a/main STOPPED listing',
        'b/main ACTIVE read',
        'c/main ACTIVE read',
        'd/main ACTIVE read',
        'd/main ACTIVE read',
        'gone/f ACTIVE read',
        'other e/main ACTIVE read',
      ],
    },
  ];
  for (const c of cases) {
    it(`GIVEN two compositions whose tags attest the desired spec WHEN observed ${c.name} THEN GetComposition is called ${c.gets} times`, async () => {
      const live = await observeLive(attestDesired, () => api, { parallelism: 4, refreshAll: c.refreshAll });
      expect(sourcesByAddress(live)).to.deep.equal(c.sources);
      // No ListParticipants: with whenIdle start and no STOPPED predecessor, nobody publishing would change no action.
      expect(running.emulator.callCounts().calls).to.deep.equal({ ListStages: 2, ListCompositions: 3, GetComposition: c.gets });
    });
  }

  it('GIVEN an attested composition WHEN observed THEN it carries the listing\u2019s tags and destination ids and states, no configuration', async () => {
    const live = await observeLive(attestDesired, () => api, { parallelism: 4 });
    const full = await observeLive(attestDesired, () => api, { parallelism: 4, refreshAll: true });
    const pick = (l: typeof live, address: string) => l.regions[0].compositions.find((c) => c.tags['stageform:address'] === address && c.state === 'ACTIVE')!;
    const attested = pick(live, 'b/main');
    const read = pick(full, 'b/main');
    expect(attested.layout).to.equal(undefined);
    expect(attested.tags).to.deep.equal(read.tags).and.to.include({ team: 'audio' });
    expect(attested.destinations).to.deep.equal(read.destinations.map(({ configuration: _, ...rest }) => rest));
    expect(fingerprintLive(live)).to.equal(fingerprintLive(full));
  });

  it('GIVEN the manifests change a spec WHEN observed THEN the composition on the old spec is read, not attested', async () => {
    const changed = desiredState(attestInputs.map((i) => (i.address === 'a/main' ? { ...i, layout: { grid: { gridGap: 4 } } } : i)));
    const live = await observeLive(changed, () => api, { parallelism: 4 });
    expect(running.emulator.callCounts().calls.GetComposition).to.equal(6);
    expect(live.regions[0].compositions.filter((c) => c.configurationSource === 'attested').map((c) => c.tags['stageform:address'])).to.deep.equal(['b/main']);
  });
});

describe('findAttestedCompositions', () => {
  const want = attestDesired.compositions[0];
  const base = { arn: 'arn:c1', stageArn: want.stageArn, state: 'ACTIVE' as const, tags: ownershipTags(PROJECT, want.address, want.specHash, want.tags), destinations: [] };
  const table: { name: string; summaries: (typeof base | Record<string, unknown>)[]; attested: string[] }[] = [
    { name: 'ours, desired hash, ACTIVE', summaries: [base], attested: ['arn:c1'] },
    { name: 'STARTING', summaries: [{ ...base, state: 'STARTING' }], attested: ['arn:c1'] },
    { name: 'STOPPING', summaries: [{ ...base, state: 'STOPPING' }], attested: [] },
    { name: 'FAILED', summaries: [{ ...base, state: 'FAILED' }], attested: [] },
    { name: 'another project', summaries: [{ ...base, tags: ownershipTags('other', want.address, want.specHash, want.tags) }], attested: [] },
    { name: 'no ownership tags', summaries: [{ ...base, tags: {} }], attested: [] },
    { name: 'undeclared address', summaries: [{ ...base, tags: ownershipTags(PROJECT, 'zz/main', want.specHash, want.tags) }], attested: [] },
    { name: 'another spec hash', summaries: [{ ...base, tags: ownershipTags(PROJECT, want.address, 'f'.repeat(32), want.tags) }], attested: [] },
    { name: 'on another stage', summaries: [{ ...base, stageArn: stageArn('b') }], attested: [] },
    { name: 'two running for the address', summaries: [base, { ...base, arn: 'arn:c2' }], attested: [] },
    { name: 'one running, one STOPPED', summaries: [base, { ...base, arn: 'arn:c2', state: 'STOPPED' }], attested: ['arn:c1'] },
  ];
  for (const row of table) {
    it(`${row.name} -> ${row.attested.length > 0 ? 'attested' : 'read'}`, () => {
      expect([...findAttestedCompositions(attestDesired, row.summaries as never)].sort()).to.deep.equal(row.attested);
    });
  }
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
