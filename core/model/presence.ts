// Desired presence: whether a declared composition should be running at an instant. One function of
// (composition, instant, stage liveness), so that a time window (schedules) is one more input here
// and nowhere else; plan, drift and the reconcile loop all decide through it.
import type { DesiredComposition } from './desired.js';
import type { LiveStage } from './live.js';

/**
 * A stage is live while someone is on it. Read through this one function: IVS's idle rule counts
 * *publishing* participants, and when observe reports publishers this is the line that changes.
 */
export function isStageLive(stage: Pick<LiveStage, 'activeSessionId'>): boolean {
  return stage.activeSessionId !== undefined && stage.activeSessionId !== '';
}

/**
 * `whenIdle: start`: always. `whenIdle: skip`: while the stage is live (absent without drift while
 * it is idle). `atMs` is the instant decided for; no time-based input reads it yet.
 */
export function shouldRunNow(composition: Pick<DesiredComposition, 'whenIdle'>, atMs: number, stageLive: boolean): boolean {
  void atMs;
  return composition.whenIdle === 'start' || stageLive;
}
