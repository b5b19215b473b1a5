// applyPlan's scheduling and safety rules, against an in-memory IvsApi driven by a manual clock.
// The emulator-backed tests (apply-cli.test.ts) cover the same rules through the real SDK.
import { expect } from 'chai';
import type { CompositionState, Tags } from '../core/model/aws-shapes.js';
import { applyPlan, type ApplyOptions } from '../core/apply/apply-plan.js';
import { ApiError, type CompositionSummary, type IvsApi, type StartCompositionInput } from '../core/ivs/ivs-api.js';
import type { LiveComposition } from '../core/model/live.js';
import { idempotencyTokenFor, ownershipTags } from '../core/model/ownership.js';
import { PLAN_FORMAT_VERSION, type Action, type Plan, type PlannedChange, type ReplaceOrder } from '../core/model/plan.js';
import { normalizeSpec } from '../core/model/spec.js';
import { summarizePlan } from '../core/plan/summarize-plan.js';

const STAGE = 'arn:aws:ivs:us-east-1:123456789012:stage/AbCdEf123456';
const PROJECT = 'demo';
const SPEC = normalizeSpec({ stageArn: STAGE, destinations: [{ name: 'live', channel: { channelArn: 'arn:aws:ivs:us-east-1:123456789012:channel/Ch1' } }] });

interface FakeComposition {
  arn: string;
  stageArn: string;
  state: CompositionState;
  tags: Tags;
  token?: string;
  /** Clock time at which STARTING becomes ACTIVE / STOPPING becomes STOPPED. */
  settlesAt: number;
}

/** An IvsApi of our own interface: enough IVS behaviour to test the executor's rules. */
class FakeIvs {
  clock = 0;
  calls: string[] = [];
  compositions: FakeComposition[] = [];
  startDelay = 1000;
  stopDelay = 1000;
  failStart = new Set<string>();
  failAfterStart = new Set<string>();
  private seq = 0;

  add(state: CompositionState, tags: Tags): string {
    const arn = `arn:aws:ivs:us-east-1:123456789012:composition/Pre${++this.seq}`;
    this.compositions.push({ arn, stageArn: STAGE, state, tags, settlesAt: 0 });
    return arn;
  }

  private settle(c: FakeComposition): FakeComposition {
    if (this.clock >= c.settlesAt) {
      if (c.state === 'STARTING') c.state = this.failAfterStart.has(c.tags['stageform:address']) ? 'FAILED' : 'ACTIVE';
      if (c.state === 'STOPPING') c.state = 'STOPPED';
    }
    return c;
  }

  private view(c: FakeComposition): LiveComposition {
    this.settle(c);
    return { arn: c.arn, stageArn: c.stageArn, state: c.state, tags: { ...c.tags }, destinations: [{ id: 'Dst9gPc9LEgt', state: c.state === 'FAILED' ? 'FAILED' : 'ACTIVE', configuration: { channel: { channelArn: 'arn:aws:ivs:us-east-1:123456789012:channel/Ch1' } } }] };
  }

  private find(op: 'GetComposition' | 'StopComposition' | 'TagResource', arn: string): FakeComposition {
    const c = this.compositions.find((x) => x.arn === arn);
    if (!c) throw new ApiError(op, 'ResourceNotFoundException', `no composition ${arn}`, 404);
    return c;
  }

