import { expect } from 'chai';
import { buildPlan } from '../core/plan/build-plan.js';
import type { LiveComposition } from '../core/model/live.js';
import { idempotencyTokenFor } from '../core/model/ownership.js';
import type { Plan, PlannedChange } from '../core/model/plan.js';
import {
  channelDestination,
  compositionArn,
  stageArn,
  deepFreeze,
  desiredComposition,
  desiredState,
  liveFor,
  liveStage,
  liveState,
  PROJECT,
  s3Destination,
  type CompositionInput,
} from './helpers/builders.js';
import { SCENARIOS, scenarioNamed } from './helpers/scenarios.js';

function changeOf(plan: Plan, address: string): PlannedChange {
  const found = plan.changes.filter((c) => c.address === address);
  expect(found, `changes for ${address}`).to.have.length(1);
  return found[0];
}

function brief(plan: Plan): string[] {
  return plan.changes.map((c) => [c.address, c.action, c.reasons.join('+'), c.dependsOn.length > 0 ? `after:${c.dependsOn.join(',')}` : undefined].filter(Boolean).join(' '));
}

describe('buildPlan: action and drift for each situation', () => {
  const expected: Record<string, { changes: string[]; drift: string[]; errors?: string[]; warnings?: string[] }> = {
    create: { changes: ['morning-show/program create not-running', 'morning-show/recording create not-running'], drift: [] },
    'no-op': { changes: ['morning-show/program no-op', 'morning-show/recording no-op'], drift: [] },
    'replace-stop-first': { changes: ['morning-show/program replace-stop-first spec-changed'], drift: [] },
    'replace-start-first': { changes: ['morning-show/recording replace-start-first spec-changed'], drift: [] },
    delete: { changes: ['evening-show/program delete removed-from-manifests', 'morning-show/recording no-op'], drift: [] },
    unmanaged: { changes: ['morning-show/recording no-op'], drift: [] },
    failed: { changes: ['morning-show/program replace-stop-first failed'], drift: ['morning-show/program failed'] },
    degraded: { changes: ['morning-show/program replace-stop-first degraded'], drift: ['morning-show/program degraded'] },
    reconnecting: { changes: ['morning-show/program no-op'], drift: ['morning-show/program degraded'] },
    'idle-start': { changes: ['morning-show/recording create stopped-idle'], drift: ['morning-show/recording stopped-idle'], warnings: ['IDLE_STAGE morning-show/recording'] },
    'idle-skip': { changes: ['morning-show/recording no-op'], drift: [] },
    stopped: { changes: ['morning-show/recording create stopped'], drift: ['morning-show/recording stopped'] },
    'tags-only': { changes: ['morning-show/recording update-tags tags-changed'], drift: [] },
    'tags-edited-outside': { changes: ['morning-show/recording update-tags tags-changed'], drift: ['morning-show/recording tags-changed'] },
    'quota-exceeded': { changes: ['morning-show/program create not-running', 'morning-show/recording no-op'], drift: [], errors: ['QUOTA_EXCEEDED manifests/morning-show.yaml'] },
    'channel-handover': { changes: ['late-show/program create not-running after:morning-show/program', 'morning-show/program delete removed-from-manifests'], drift: [] },
    duplicate: { changes: ['morning-show/recording delete duplicate', 'morning-show/recording no-op'], drift: [] },
    'quota-stop-first': { changes: ['morning-show/recording replace-stop-first spec-changed'], drift: [], warnings: ['QUOTA_STOP_FIRST morning-show/recording'] },
    destroy: { changes: ['morning-show/program delete destroy', 'morning-show/recording delete destroy'], drift: [] },
    'replace-requested': { changes: ['morning-show/program no-op', 'morning-show/recording replace-start-first replace-requested'], drift: [] },
    protected: { changes: ['morning-show/program replace-stop-first spec-changed'], drift: [], errors: ['PROTECTED manifests/morning-show.yaml'] },
    'protect-tag': { changes: ['morning-show/recording update-tags tags-changed'], drift: [] },
    moved: { changes: ['morning-show/main move moved', 'morning-show/recording no-op'], drift: [], warnings: ['MOVED_STALE morning-show/recording'] },
    adopt: { changes: ['morning-show/program adopt unmanaged-match', 'morning-show/recording no-op'], drift: [] },
    'adopt-differs': {
      changes: ['morning-show/program create not-running'],
      drift: [],
      errors: ['CHANNEL_IN_USE manifests/morning-show.yaml'],
      warnings: ['ADOPT_SPEC_DIFFERS morning-show/program'],
    },
    'scheduled-closed': { changes: ['morning-show/program no-op'], drift: [] },
    'outside-schedule': {
      changes: ['morning-show/program delete outside-schedule', 'morning-show/recording no-op'],
      drift: [],
      warnings: ['WINDOW_EXCEEDS_MAX_DURATION morning-show/recording'],
    },
    'scheduled-open': { changes: ['morning-show/program create not-running'], drift: [] },
    targeted: {
      changes: ['show-1/cam-1 create not-running', 'show-1/cam-2 no-op', 'show-1/cam-3 no-op', 'show-1/cam-4 no-op', 'show-7/cam-1 delete removed-from-manifests'],
      drift: [],
      warnings: ['TARGETED_PLAN'],
    },
  };
  for (const [name, want] of Object.entries(expected)) {
    it(`GIVEN ${name}: ${scenarioNamed(name).description} WHEN planned THEN ${want.changes.join('; ')}`, () => {
      const s = scenarioNamed(name);
      const { plan, errors } = buildPlan(s.desired, s.live, { targets: s.targets, atMs: s.atMs, ...s.options });
      expect(brief(plan)).to.deep.equal(want.changes);
      expect(plan.drift.map((d) => `${d.address} ${d.kind}`)).to.deep.equal(want.drift);
      expect(errors.map((e) => `${e.code} ${e.file}`)).to.deep.equal(want.errors ?? []);
      expect(plan.warnings.map((w) => `${w.code} ${w.address ?? ''}`.trim())).to.deep.equal(want.warnings ?? []);
    });
  }

  it('GIVEN any scenario WHEN planned twice, or with live lists in another order, THEN the plans are identical', () => {
    for (const s of SCENARIOS) {
      const once = JSON.stringify(buildPlan(s.desired, s.live, { atMs: s.atMs }));
      const shuffled = { ...s.live, regions: s.live.regions.map((r) => ({ ...r, compositions: [...r.compositions].reverse(), stages: [...r.stages].reverse() })) };
      expect(JSON.stringify(buildPlan(s.desired, s.live, { atMs: s.atMs })), s.name).to.equal(once);
      expect(JSON.stringify(buildPlan(s.desired, shuffled, { atMs: s.atMs })), s.name).to.equal(once);
    }
  });

  it('GIVEN frozen inputs WHEN planned THEN nothing is mutated (no throw on a frozen object)', () => {
    for (const s of SCENARIOS) expect(() => buildPlan(deepFreeze(s.desired), deepFreeze(s.live), { targets: deepFreeze(['morning-show']) })).not.to.throw();
  });

  it('counts the summary once: a replacement is one add and one destroy', () => {
    const s = scenarioNamed('many');
    const { plan } = buildPlan(s.desired, s.live, {});
    expect(plan.summary).to.deep.equal({
      add: 5,
      change: 0,
      destroy: 1,
      noop: 19,
      drift: 0,
      unmanaged: 0,
      changes: 6,
      actions: { create: 5, replace: 0, delete: 1, 'update-tags': 0, adopt: 0, move: 0, 'no-op': 19 },
      driftByKind: { failed: 0, stopped: 0, 'stopped-idle': 0, expired: 0, degraded: 0, 'tags-changed': 0, 'stage-missing': 0 },
    });
    const failed = buildPlan(scenarioNamed('failed').desired, scenarioNamed('failed').live, {}).plan.summary;
    expect([failed.add, failed.destroy, failed.change, failed.changes, failed.actions.replace, failed.driftByKind.failed]).to.deep.equal([1, 1, 0, 1, 1, 1]);
  });
});

