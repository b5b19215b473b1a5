// The reconcile loop's decisions as tables: presence, the heal/sync policy, backoff, the budget.
import { expect } from 'chai';
import { desiredPresence, isStageLive } from '../core/model/presence.js';
import type { PlannedChange } from '../core/model/plan.js';
import { BackoffBook, isAllowedByPolicy, selectChanges } from '../core/pipeline/reconcile-policy.js';
import { budgetRateLimits, minimumIntervalMs, shareOfLimits } from '../core/pipeline/reconcile-budget.js';
import { resolveKeys } from '../core/pipeline/reconcile-pass.js';
import { DEFAULT_RATE_LIMITS } from '../core/model/desired.js';
import { rateOf } from '../core/ivs/rate-limiter.js';
import { formatTextLine, parseListen } from '../cli/reconcile-telemetry.js';
import { desiredState, s3Destination, stageArn } from './helpers/builders.js';

function change(address: string, action: PlannedChange['action'], live?: Partial<NonNullable<PlannedChange['live']>>, dependsOn: string[] = []): PlannedChange {
  return {
    address,
    action,
    reasons: [],
    replacePaths: [],
    stageArn: stageArn('S1'),
    region: 'us-east-1',
    before: null,
    after: null,
    specHash: null,
    live: live ? { arn: 'arn', state: 'ACTIVE', destinationStates: ['ACTIVE'], ...live } : null,
    dependsOn,
  };
}

describe('reconcile: presence', () => {
  const table: [string, 'start' | 'skip', boolean, boolean][] = [
    ['start on a live stage', 'start', true, true],
    ['start on an idle stage (IVS stops it; reported)', 'start', false, true],
    ['skip on a live stage', 'skip', true, true],
    ['skip on an idle stage: absent without drift', 'skip', false, false],
  ];
  for (const [name, whenIdle, live, expected] of table) {
    it(`whenIdle: ${name} -> ${expected ? 'runs' : 'absent'}`, () => {
      expect(desiredPresence({ whenIdle }, Date.UTC(2026, 0, 1), live).run).to.equal(expected);
    });
  }

  it('a stage is live while a participant publishes in its session', () => {
    expect(isStageLive({ activeSessionId: 'st-1' })).to.equal(true);
    expect(isStageLive({ activeSessionId: '' })).to.equal(false);
    expect(isStageLive({})).to.equal(false);
    // A session where ListParticipants found no publisher (only subscribers) is idle.
    expect(isStageLive({ activeSessionId: 'st-1', publishing: false })).to.equal(false);
    expect(isStageLive({ activeSessionId: 'st-1', publishing: true })).to.equal(true);
  });
});

describe('reconcile: heal and sync policies', () => {
  const table: [string, PlannedChange, boolean][] = [
    ['create', change('a/x', 'create'), true],
    ['update-tags', change('a/x', 'update-tags', {}), true],
    ['delete of a removed address', { ...change('a/x', 'delete', {}), reasons: ['removed-from-manifests'] }, false],
    ['delete of a duplicate', { ...change('a/x', 'delete', {}), reasons: ['duplicate'] }, false],
    ['stop when the schedule closes', { ...change('a/x', 'delete', {}), reasons: ['outside-schedule'] }, true],
    ['replace of a healthy running composition (changed spec)', change('a/x', 'replace-start-first', { state: 'ACTIVE' }), false],
    ['replace of a FAILED composition', change('a/x', 'replace-stop-first', { state: 'FAILED' }), true],
    ['replace of a composition with a FAILED destination', change('a/x', 'replace-start-first', { state: 'ACTIVE', destinationStates: ['ACTIVE', 'FAILED'] }), true],
    ['replace of one with a RECONNECTING destination', change('a/x', 'replace-start-first', { state: 'ACTIVE', destinationStates: ['RECONNECTING'] }), false],
    ['adopt of a matching composition started outside stageform', { ...change('a/x', 'adopt', {}), reasons: ['unmanaged-match'] }, false],
    ['move of a renamed address', { ...change('b/x', 'move', {}), reasons: ['moved'], movedFrom: 'a/x' }, false],
  ];
  for (const [name, c, heal] of table) {
    it(`heal ${heal ? 'applies' : 'holds'} ${name}; sync applies it`, () => {
      expect(isAllowedByPolicy(c, 'heal')).to.equal(heal);
      expect(isAllowedByPolicy(c, 'sync')).to.equal(true);
    });
  }

  it('GIVEN a start that depends on a held stop WHEN healing THEN the start is held too, and others proceed', () => {
    const changes = [change('a/old', 'delete', {}), change('b/new', 'create', undefined, ['a/old']), change('c/other', 'create')];
    const selected = selectChanges(changes, 'heal', new BackoffBook(), 0);
    expect(selected.apply.map((c) => c.address)).to.deep.equal(['c/other']);
    expect(selected.held).to.deep.equal([
      { address: 'a/old', action: 'delete', reason: 'policy' },
      { address: 'b/new', action: 'create', reason: 'depends-on-held' },
    ]);
  });
});