  api(): IvsApi {
    return {
      region: 'us-east-1',
      listStages: async () => ({ items: [] }),
      getStage: async (arn) => ({ arn, tags: {} }),
      listParticipants: async () => ({ items: [] }),
      // Preflight's reads: apply never makes them.
      getEncoderConfiguration: async (arn) => ({ arn }),
      getStorageConfiguration: async (arn) => ({ arn }),
      getChannel: async (arn) => ({ arn }),
      getStream: async () => null,
      listCompositions: async (input) => {
        this.calls.push('ListCompositions');
        const items: CompositionSummary[] = this.compositions
          .filter((c) => input.filterByStageArn === undefined || c.stageArn === input.filterByStageArn)
          .map((c) => ({ ...this.view(c), destinations: [] }));
        return { items };
      },
      getComposition: async (arn) => {
        this.calls.push('GetComposition');
        return this.view(this.find('GetComposition', arn));
      },
      startComposition: async (input: StartCompositionInput) => {
        this.calls.push('StartComposition');
        const address = input.tags['stageform:address'];
        if (this.failStart.has(address)) throw new ApiError('StartComposition', 'ValidationException', 'channel not found', 400);
        const existing = this.compositions.find((c) => c.token === input.idempotencyToken);
        if (existing) return this.view(existing);
        const c: FakeComposition = { arn: `arn:aws:ivs:us-east-1:123456789012:composition/New${++this.seq}`, stageArn: input.stageArn, state: 'STARTING', tags: { ...input.tags }, token: input.idempotencyToken, settlesAt: this.clock + this.startDelay };
        this.compositions.push(c);
        return this.view(c);
      },
      stopComposition: async (arn) => {
        this.calls.push('StopComposition');
        const c = this.find('StopComposition', arn);
        c.state = 'STOPPING';
        c.settlesAt = this.clock + this.stopDelay;
      },
      tagResource: async (arn, tags) => {
        this.calls.push('TagResource');
        Object.assign(this.find('TagResource', arn).tags, tags);
      },
      untagResource: async (arn, keys) => {
        this.calls.push('UntagResource');
        const c = this.find('TagResource', arn);
        for (const k of keys) delete c.tags[k];
      },
    };
  }

  running(address: string): FakeComposition[] {
    return this.compositions.filter((c) => this.settle(c) && (c.state === 'STARTING' || c.state === 'ACTIVE') && c.tags['stageform:address'] === address);
  }
}

function change(address: string, action: Action, extra: Partial<PlannedChange> & { liveArn?: string } = {}): PlannedChange {
  const specHash = action === 'delete' ? null : 'hash-' + address.replace('/', '-');
  const after = action === 'delete' ? null : { stageArn: STAGE, layout: SPEC.layout, destinations: SPEC.destinations, tags: { team: 'news' } };
  return {
    address,
    action,
    reasons: [],
    replacePaths: [],
    stageArn: STAGE,
    region: 'us-east-1',
    before: null,
    after,
    specHash,
    live: extra.liveArn ? { arn: extra.liveArn, state: 'ACTIVE', destinationStates: [] } : null,
    dependsOn: [],
    idempotencyToken: specHash ? idempotencyTokenFor(PROJECT, address, specHash, extra.liveArn) : undefined,
    ...extra,
  };
}

function planOf(...changes: PlannedChange[]): Plan {
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    project: PROJECT,
    regions: ['us-east-1'],
    changes,
    drift: [],
    unmanaged: [],
    warnings: [],
    summary: summarizePlan(changes, [], 0),
    targets: [],
  };
}

function owned(address: string, specHash = 'old'): Tags {
  return ownershipTags(PROJECT, address, specHash, {});
}

function optionsFor(fake: FakeIvs, extra: Partial<ApplyOptions> = {}): ApplyOptions {
  return {
    parallelism: 4,
    wait: true,
    waitTimeoutMs: 120_000,
    pollIntervalMs: 250,
    now: () => fake.clock,
    sleep: async (ms) => {
      fake.clock += ms;
    },
    ...extra,
  };
}