describe('buildPlan: scale', () => {
  it('GIVEN 2,000 declared compositions on 400 stages THEN every one is planned (its speed is measured in npm run bench)', () => {
    const inputs: CompositionInput[] = [];
    for (let st = 0; st < 400; st++) for (let c = 0; c < 5; c++) inputs.push({ address: `m${st}/c${c}`, stage: `S${st}`, destinations: [s3Destination({}, `d${c}`)] });
    const desired = desiredState(inputs, { quotas: { compositionsPerAccount: 5000 } });
    const live = liveState(
      Array.from({ length: 400 }, (_, st) => liveStage(`S${st}`)),
      desired.compositions.filter((_, i) => i % 3 !== 0).map((c, i) => liveFor(c, { id: `X${i}` })),
    );
    const { plan, errors } = buildPlan(desired, live, {});
    expect(errors).to.deep.equal([]);
    expect([plan.summary.add, plan.summary.noop]).to.deep.equal([667, 1333]);
  });
});

describe('buildPlan: replace order', () => {
  const S3_ONLY: CompositionInput = { address: 'show/rec', stage: 'Stage1', destinations: [s3Destination()] };
  const WITH_CHANNEL: CompositionInput = { address: 'show/rec', stage: 'Stage1', destinations: [channelDestination('C1'), s3Destination()] };
  const cases: { name: string; before: CompositionInput; after: CompositionInput; stageQuota?: number; othersRunning?: number; order: string }[] = [
    { name: 'S3 only', before: S3_ONLY, after: { ...S3_ONLY, layout: { grid: { gridGap: 9 } } }, order: 'start-first' },
    { name: 'a channel, before and after', before: WITH_CHANNEL, after: { ...WITH_CHANNEL, layout: { grid: { gridGap: 9 } } }, order: 'stop-first' },
    { name: 'a channel added', before: S3_ONLY, after: WITH_CHANNEL, order: 'stop-first' },
    { name: 'a channel removed', before: WITH_CHANNEL, after: S3_ONLY, order: 'stop-first' },
    { name: 'S3 only on a stage at its quota', before: S3_ONLY, after: { ...S3_ONLY, layout: { grid: { gridGap: 9 } } }, stageQuota: 2, othersRunning: 1, order: 'stop-first' },
    { name: 'S3 only on a stage with room for one more', before: S3_ONLY, after: { ...S3_ONLY, layout: { grid: { gridGap: 9 } } }, stageQuota: 3, othersRunning: 1, order: 'start-first' },
    // AWS's default "Compositions" quota: 5 per account and region; no per-stage limit by default.
    { name: 'S3 only with 5 of 5 running in the account (default quotas)', before: S3_ONLY, after: { ...S3_ONLY, layout: { grid: { gridGap: 9 } } }, othersRunning: 4, order: 'stop-first' },
    { name: 'S3 only with 4 of 5 running in the account (default quotas)', before: S3_ONLY, after: { ...S3_ONLY, layout: { grid: { gridGap: 9 } } }, othersRunning: 3, order: 'start-first' },
  ];
  for (const c of cases) {
    it(`GIVEN ${c.name} WHEN the spec changes THEN the replacement is ${c.order}`, () => {
      const desired = desiredState([c.after], { quotas: c.stageQuota ? { compositionsPerStage: c.stageQuota } : {} });
      const others = Array.from({ length: c.othersRunning ?? 0 }, (_, i) => liveFor(desiredComposition({ ...S3_ONLY, address: `x/${i}` }), { id: `Other${i}`, project: null }));
      const live = liveState([liveStage('Stage1')], [liveFor(desiredComposition(c.before), { id: 'Old1' }), ...others]);
      const { plan, errors } = buildPlan(desired, live, {});
      expect(errors).to.deep.equal([]);
      const change = changeOf(plan, 'show/rec');
      expect(change.action).to.equal(`replace-${c.order}`);
      const quotaForced = c.order === 'stop-first' && (c.stageQuota !== undefined || c.othersRunning === 4);
      expect(plan.warnings.map((w) => w.code)).to.deep.equal(quotaForced ? ['QUOTA_STOP_FIRST'] : []);
    });
  }
});

