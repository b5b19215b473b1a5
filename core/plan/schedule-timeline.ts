// `stageform schedule`: when each scheduled address starts and stops over a range of time. Plain
// data, sorted by address, built from the desired state alone (no live state is read).
import type { DesiredState } from '../model/desired.js';
import { isScheduleOpen, scheduleTransitions } from '../model/schedule.js';

/** Minor versions only add fields. */
export const SCHEDULE_TIMELINE_FORMAT_VERSION = '1.0';

export interface TimelineTransition {
  /** ISO 8601, UTC. */
  readonly at: string;
  /** true: the address starts; false: it stops. */
  readonly opens: boolean;
}

export interface AddressTimeline {
  readonly address: string;
  readonly timezone: string;
  /** Whether it should run at `from`. */
  readonly openAtFrom: boolean;
  /** Transitions in (from, to], in time order. */
  readonly transitions: readonly TimelineTransition[];
}

export interface ScheduleTimeline {
  readonly formatVersion: typeof SCHEDULE_TIMELINE_FORMAT_VERSION;
  readonly project: string;
  /** ISO 8601, UTC. */
  readonly from: string;
  readonly to: string;
  /** Addresses with a schedule, sorted. */
  readonly scheduled: readonly AddressTimeline[];
  /** Addresses without one (they always run), sorted. */
  readonly unscheduled: readonly string[];
}

export function buildScheduleTimeline(desired: Pick<DesiredState, 'project' | 'compositions'>, fromMs: number, toMs: number): ScheduleTimeline {
  const scheduled: AddressTimeline[] = [];
  const unscheduled: string[] = [];
  // desired.compositions is sorted by address.
  for (const composition of desired.compositions) {
    const schedule = composition.schedule;
    if (!schedule) {
      unscheduled.push(composition.address);
      continue;
    }
    scheduled.push({
      address: composition.address,
      timezone: schedule.timezone,
      openAtFrom: isScheduleOpen(schedule, fromMs),
      transitions: scheduleTransitions(schedule, fromMs, toMs).map((t) => ({ at: new Date(t.atMs).toISOString(), opens: t.opens })),
    });
  }
  return { formatVersion: SCHEDULE_TIMELINE_FORMAT_VERSION, project: desired.project, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), scheduled, unscheduled };
}
