// Named situations shared by the plan tests, the golden files and the integration tests.
import type { DesiredState, Quotas } from '../../core/model/desired.js';
import type { Schedule } from '../../core/model/schedule.js';
import type { LiveState } from '../../core/model/live.js';
import {
  channelDestination,
  compositionArn,
  desiredComposition,
  desiredState,
  ENCODER_HD,
  liveFor,
  liveFromSpec,
  liveStage,
  liveState,
  s3Destination,
  stageArn,
  type CompositionInput,
} from './builders.js';

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly desired: DesiredState;
  readonly live: LiveState;
  readonly targets?: readonly string[];
  /** The instant schedules are evaluated at (epoch ms); only scenarios with schedules set it. */
  readonly atMs?: number;
}

const program: CompositionInput = {
  address: 'morning-show/program',
  stage: 'Morning1',
  layout: { grid: { featuredParticipantAttribute: 'featured' } },
  destinations: [channelDestination('Morning1', 'broadcast'), s3Destination({}, 'archive')],
  tags: { team: 'media' },
};
const recording: CompositionInput = {
  address: 'morning-show/recording',
  stage: 'Morning1',
  layout: { pip: { pipParticipantAttribute: 'host' } },
  destinations: [s3Destination()],
  tags: { team: 'media' },
};

function scenario(
  name: string,
  description: string,
  inputs: readonly CompositionInput[],
  live: (d: DesiredState) => LiveState,
  extra: { targets?: readonly string[]; quotas?: Partial<Quotas>; atMs?: number } = {},
): Scenario {
  const desired = desiredState(inputs, { quotas: extra.quotas });
  return { name, description, desired, live: live(desired), ...(extra.targets ? { targets: extra.targets } : {}), ...(extra.atMs !== undefined ? { atMs: extra.atMs } : {}) };
}

/** Weekday mornings 08:00-10:00 Berlin time, not on Christmas Day. */
export const MORNING_SCHEDULE: Schedule = {
  timezone: 'Europe/Berlin',
  windows: [{ cron: '0 8 * * MON-FRI', durationMs: 2 * 3_600_000 }],
  deny: [{ startMs: Date.parse('2026-12-25T00:00:00+01:00'), endMs: Date.parse('2026-12-26T00:00:00+01:00') }],
};
/** A weekend-long one-off: longer than IVS lets a composition run. */
const MARATHON_SCHEDULE: Schedule = {
  timezone: 'America/New_York',
  windows: [{ startMs: Date.parse('2026-12-05T09:00:00-05:00'), endMs: Date.parse('2026-12-06T21:00:00-05:00') }],
  deny: [],
};
/** Monday 2026-11-30 05:00 UTC (06:00 in Berlin): two hours before the morning show. */
export const BEFORE_THE_SHOW = Date.parse('2026-11-30T05:00:00Z');

function byAddress(d: DesiredState, address: string) {
  const found = d.compositions.find((c) => c.address === address);
  if (!found) throw new Error(`no ${address}`);
  return found;
}