describe('buildPlan: idempotency tokens', () => {
  const input: CompositionInput = { address: 'show/rec', stage: 'Stage1', destinations: [s3Destination()] };
  const want = desiredComposition(input);
  const cases: { name: string; live: LiveComposition[]; predecessor?: string }[] = [
    { name: 'nothing ever ran', live: [] },
    {
      name: 'two retained STOPPED compositions: the newest',
      live: [
        liveFor(want, { id: 'Old1', state: 'STOPPED', endTime: '2026-01-01T10:01:00.000Z' }),
        liveFor(want, { id: 'Old2', state: 'STOPPED', endTime: '2026-01-01T10:03:00.000Z' }),
      ],
      predecessor: compositionArn('Old2'),
    },
    { name: 'a FAILED one being replaced', live: [liveFor(want, { id: 'Bad1', state: 'FAILED' })], predecessor: compositionArn('Bad1') },
    { name: 'a running one being replaced', live: [liveFor(desiredComposition({ ...input, layout: { pip: {} } }), { id: 'Run1' })], predecessor: compositionArn('Run1') },
  ];
  for (const c of cases) {
    it(`GIVEN ${c.name} THEN the token derives from ${c.predecessor ?? 'no predecessor'}`, () => {
      const { plan } = buildPlan(desiredState([input]), liveState([liveStage('Stage1')], c.live), {});
      expect(changeOf(plan, 'show/rec').idempotencyToken).to.equal(idempotencyTokenFor(PROJECT, 'show/rec', want.specHash, c.predecessor));
    });
  }
});

