// Should an address run at an instant? One function of the composition (its schedule and
// whenIdle), the instant and whether its stage has a publisher, so that plan, drift, apply and a
// long-running reconcile loop (every tick) all decide the same way.
import type { DesiredComposition } from './desired.js';
import { isScheduleOpen } from './schedule.js';
import type { LiveStage } from './live.js';

/**
 * `run`: it should be running. Otherwise why not:
 * - `outside-schedule`: no window is open (or a deny window is): a running one is stopped;
 * - `stage-idle`: whenIdle is skip and the stage has no publisher: none is started, and a running
 *   one is left alone (IVS stops it about a minute after the stage empties).
 */
export type Presence = { readonly run: true } | { readonly run: false; readonly reason: 'outside-schedule' | 'stage-idle' };

export function desiredPresence(composition: Pick<DesiredComposition, 'schedule' | 'whenIdle'>, atMs: number, stageLive: boolean): Presence {
  if (composition.schedule && !isScheduleOpen(composition.schedule, atMs)) return { run: false, reason: 'outside-schedule' };
  if (!stageLive && composition.whenIdle === 'skip') return { run: false, reason: 'stage-idle' };
  return { run: true };
}

/**
 * A stage is live while someone is on it. Read through this one function: IVS's idle rule counts
 * *publishing* participants, and when observe reports publishers this is the line that changes.
 */
export function isStageLive(stage: Pick<LiveStage, 'activeSessionId'>): boolean {
  return stage.activeSessionId !== undefined && stage.activeSessionId !== '';
}

/** Whether an address should be running at `atMs`: desiredPresence's answer as a yes or no. */
export function shouldRunNow(composition: Pick<DesiredComposition, 'schedule' | 'whenIdle'>, atMs: number, stageLive: boolean): boolean {
  return desiredPresence(composition, atMs, stageLive).run;
}