export const SCENARIOS: readonly Scenario[] = [
  scenario('create', 'declared compositions, nothing running', [program, recording], () => liveState([liveStage('Morning1')], [])),
  scenario('no-op', 'live matches the manifests', [program, recording], (d) =>
    liveState([liveStage('Morning1')], [liveFor(byAddress(d, program.address), { id: 'Prog1' }), liveFor(byAddress(d, recording.address), { id: 'Rec1' })]),
  ),
  scenario('replace-stop-first', 'a layout change on a composition that broadcasts to a channel', [program], () => {
    const old = desiredComposition({ ...program, layout: { grid: { featuredParticipantAttribute: 'featured', gridGap: 8 } } });
    return liveState([liveStage('Morning1')], [liveFromSpec(old.spec, old.address, old.specHash, old.tags, { id: 'Prog1' })]);
  }),
  scenario('replace-start-first', 'an S3-only composition whose encoder and segment length change', [{ ...recording, destinations: [s3Destination({ encoderConfigurationArns: [ENCODER_HD], recordingConfiguration: { hlsConfiguration: { targetSegmentDurationSeconds: 6 } } })] }], () => {
    const old = desiredComposition(recording);
    return liveState([liveStage('Morning1')], [liveFromSpec(old.spec, old.address, old.specHash, old.tags, { id: 'Rec1' })]);
  }),
  scenario('delete', 'a whole manifest removed: its running composition is stopped', [recording], (d) => {
    const gone = desiredComposition({ ...program, address: 'evening-show/program', stage: 'Evening1', destinations: [channelDestination('Evening1')] });
    return liveState([liveStage('Morning1'), liveStage('Evening1')], [liveFor(byAddress(d, recording.address), { id: 'Rec1' }), liveFor(gone, { id: 'Eve1' })]);
  }),
  scenario('unmanaged', 'compositions stageform did not start are listed, never touched', [recording], (d) => {
    const foreign = desiredComposition({ ...recording, address: 'other-show/recording' });
    return liveState(
      [liveStage('Morning1')],
      [
        liveFor(byAddress(d, recording.address), { id: 'Rec1' }),
        liveFor(foreign, { id: 'Hand1', project: null, tags: { owner: 'alice' } }),
        liveFor(foreign, { id: 'Other1', project: 'newsroom' }),
      ],
    );
  }),
  scenario('failed', 'the composition FAILED', [program], (d) =>
    liveState([liveStage('Morning1')], [liveFor(byAddress(d, program.address), { id: 'Prog1', state: 'FAILED', destinationStates: ['FAILED', 'STOPPED'], endTime: '2026-01-01T10:05:00.000Z' })]),
  ),
  scenario('degraded', 'a destination FAILED while the composition runs', [program], (d) =>
    liveState([liveStage('Morning1')], [liveFor(byAddress(d, program.address), { id: 'Prog1', destinationStates: ['FAILED', 'ACTIVE'] })]),
  ),
  scenario('reconnecting', 'a destination is RECONNECTING: drift, no change', [program], (d) =>
    liveState([liveStage('Morning1')], [liveFor(byAddress(d, program.address), { id: 'Prog1', destinationStates: ['RECONNECTING', 'ACTIVE'] })]),
  ),
  scenario('idle-start', 'an idle stage: IVS stopped the composition, whenIdle start', [recording], (d) =>
    liveState([liveStage('Morning1', { active: false })], [liveFor(byAddress(d, recording.address), { id: 'Rec1', state: 'STOPPED', endTime: '2026-01-01T10:05:00.000Z' })]),
  ),
  scenario('idle-skip', 'an idle stage with whenIdle skip: nothing to do', [{ ...recording, whenIdle: 'skip' }], (d) =>
    liveState([liveStage('Morning1', { active: false })], [liveFor(byAddress(d, recording.address), { id: 'Rec1', state: 'STOPPED', endTime: '2026-01-01T10:05:00.000Z' })]),
  ),
  scenario('stopped', 'stopped outside stageform while the stage is active', [recording], (d) =>
    liveState([liveStage('Morning1')], [liveFor(byAddress(d, recording.address), { id: 'Rec1', state: 'STOPPED', endTime: '2026-01-01T10:05:00.000Z' })]),
  ),
  scenario('tags-only', 'the manifests changed the user tags', [{ ...recording, tags: { team: 'media', cost: 'shows' } }], (d) =>
    liveState([liveStage('Morning1')], [liveFor(byAddress(d, recording.address), { id: 'Rec1', writtenTags: { team: 'media', env: 'prod' } })]),
  ),
  scenario('tags-edited-outside', 'someone edited the user tags in the console', [recording], (d) =>
    liveState([liveStage('Morning1')], [liveFor(byAddress(d, recording.address), { id: 'Rec1', tags: { team: 'sports', temp: 'yes' } })]),
  ),
  scenario(
    'quota-exceeded',
    'a stage already runs its quota of compositions',
    [recording, { ...program, destinations: [s3Destination({}, 'archive')] }],
    (d) => {
      const other = desiredComposition({ ...recording, address: 'x/y' });
      return liveState(
        [liveStage('Morning1')],
        [liveFor(byAddress(d, recording.address), { id: 'Rec1' }), liveFor(other, { id: 'Hand1', project: null }), liveFor(other, { id: 'Hand2', project: null })],
      );
    },
    { quotas: { compositionsPerStage: 3 } },
  ),
  manyScenario(),
  scenario(
    'channel-handover',
    'a channel moves from a removed show to a new one on another stage, which also gains a channel',
    [{ address: 'late-show/program', stage: 'Late1', destinations: [channelDestination('Morning1', 'live'), s3Destination({}, 'archive')] }],
    () => {
      const old = desiredComposition({ ...program, destinations: [channelDestination('Morning1', 'live')] });
      return liveState([liveStage('Morning1'), liveStage('Late1')], [liveFor(old, { id: 'Prog1' })]);
    },
  ),
  scenario('duplicate', 'two compositions run for one address: the older one is stopped', [recording], (d) =>
    liveState(
      [liveStage('Morning1')],
      [
        liveFor(byAddress(d, recording.address), { id: 'Rec1', startTime: '2026-01-01T09:00:00.000Z' }),
        liveFor(byAddress(d, recording.address), { id: 'Rec2', startTime: '2026-01-01T10:00:00.000Z' }),
      ],
    ),
  ),
  scenario(
    'quota-stop-first',
    'an S3-only replacement on a full stage must stop first',
    [{ ...recording, layout: { pip: { pipParticipantAttribute: 'host', pipPosition: 'TOP_LEFT' } } }],
    () => {
      const old = desiredComposition(recording);
      const other = desiredComposition({ ...recording, address: 'x/y' });
      return liveState([liveStage('Morning1')], [liveFromSpec(old.spec, old.address, old.specHash, old.tags, { id: 'Rec1' }), liveFor(other, { id: 'Hand1', project: null })]);
    },
    { quotas: { compositionsPerStage: 2 } },
  ),
  scenario('scheduled-closed', 'a scheduled show outside its window, not running: nothing to do', [{ ...program, schedule: MORNING_SCHEDULE }], () => liveState([liveStage('Morning1')], []), {
    atMs: BEFORE_THE_SHOW,
  }),
  scenario(
    'outside-schedule',
    'a scheduled show still running after its window closed',
    [{ ...program, schedule: MORNING_SCHEDULE }, { ...recording, schedule: MARATHON_SCHEDULE }],
    (d) => liveState([liveStage('Morning1')], [liveFor(byAddress(d, program.address), { id: 'Prog1' })]),
    { atMs: Date.parse('2026-11-30T09:30:00Z') },
  ),
  scenario('scheduled-open', 'a scheduled show inside its window, not running yet', [{ ...program, schedule: MORNING_SCHEDULE }], () => liveState([liveStage('Morning1')], []), {
    atMs: Date.parse('2026-11-30T07:15:00Z'),
  }),
  { ...manyScenario(), name: 'targeted', description: 'the many-stage project planned with --target show-1 and show-7/cam-1', targets: ['show-1', 'show-7/cam-1'] },
];