describe('buildPlan: dependencies and quotas', () => {
  it('GIVEN a channel moving from a removed composition to a new one THEN the new one waits for the stop', () => {
    const old = desiredComposition({ address: 'old/program', stage: 'Stage1', destinations: [channelDestination('C1')] });
    const desired = desiredState([{ address: 'new/program', stage: 'Stage2', destinations: [channelDestination('C1')] }]);
    const { plan, errors } = buildPlan(desired, liveState([liveStage('Stage1'), liveStage('Stage2')], [liveFor(old, { id: 'Old1' })]), {});
    expect(errors).to.deep.equal([]);
    expect(brief(plan)).to.deep.equal(['new/program create not-running after:old/program', 'old/program delete removed-from-manifests']);
  });

  it('GIVEN a full stage where one composition is removed and another added THEN the start waits for the stop', () => {
    const gone = desiredComposition({ address: 'show/gone', stage: 'Stage1', destinations: [s3Destination()] });
    const kept = { address: 'show/kept', stage: 'Stage1', destinations: [s3Destination()] };
    const desired = desiredState([kept, { address: 'show/new', stage: 'Stage1', destinations: [s3Destination({}, 'b')] }], { quotas: { compositionsPerStage: 2 } });
    const live = liveState([liveStage('Stage1')], [liveFor(gone, { id: 'Gone1' }), liveFor(desiredComposition(kept), { id: 'Kept1' })]);
    const { plan, errors } = buildPlan(desired, live, {});
    expect(errors).to.deep.equal([]);
    expect(brief(plan)).to.deep.equal(['show/gone delete removed-from-manifests', 'show/kept no-op', 'show/new create not-running after:show/gone']);
  });

  it('GIVEN an account at its quota across stages THEN a start waits for a stop on another stage', () => {
    const gone = desiredComposition({ address: 'a/gone', stage: 'Stage1', destinations: [s3Destination()] });
    const desired = desiredState([{ address: 'b/new', stage: 'Stage2', destinations: [s3Destination()] }], { quotas: { compositionsPerAccount: 1 } });
    const { plan, errors } = buildPlan(desired, liveState([liveStage('Stage1'), liveStage('Stage2')], [liveFor(gone, { id: 'Gone1' })]), {});
    expect(errors).to.deep.equal([]);
    expect(brief(plan)).to.deep.equal(['a/gone delete removed-from-manifests', 'b/new create not-running after:a/gone']);
  });

  it('GIVEN a stage whose quota unmanaged compositions fill THEN each start over it is a QUOTA_EXCEEDED error at its source', () => {
    const foreign = desiredComposition({ address: 'x/y', stage: 'Stage1', destinations: [s3Destination()] });
    const desired = desiredState(
      [
        { address: 'show/a', stage: 'Stage1', destinations: [s3Destination()], line: 7 },
        { address: 'show/b', stage: 'Stage1', destinations: [s3Destination({}, 'b')], line: 12 },
      ],
      { quotas: { compositionsPerStage: 2 } },
    );
    const live = liveState([liveStage('Stage1')], [liveFor(foreign, { id: 'F1', project: null })]);
    const { errors } = buildPlan(desired, live, {});
    expect(errors.map((e) => `${e.code} ${e.file}:${e.line}`)).to.deep.equal(['QUOTA_EXCEEDED manifests/show.yaml:7', 'QUOTA_EXCEEDED manifests/show.yaml:12']);
    expect(errors[0].message).to.contain('quotas.compositionsPerStage in stageform.yaml allows 2 per stage');
  });

  it('GIVEN compositions running on undeclared stages THEN they count toward the account quota, not a stage quota', () => {
    const desired = desiredState(
      [
        { address: 'show/a', stage: 'Stage1', destinations: [s3Destination()], line: 7 },
        { address: 'show/b', stage: 'Stage1', destinations: [s3Destination({}, 'b')], line: 12 },
      ],
      { quotas: { compositionsPerStage: 5, compositionsPerAccount: 3 } },
    );
    const base = liveState([liveStage('Stage1')], []);
    const elsewhere = (n: number) => ({
      ...base,
      regions: base.regions.map((r) => ({
        ...r,
        otherRunning: Array.from({ length: n }, (_, i) => ({ arn: compositionArn(`Other${i}`), stageArn: stageArn('Elsewhere'), state: 'ACTIVE' as const })),
      })),
    });
    expect(buildPlan(desired, elsewhere(1), {}).errors).to.deep.equal([]);
    const { errors } = buildPlan(desired, elsewhere(2), {});
    // Either start may be the one over the quota, whatever order apply runs them in: both are named.
    expect(errors.map((e) => `${e.code} ${e.file}:${e.line}`)).to.deep.equal(['QUOTA_EXCEEDED manifests/show.yaml:7', 'QUOTA_EXCEEDED manifests/show.yaml:12']);
    expect(errors[0].message).to.contain('account');
  });

  it('GIVEN a channel held by a composition the plan does not stop THEN CHANNEL_IN_USE at the source', () => {
    const holder = desiredComposition({ address: 'x/y', stage: 'Stage1', destinations: [channelDestination('C1')] });
    const desired = desiredState([{ address: 'show/program', stage: 'Stage2', destinations: [channelDestination('C1')], line: 9 }]);
    const { errors } = buildPlan(desired, liveState([liveStage('Stage1'), liveStage('Stage2')], [liveFor(holder, { id: 'Hand1', project: null })]), {});
    expect(errors.map((e) => `${e.code} ${e.file}:${e.line}`)).to.deep.equal(['CHANNEL_IN_USE manifests/show.yaml:9']);
    expect(errors[0].message).to.contain(compositionArn('Hand1'));
  });

  it('GIVEN two compositions swapping channels THEN the cycle is an error', () => {
    const a = desiredComposition({ address: 's/a', stage: 'Stage1', destinations: [channelDestination('C1')] });
    const b = desiredComposition({ address: 's/b', stage: 'Stage1', destinations: [channelDestination('C2')] });
    const desired = desiredState([
      { address: 's/a', stage: 'Stage1', destinations: [channelDestination('C2')] },
      { address: 's/b', stage: 'Stage1', destinations: [channelDestination('C1')] },
    ]);
    const { errors } = buildPlan(desired, liveState([liveStage('Stage1')], [liveFor(a, { id: 'A1' }), liveFor(b, { id: 'B1' })]), {});
    expect(errors.map((e) => e.code)).to.include('DEPENDENCY_CYCLE');
  });
});