describe('reconcile: backoff per address', () => {
  it('doubles from the base up to the cap; a success forgets; other addresses are not affected', () => {
    const book = new BackoffBook({ baseMs: 1000, capMs: 5000 });
    const rests = [1, 2, 3, 4, 5].map(() => {
      const entry = book.recordFailure('a/x', 0);
      return entry.retryAtMs;
    });
    expect(rests).to.deep.equal([1000, 2000, 4000, 5000, 5000]);
    expect(book.isResting('a/x', 4999)).to.equal(true);
    expect(book.isResting('a/x', 5000)).to.equal(false);
    expect(book.isResting('b/y', 0)).to.equal(false);
    const selected = selectChanges([change('a/x', 'create'), change('b/y', 'create')], 'heal', book, 100);
    expect(selected.apply.map((c) => c.address)).to.deep.equal(['b/y']);
    expect(selected.held).to.deep.equal([{ address: 'a/x', action: 'create', reason: 'backoff', retryAtMs: 5000 }]);
    book.recordSuccess('a/x');
    expect(book.recordFailure('a/x', 0).retryAtMs).to.equal(1000);
  });
});

describe('reconcile: rate budget', () => {
  it('the tick is the shortest whole second at which a tick reads within the share of every limit', () => {
    // 1,000 stages: 10 ListStages pages at 5 TPS, half of it: 4 s.
    expect(minimumIntervalMs({ ListStages: 10, ListCompositions: 2 }, DEFAULT_RATE_LIMITS, 0.5)).to.equal(4000);
    expect(minimumIntervalMs({ ListStages: 1, ListCompositions: 1 }, DEFAULT_RATE_LIMITS, 0.5)).to.equal(1000);
    expect(minimumIntervalMs({ ListStages: 10 }, DEFAULT_RATE_LIMITS, 1)).to.equal(2000);
    expect(budgetRateLimits(DEFAULT_RATE_LIMITS, 0.5)).to.deep.equal({ composition: 2.5, stage: 2.5, tag: 5, configuration: 2.5, channel: 2.5 });
    expect(shareOfLimits({ ListStages: 10 }, DEFAULT_RATE_LIMITS, 4000)).to.deep.equal({ ListStages: 0.5 });
  });

  it("the budget holds for preflight's reads too: configurations, channels and streams at the share of their documented 5 TPS", () => {
    const budget = budgetRateLimits(DEFAULT_RATE_LIMITS, 0.2);
    for (const op of ['GetEncoderConfiguration', 'GetStorageConfiguration', 'GetChannel', 'GetStream'] as const) {
      expect(rateOf(op, DEFAULT_RATE_LIMITS), op).to.equal(5);
      expect(rateOf(op, budget), op).to.equal(1);
    }
    expect(rateOf('ListStages', budget)).to.equal(1);
  });
});

describe('reconcile: keys', () => {
  it('a stage ARN selects every address declared on the stage; an address or manifest name selects itself', () => {
    const desired = desiredState([
      { address: 'morning/program', stage: 'S1', destinations: [s3Destination()] },
      { address: 'morning/recording', stage: 'S1', destinations: [s3Destination()] },
      { address: 'evening/program', stage: 'S2', destinations: [s3Destination()] },
    ]);
    expect(resolveKeys(desired, [stageArn('S1')])).to.deep.equal(['morning/program', 'morning/recording']);
    expect(resolveKeys(desired, ['evening'])).to.deep.equal(['evening/program']);
    expect(resolveKeys(desired, [stageArn('Nope')])).to.deep.equal([]);
    expect(resolveKeys(desired, [])).to.equal(undefined);
  });
});

describe('reconcile: operations edges', () => {
  it('--listen takes a port or host:port, loopback by default', () => {
    expect(parseListen('9464')).to.deep.equal({ host: '127.0.0.1', port: 9464 });
    expect(parseListen('0.0.0.0:80')).to.deep.equal({ host: '0.0.0.0', port: 80 });
    expect(parseListen('[::1]:9464')).to.deep.equal({ host: '::1', port: 9464 });
    expect(parseListen('port')).to.equal(undefined);
    expect(parseListen('70000')).to.equal(undefined);
    expect(parseListen('localhost:9464')).to.deep.equal({ host: 'localhost', port: 9464 });
    expect(parseListen('bad_host!:80')).to.equal(undefined);
    expect(parseListen('[not-an-ip]:80')).to.equal(undefined);
    expect(parseListen('127.0.0.1:')).to.equal(undefined);
  });

  it('a text log line carries the JSON line\'s fields in order', () => {
    const line = formatTextLine(JSON.stringify({ level: 'info', time: 'T', event: 'tick', tick: 3, held: [], msg: 'tick' }));
    expect(line).to.equal('T info  tick event=tick tick=3 held=[]\n');
  });
});