describe('applyPlan (in-memory IvsApi)', () => {
  it('GIVEN each action WHEN applied THEN each ends with its outcome and the summary counts once', async () => {
    const fake = new FakeIvs();
    const old = fake.add('ACTIVE', owned('show/old'));
    const replaced = fake.add('ACTIVE', owned('show/replaced'));
    const retagged = fake.add('ACTIVE', owned('show/tags', 'hash-show-tags'));
    const plan = planOf(
      change('show/new', 'create'),
      change('show/old', 'delete', { liveArn: old }),
      change('show/replaced', 'replace-stop-first', { liveArn: replaced }),
      change('show/tags', 'update-tags', { liveArn: retagged, tagChanges: { set: { team: 'news' }, remove: ['gone'] } }),
    );
    const result = await applyPlan(plan, () => fake.api(), optionsFor(fake));
    expect(result.results.map((r) => [r.address, r.outcome])).to.deep.equal([
      ['show/new', 'started'],
      ['show/old', 'stopped'],
      ['show/replaced', 'replaced'],
      ['show/tags', 'tagged'],
    ]);
    expect(result.summary).to.deep.equal({ added: 2, changed: 1, destroyed: 2, failed: 0, skipped: 0 });
    expect(result.complete).to.equal(true);
    expect(fake.running('show/new')[0].tags).to.include({ team: 'news', 'stageform:project': PROJECT, 'stageform:address': 'show/new' });
    expect(fake.running('show/replaced')).to.have.length(1);
    expect(fake.compositions.find((c) => c.arn === retagged)!.tags).to.include({ team: 'news' });
  });

  const orders: { order: ReplaceOrder; expected: string[] }[] = [
    // The last ListCompositions: apply ends once the listing shows what it did (listing lag).
    { order: 'stop-first', expected: ['GetComposition', 'StopComposition', 'waited STOPPED', 'ListCompositions', 'StartComposition', 'waited ACTIVE', 'ListCompositions'] },
    { order: 'start-first', expected: ['ListCompositions', 'StartComposition', 'waited ACTIVE', 'GetComposition', 'StopComposition', 'waited STOPPED', 'ListCompositions'] },
  ];
  for (const { order, expected } of orders) {
    it(`GIVEN a ${order} replacement WHEN applied THEN calls and waits come in that order`, async () => {
      const fake = new FakeIvs();
      const live = fake.add('ACTIVE', owned('show/program'));
      await applyPlan(planOf(change('show/program', `replace-${order}`, { liveArn: live })), () => fake.api(), optionsFor(fake, {
        onEvent: (e) => {
          if (e.kind === 'step' && e.step === 'stopped') fake.calls.push('waited STOPPED');
          if (e.kind === 'step' && e.step === 'started') fake.calls.push('waited ACTIVE');
        },
      }));
      // Polls are GetComposition calls right after a start, a stop or another poll.
      const polls = new Set(['StartComposition', 'StopComposition', 'GetComposition']);
      const merged = fake.calls.filter((c, i) => !(c === 'GetComposition' && i > 0 && polls.has(fake.calls[i - 1])));
      expect(merged).to.deep.equal(expected);
    });
  }

  it('GIVEN a composition without this project\'s tags WHEN a delete targets it THEN it fails and nothing is stopped', async () => {
    const fake = new FakeIvs();
    const foreign = fake.add('ACTIVE', { team: 'other' });
    const otherProject = fake.add('ACTIVE', ownershipTags('someone-else', 'show/x', 'h', {}));
    const result = await applyPlan(planOf(change('show/x', 'delete', { liveArn: foreign }), change('show/y', 'delete', { liveArn: otherProject })), () => fake.api(), optionsFor(fake));
    expect(result.results.map((r) => [r.outcome, r.error?.code])).to.deep.equal([['failed', 'NotOwned'], ['failed', 'NotOwned']]);
    expect(fake.calls).to.not.include('StopComposition');
  });

  it('GIVEN an adopt WHEN applied THEN the ownership tags go first with the bare spec hash, removals and user tags next, the full spec tag last', async () => {
    const fake = new FakeIvs();
    const arn = fake.add('ACTIVE', { team: 'old', gone: 'x' });
    const written: (Tags | string[])[] = [];
    const api = fake.api();
    const recording: IvsApi = {
      ...api,
      tagResource: async (a, tags) => {
        written.push({ ...tags });
        await api.tagResource(a, tags);
      },
      untagResource: async (a, keys) => {
        written.push([...keys]);
        await api.untagResource(a, keys);
      },
    };
    const wanted = ownershipTags(PROJECT, 'show/adopted', 'hash-show-adopted', { team: 'news' });
    const result = await applyPlan(planOf(change('show/adopted', 'adopt', { liveArn: arn, tagChanges: { set: wanted, remove: ['gone'] } })), () => recording, optionsFor(fake));
    expect(result.results[0]).to.include({ outcome: 'tagged' });
    expect(written).to.deep.equal([
      { 'stageform:project': PROJECT, 'stageform:address': 'show/adopted', 'stageform:spec': 'hash-show-adopted' },
      ['gone'],
      { team: 'news' },
      { 'stageform:spec': wanted['stageform:spec'] },
    ]);
    expect(fake.compositions.find((c) => c.arn === arn)!.tags).to.deep.equal(wanted);
  });

  it('GIVEN another project\'s composition WHEN update-tags targets it THEN it fails naming the owner and nothing is tagged', async () => {
    const fake = new FakeIvs();
    const otherProject = fake.add('ACTIVE', ownershipTags('someone-else', 'show/x', 'h', {}));
    const result = await applyPlan(planOf(change('show/x', 'update-tags', { liveArn: otherProject })), () => fake.api(), optionsFor(fake));
    expect(result.results[0].error).to.deep.equal({ code: 'NotOwned', message: `refused to tag ${otherProject}: it belongs to someone-else (show/x), not ${PROJECT} (show/x)` });
    expect(fake.calls).to.not.include('TagResource');
  });

  it('GIVEN a replace that moves the address to a stage in another region WHEN applied THEN the old one is stopped in its own region', async () => {
    const east = new FakeIvs();
    const west = new FakeIvs();
    west.clock = east.clock;
    const old = east.add('ACTIVE', owned('show/x'));
    const westStage = 'arn:aws:ivs:eu-west-1:123456789012:stage/AbCdEf123456';
    const moved = change('show/x', 'replace-stop-first', { liveArn: old, stageArn: westStage, region: 'eu-west-1' });
    const apiFor = (region: string) => (region === 'eu-west-1' ? west : east).api();
    const result = await applyPlan(planOf({ ...moved, after: { ...moved.after!, stageArn: westStage } }), apiFor, {
      ...optionsFor(east),
      sleep: async (ms) => {
        east.clock += ms;
        west.clock += ms;
      },
    });
    expect(result.results.map((r) => r.outcome)).to.deep.equal(['replaced']);
    expect(east.calls).to.include('StopComposition');
    expect(east.running('show/x')).to.have.length(0);
    expect(west.calls).to.include('StartComposition');
    expect(west.calls).to.not.include('StopComposition');
  });

  it('GIVEN the composition is already gone WHEN deleted THEN it counts as stopped', async () => {
    const fake = new FakeIvs();
    const result = await applyPlan(planOf(change('show/x', 'delete', { liveArn: 'arn:aws:ivs:us-east-1:123456789012:composition/Gone' })), () => fake.api(), optionsFor(fake));
    expect(result.results[0].outcome).to.equal('stopped');
  });

  it('GIVEN a running composition for the address with the same spec WHEN created THEN it is adopted and nothing starts', async () => {
    const fake = new FakeIvs();
    fake.add('ACTIVE', owned('show/new', 'hash-show-new'));
    const result = await applyPlan(planOf(change('show/new', 'create')), () => fake.api(), optionsFor(fake));
    expect(result.results[0]).to.include({ outcome: 'started', adopted: true });
    expect(fake.calls).to.not.include('StartComposition');
  });

  it('GIVEN a running composition for the address with another spec WHEN created THEN the change fails as a concurrent change', async () => {
    const fake = new FakeIvs();
    fake.add('ACTIVE', owned('show/new', 'another'));
    const result = await applyPlan(planOf(change('show/new', 'create')), () => fake.api(), optionsFor(fake));
    expect(result.results[0].error?.code).to.equal('ConcurrentChange');
    expect(fake.calls).to.not.include('StartComposition');
  });

  it('GIVEN two applies of one plan at once WHEN both finish THEN one composition runs for the address', async () => {
    const fake = new FakeIvs();
    const plan = planOf(change('show/a', 'create'), change('show/b', 'create'));
    const results = await Promise.all([applyPlan(plan, () => fake.api(), optionsFor(fake)), applyPlan(plan, () => fake.api(), optionsFor(fake))]);
    for (const r of results) expect(r.summary.failed).to.equal(0);
    expect(fake.running('show/a')).to.have.length(1);
    expect(fake.running('show/b')).to.have.length(1);
  });

  it('GIVEN a failing start WHEN applied THEN dependants are skipped and unrelated changes still run', async () => {
    const fake = new FakeIvs();
    fake.failStart.add('show/a');
    const plan = planOf(change('show/a', 'create'), change('show/b', 'create', { dependsOn: ['show/a'] }), change('show/c', 'create'));
    const result = await applyPlan(plan, () => fake.api(), optionsFor(fake));
    expect(result.results.map((r) => [r.address, r.outcome, r.error?.code ?? r.skippedBecause ?? ''])).to.deep.equal([
      ['show/a', 'failed', 'ValidationException'],
      ['show/b', 'skipped', 'show/a'],
      ['show/c', 'started', ''],
    ]);
    expect(result.complete).to.equal(false);
  });

  it('GIVEN a composition that goes FAILED WHEN waiting for ACTIVE THEN the failure names its destinations as the manifest does, with their states', async () => {
    const fake = new FakeIvs();
    fake.failAfterStart.add('show/a');
    const result = await applyPlan(planOf(change('show/a', 'create')), () => fake.api(), optionsFor(fake));
    expect(result.results[0].error?.code).to.equal('CompositionFailed');
    expect(result.results[0].error?.message).to.match(/FAILED \(destinations: live=FAILED\)/);
  });

  it('GIVEN a start that never becomes ACTIVE WHEN the wait times out THEN the change fails with WaitTimeout', async () => {
    const fake = new FakeIvs();
    fake.startDelay = 10 * 60_000;
    const result = await applyPlan(planOf(change('show/a', 'create')), () => fake.api(), optionsFor(fake, { waitTimeoutMs: 5000 }));
    expect(result.results[0].error?.code).to.equal('WaitTimeout');
  });

  it('GIVEN --no-wait WHEN a create is applied THEN it ends STARTING without polling, but stop-first still waits for STOPPED', async () => {
    const fake = new FakeIvs();
    const live = fake.add('ACTIVE', owned('show/b'));
    const result = await applyPlan(planOf(change('show/a', 'create'), change('show/b', 'replace-stop-first', { liveArn: live })), () => fake.api(), optionsFor(fake, { wait: false }));
    expect(result.results.map((r) => [r.outcome, r.state])).to.deep.equal([['started', 'STARTING'], ['replaced', 'STARTING']]);
    expect(fake.compositions.find((c) => c.arn === live)!.state).to.equal('STOPPED');
  });

  it('GIVEN an aborted signal WHEN applying THEN nothing starts and every change is skipped as interrupted', async () => {
    const fake = new FakeIvs();
    const controller = new AbortController();
    controller.abort();
    const result = await applyPlan(planOf(change('show/a', 'create')), () => fake.api(), optionsFor(fake, { signal: controller.signal }));
    expect(result.interrupted).to.equal(true);
    expect(result.results[0]).to.include({ outcome: 'skipped', skippedBecause: 'interrupted' });
    expect(fake.calls).to.deep.equal([]);
  });

  it('GIVEN parallelism 1 WHEN three creates run THEN at most one is in flight at a time', async () => {
    const fake = new FakeIvs();
    let inFlight = 0;
    let peak = 0;
    await applyPlan(planOf(change('s/a', 'create'), change('s/b', 'create'), change('s/c', 'create')), () => fake.api(), optionsFor(fake, {
      parallelism: 1,
      onEvent: (e) => {
        if (e.kind === 'begin') peak = Math.max(peak, ++inFlight);
        if (e.kind === 'end') inFlight--;
      },
    }));
    expect(peak).to.equal(1);
  });
});