describe('buildPlan: ownership, identity and targets', () => {
  const input: CompositionInput = { address: 'show/rec', stage: 'Stage1', destinations: [s3Destination()] };

  it('GIVEN two running compositions for one address THEN the one on the desired spec stays and the extra is deleted as a duplicate', () => {
    const want = desiredComposition(input);
    const live = liveState([liveStage('Stage1')], [liveFor(want, { id: 'A1', startTime: '2026-01-01T10:00:00.000Z' }), liveFor(want, { id: 'B1', startTime: '2026-01-01T11:00:00.000Z' })]);
    const { plan } = buildPlan(desiredState([input]), live, {});
    expect(plan.changes.map((c) => `${c.action} ${c.live?.arn}`)).to.deep.equal([`delete ${compositionArn('A1')}`, `no-op ${compositionArn('B1')}`]);
    expect(plan.changes[0].reasons).to.deep.equal(['duplicate']);
  });

  it("GIVEN another project's and an untagged composition THEN neither is ever changed, both are listed", () => {
    const s = scenarioNamed('unmanaged');
    const { plan } = buildPlan(s.desired, s.live, {});
    expect(plan.changes.every((c) => c.live?.arn !== compositionArn('Hand1') && c.live?.arn !== compositionArn('Other1'))).to.equal(true);
    expect(plan.unmanaged.map((u) => [u.arn, u.project ?? null])).to.deep.equal([
      [compositionArn('Hand1'), null],
      [compositionArn('Other1'), 'newsroom'],
    ]);
  });

  it('GIVEN a running composition carrying AWS-reserved aws: tags the manifest cannot declare THEN it is in sync (nobody can remove them), while another extra tag is a change', () => {
    const want = desiredComposition({ ...input, tags: { team: 'news' } });
    const reserved = liveState([liveStage('Stage1')], [liveFor(want, { id: 'A1', tags: { team: 'news', 'aws:cloudformation:stack-name': 'shows' } })]);
    expect(brief(buildPlan(desiredState([{ ...input, tags: { team: 'news' } }]), reserved, {}).plan)).to.deep.equal(['show/rec no-op']);
    const extra = liveState([liveStage('Stage1')], [liveFor(want, { id: 'A1', tags: { team: 'news', owner: 'ops' } })]);
    expect(brief(buildPlan(desiredState([{ ...input, tags: { team: 'news' } }]), extra, {}).plan)).to.deep.equal(['show/rec update-tags tags-changed']);
  });

  it('GIVEN a stage that does not exist THEN STAGE_NOT_FOUND points at the manifest', () => {
    const { errors } = buildPlan(desiredState([input]), liveState([], []), {});
    expect(errors.map((e) => `${e.code} ${e.file}:${e.line}`)).to.deep.equal(['STAGE_NOT_FOUND manifests/show.yaml:3']);
  });

  it('GIVEN --target THEN only that address changes, plus what it depends on, and the plan says so', () => {
    const old = desiredComposition({ address: 'old/program', stage: 'Stage1', destinations: [channelDestination('C1')] });
    const desired = desiredState([
      { address: 'new/program', stage: 'Stage2', destinations: [channelDestination('C1')] },
      { address: 'other/rec', stage: 'Stage2', destinations: [s3Destination()] },
    ]);
    const live = liveState([liveStage('Stage1'), liveStage('Stage2')], [liveFor(old, { id: 'Old1' })]);
    const { plan } = buildPlan(desired, live, { targets: ['new/program'] });
    expect(brief(plan)).to.deep.equal(['new/program create not-running after:old/program', 'old/program delete removed-from-manifests']);
    expect(plan.targets).to.deep.equal(['new/program']);
    expect(plan.warnings.map((w) => w.code)).to.deep.equal(['TARGETED_PLAN', 'TARGET_DEPENDENCY']);
  });

  it('GIVEN --target with a manifest name THEN every address under it is targeted', () => {
    const s = scenarioNamed('many');
    const { plan } = buildPlan(s.desired, s.live, { targets: ['show-2'] });
    expect(plan.changes.map((c) => c.address)).to.deep.equal(['show-2/cam-1', 'show-2/cam-2', 'show-2/cam-3', 'show-2/cam-4']);
  });
});

