// Show schedules under `stageform reconcile`, over simulated days on the emulator's manual clock
// (the machinery of reconcile-week.ts: the real loop, a world script, checks every simulated
// minute). Four stages with a publisher, one `whenIdle: start` composition each, scheduled in
// Europe/Berlin: weekday mornings (cron), a one-off, a daily evening window with a deny window
// inside it, and one window longer than the run, so IVS's 24-hour limit (the emulator's
// maxDurationMs) stops the composition while the window is open. Checked:
//   - every start within one tick + start after its window opens (or after a 24-hour stop while
//     it is open), every stop within one tick + stop after it closes;
//   - no minute with a composition running outside its windows beyond that slack, or with none
//     running inside them;
//   - no duplicates: never two running compositions for one address.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorldScript, runSimulatedLoop, type WorldEvent } from '../bench/simulated-loop.js';
import { isScheduleOpen, MAX_COMPOSITION_DURATION_MS, scheduleTransitions, type Schedule, type ScheduleWindow } from '../core/model/schedule.js';
import { figure, runningPerAddress, SIMULATED_START_MS as START_MS, SIMULATED_STOP_MS as STOP_MS, startSimulatedWorld, writeProject, type Figure } from './harness.js';

export interface ScheduleWeekOptions {
  readonly days: number;
  readonly intervalMs: number;
  /** IVS's longest composition (24 h); a short run shortens it to meet the limit. */
  readonly compositionLimitMs?: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const TIMEZONE = 'Europe/Berlin';

interface ScheduledStage {
  readonly id: string;
  readonly schedule: Schedule;
}

/** The schedules, relative to `began` (a Monday 00:00 UTC) for the one-off windows. */
function scheduledStages(began: number, days: number): ScheduledStage[] {
  const of = (windows: ScheduleWindow[], deny: ScheduleWindow[] = []): Schedule => ({ timezone: TIMEZONE, windows, deny });
  return [
    { id: 'Weekday', schedule: of([{ cron: '0 8 * * MON-FRI', durationMs: 2 * HOUR_MS }]) },
    { id: 'OneOff', schedule: of([{ startMs: began + 10 * HOUR_MS, endMs: began + 13.5 * HOUR_MS }]) },
    // 18:00-22:00 Berlin every day, except 20:00-21:00 Berlin on the first day.
    { id: 'Evening', schedule: of([{ cron: '0 18 * * *', durationMs: 4 * HOUR_MS }], [{ startMs: began + 19 * HOUR_MS, endMs: began + 20 * HOUR_MS }]) },
    // Open from 02:00 on the first day to 2 hours before the end: longer than 24 hours.
    { id: 'Marathon', schedule: of([{ startMs: began + 2 * HOUR_MS, endMs: began + days * DAY_MS - 2 * HOUR_MS }]) },
  ];
}

export async function runScheduleWeekScenario(options: ScheduleWeekOptions): Promise<Figure[]> {
  const limitMs = options.compositionLimitMs ?? MAX_COMPOSITION_DURATION_MS;
  const world = await startSimulatedWorld({
    stages: ['Weekday', 'OneOff', 'Evening', 'Marathon'].map((id) => ({ id, name: id.toLowerCase(), participants: [{ userId: 'anchor' }] })),
    compositionsPerAccount: 50,
    maxDurationMs: limitMs,
  });
  const { emulator } = world.handle;
  const dir = mkdtempSync(path.join(tmpdir(), 'stageform-schedule-week-'));
  try {
    // Start on a Monday at 00:00 UTC, so the weekday windows fall the same way every run.
    const today = new Date(emulator.now());
    const began = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + ((8 - today.getUTCDay()) % 7 || 7));
    emulator.advanceClock(began - emulator.now());
    const endMs = began + options.days * DAY_MS;
    const stages = scheduledStages(began, options.days);
    writeProject(
      dir,
      { whenIdle: 'start', compositionsPerAccount: 50 },
      Object.fromEntries(stages.map((s) => [s.id, [{ name: 'program', archiveName: null }]])),
      Object.fromEntries(stages.map((s) => [s.id, s.schedule])),
    );

    const startSlack = options.intervalMs + START_MS;
    const stopSlack = options.intervalMs + STOP_MS;

    interface Track {
      /** Since when it should have been running (an opening, or a 24-hour stop while open), until it is. */
      due?: { atMs: number; after: 'opening' | 'limit' };
      /** Since when it should have stopped, with what was running then. */
      closing?: { atMs: number; arns: string[] };
      lastOpenedMs: number;
      lastClosedMs: number;
      /** ACTIVE compositions seen, by ARN: their start instant. */
      seen: Map<string, number>;
    }
    const tracks = new Map<string, Track>(stages.map((s) => [s.id, { lastOpenedMs: -Infinity, lastClosedMs: -Infinity, seen: new Map() }]));
    const startDelays: number[] = [];
    const restartDelays: number[] = [];
    const stopDelays: number[] = [];
    let limitStops = 0;
    let lateStartMinutes = 0;
    let outsideMinutes = 0;
    let duplicates = 0;
    let scheduledMinutes = 0;
    const details: string[] = [];
    const note = (text: string): void => {
      if (details.length < 8) details.push(`${text} at +${Math.round((emulator.now() - began) / 60_000)} min`);
    };

    const check = (fromMs: number, nowMs: number): void => {
      const runningNow = runningPerAddress(world.handle);
      for (const { id, schedule } of stages) {
        const track = tracks.get(id)!;
        const running = runningNow.get(`${id.toLowerCase()}/program`) ?? [];
        const active = running.filter((c) => c.state === 'ACTIVE');
        for (const t of scheduleTransitions(schedule, fromMs, nowMs)) {
          if (t.opens) {
            track.lastOpenedMs = t.atMs;
            track.due = { atMs: t.atMs, after: 'opening' };
          } else {
            track.lastClosedMs = t.atMs;
            track.due = undefined;
            track.closing = { atMs: t.atMs, arns: [...track.seen.keys()] };
          }
        }
        // A composition seen ACTIVE that is gone: the 24-hour limit when it ran that long.
        for (const [arn, startedMs] of track.seen) {
          if (active.some((c) => c.arn === arn)) continue;
          track.seen.delete(arn);
          const stopped = emulator.compositions().find((c) => c.arn === arn);
          const endedMs = stopped?.endTime ? Date.parse(stopped.endTime) : undefined;
          if (endedMs !== undefined && endedMs - startedMs >= limitMs) {
            limitStops++;
            if (isScheduleOpen(schedule, endedMs)) track.due = { atMs: endedMs, after: 'limit' };
          }
        }
        for (const c of active) if (!track.seen.has(c.arn) && c.startTime) track.seen.set(c.arn, Date.parse(c.startTime));

        if (track.due && active.length > 0) {
          const readyMs = Math.min(...active.map((c) => Date.parse(c.destinations[0]?.startTime ?? c.startTime ?? '') || nowMs));
          (track.due.after === 'opening' ? startDelays : restartDelays).push(readyMs - track.due.atMs);
          track.due = undefined;
        }
        if (track.closing && running.length === 0) {
          const ends = track.closing.arns.map((arn) => emulator.compositions().find((c) => c.arn === arn)?.endTime).filter((e): e is string => e !== undefined);
          stopDelays.push((ends.length > 0 ? Math.max(...ends.map((e) => Date.parse(e))) : nowMs) - track.closing.atMs);
          track.closing = undefined;
        }

        if (running.length > 1) {
          duplicates++;
          note(`${id}: ${running.length} running`);
        }
        if (isScheduleOpen(schedule, nowMs)) {
          scheduledMinutes++;
          if (active.length === 0 && nowMs > (track.due?.atMs ?? track.lastOpenedMs) + startSlack) {
            lateStartMinutes++;
            note(`${id}: window open, none running`);
          }
        } else if (running.length > 0 && nowMs > track.lastClosedMs + stopSlack) {
          outsideMinutes++;
          note(`${id}: running outside its windows`);
        }
      }
    };
    const events: WorldEvent[] = [];
    for (let t = began + 60_000; t <= endMs; t += 60_000) {
      const fromMs = t - 60_000;
      events.push({ atMs: t, label: 'check', apply: () => check(fromMs, t) });
    }

    let errorTicks = 0;
    const outcome = await runSimulatedLoop(
      {
        handle: world.handle,
        dir,
        intervalMs: options.intervalMs,
        untilMs: endMs,
        onEvent: (event) => {
          if (event.kind === 'tick-error') errorTicks++;
        },
      },
      new WorldScript(world.handle, events),
    );
    if (!outcome.ok) throw new Error(`project does not load: ${JSON.stringify(outcome.diagnostics)}`);

    const transitions = stages.map((s) => scheduleTransitions(s.schedule, began - 1, endMs));
    const opens = transitions.flat().filter((t) => t.opens).length;
    const closes = transitions.flat().filter((t) => !t.opens).length;
    const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    const worst = (values: readonly number[]): number => (values.length === 0 ? 0 : Math.max(...values));
    const name = 'schedule week';
    const run = `${options.days} d, ${stages.length} scheduled compositions, ${options.intervalMs / 1000} s tick`;
    return [
      figure(name, `starts after a window opens (${run})`, `${startDelays.length} of ${opens}, latest ${seconds(worst(startDelays))} after the edge`, `all, within tick + start = ${seconds(startSlack)}`, startDelays.length === opens && worst(startDelays) <= startSlack),
      figure(name, 'stops after a window closes', `${stopDelays.length} of ${closes}, latest ${seconds(worst(stopDelays))} after the edge`, `all, within tick + stop = ${seconds(stopSlack)}`, stopDelays.length === closes && worst(stopDelays) <= stopSlack),
      figure(
        name,
        `restarts after the ${limitMs / HOUR_MS}-hour limit while the window is open`,
        `${restartDelays.length} of ${limitStops} limit stops, latest ${seconds(worst(restartDelays))} after the stop`,
        `all (at least one), within tick + start = ${seconds(startSlack)}`,
        limitStops > 0 && restartDelays.length === limitStops && worst(restartDelays) <= startSlack,
      ),
      figure(name, 'minutes running outside the windows, beyond tick + stop', outsideMinutes, '0', outsideMinutes === 0, details),
      figure(name, 'minutes with none running inside a window, beyond tick + start', `${lateStartMinutes} of ${scheduledMinutes} scheduled minutes`, '0', lateStartMinutes === 0, details),
      figure(name, 'duplicate running compositions (minute checks)', duplicates, '0', duplicates === 0, details),
      figure(name, 'failed ticks', errorTicks, '0', errorTicks === 0),
    ];
  } finally {
    await world.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