/** Enough stages and compositions that listing them takes several pages. */
function manyScenario(): Scenario {
  const inputs: CompositionInput[] = [];
  for (let s = 1; s <= 6; s++) {
    for (let c = 1; c <= 4; c++) {
      inputs.push({ address: `show-${s}/cam-${c}`, stage: `Many${s}`, destinations: [s3Destination({ recordingConfiguration: { hlsConfiguration: { targetSegmentDurationSeconds: 2 + c } } })], tags: { show: `show-${s}` } });
    }
  }
  return scenario(
    'many',
    'six stages, twenty-four compositions: most running, some to start, one to stop',
    inputs,
    (d) => {
      const stages = [1, 2, 3, 4, 5, 6].map((s) => liveStage(`Many${s}`));
      const running = d.compositions.filter((_, i) => i % 5 !== 0).map((c, i) => liveFor(c, { id: `Many${String(i).padStart(3, '0')}` }));
      const removed = desiredComposition({ address: 'show-7/cam-1', stage: 'Many6', destinations: [s3Destination()] });
      return liveState(stages, [...running, liveFor(removed, { id: 'Removed1' })]);
    },
    { quotas: { compositionsPerAccount: 40 } },
  );
}

export function scenarioNamed(name: string): Scenario {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) throw new Error(`no scenario ${name}`);
  return found;
}

export { compositionArn, stageArn };