describe('buildPlan: a FAILED composition whose manifest also changed', () => {
  it('GIVEN a FAILED composition and a new grid gap THEN replace-stop-first for both reasons, the changed field shown', () => {
    const input: CompositionInput = { address: 'show/rec', stage: 'Stage1', destinations: [s3Destination()] };
    const failed = liveFor(desiredComposition(input), { id: 'Bad1', state: 'FAILED' });
    const { plan } = buildPlan(desiredState([{ ...input, layout: { grid: { gridGap: 7 } } }]), liveState([liveStage('Stage1')], [failed]), {});
    const change = changeOf(plan, 'show/rec');
    expect([change.action, change.reasons]).to.deep.equal(['replace-stop-first', ['failed', 'spec-changed']]);
    expect(change.replacePaths).to.deep.equal([['layout', 'grid', 'gridGap']]);
  });
});

describe('buildPlan: a missing stage and whenIdle: skip', () => {
  const onShow = { address: 'show/rec', stage: 'Stage1', destinations: [s3Destination()] };
  const onGone = { address: 'gone/rec', stage: 'Gone1', destinations: [s3Destination()] };

  it('GIVEN a declared stage that does not exist THEN an untargeted plan is STAGE_NOT_FOUND, a plan targeting another stage is not, and the drift check reports stage-missing', () => {
    const desired = desiredState([onShow, onGone]);
    const live = liveState([liveStage('Stage1')], []);
    expect(buildPlan(desired, live, {}).errors.map((e) => e.code)).to.deep.equal(['STAGE_NOT_FOUND']);
    expect(buildPlan(desired, live, { targets: ['gone/rec'] }).errors.map((e) => e.code)).to.deep.equal(['STAGE_NOT_FOUND']);
    const targeted = buildPlan(desired, live, { targets: ['show'] });
    expect(targeted.errors).to.deep.equal([]);
    expect(brief(targeted.plan)).to.deep.equal(['show/rec create not-running']);
    const drift = buildPlan(desired, live, { missingStage: 'drift' });
    expect(drift.errors).to.deep.equal([]);
    expect(drift.plan.drift.map((d) => `${d.address} ${d.kind}`)).to.deep.equal(['gone/rec stage-missing']);
    expect(drift.plan.summary.driftByKind['stage-missing']).to.equal(1);
    expect(brief(drift.plan)).to.deep.equal(['show/rec create not-running']);
  });

  it('GIVEN whenIdle: skip and a FAILED composition on an idle stage THEN it is drift, and nothing starts', () => {
    const want = desiredComposition({ ...onShow, whenIdle: 'skip' });
    const { plan } = buildPlan(desiredState([{ ...onShow, whenIdle: 'skip' }]), liveState([liveStage('Stage1', { active: false })], [liveFor(want, { id: 'Bad1', state: 'FAILED' })]), {});
    expect(plan.drift.map((d) => `${d.address} ${d.kind}`)).to.deep.equal(['show/rec failed']);
    expect(changeOf(plan, 'show/rec').action).to.equal('no-op');
  });
});
