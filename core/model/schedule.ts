// Show schedules: when a composition should run. A schedule is open at an instant when one of its
// windows is open and none of its deny windows is (deny wins). Windows are half-open, [start, end).
// Cron expressions and time zones are croner's and the runtime's IANA data: nothing here parses
// cron or does calendar arithmetic by hand.
import { Cron } from 'croner';

/** Opens at each match of `cron` in the schedule's time zone and stays open `durationMs`. */
export interface CronWindow {
  readonly cron: string;
  readonly durationMs: number;
}

/** A one-off window between two instants (epoch milliseconds). */
export interface FixedWindow {
  readonly startMs: number;
  readonly endMs: number;
}

export type ScheduleWindow = CronWindow | FixedWindow;

export interface Schedule {
  /** IANA time zone the cron windows are read in (and local one-off times without an offset). */
  readonly timezone: string;
  readonly windows: readonly ScheduleWindow[];
  readonly deny: readonly ScheduleWindow[];
}

export interface ScheduleTransition {
  /** Epoch milliseconds. */
  readonly atMs: number;
  /** true: the schedule opens (the composition should start); false: it closes. */
  readonly opens: boolean;
}

/** The longest a composition may run (IVS, not adjustable). */
export const MAX_COMPOSITION_DURATION_MS = 24 * 3_600_000;

function isCronWindow(window: ScheduleWindow): window is CronWindow {
  return 'cron' in window;
}

/** croner's pattern object for a window; built per call, which costs microseconds. */
function cronOf(window: CronWindow, timezone: string): Cron {
  return new Cron(window.cron, { timezone, paused: true });
}

/** The [start, end) interval of `window` that contains `atMs`, if any. */
export function openIntervalAt(window: ScheduleWindow, timezone: string, atMs: number): { startMs: number; endMs: number } | undefined {
  if (!isCronWindow(window)) return window.startMs <= atMs && atMs < window.endMs ? { startMs: window.startMs, endMs: window.endMs } : undefined;
  // The latest opening at or before the instant: every opening lasts as long, so if that one is
  // closed, every earlier one is too.
  const [latest] = cronOf(window, timezone).previousRuns(1, new Date(atMs + 1));
  if (!latest) return undefined;
  const startMs = latest.getTime();
  return atMs < startMs + window.durationMs ? { startMs, endMs: startMs + window.durationMs } : undefined;
}

function anyOpen(windows: readonly ScheduleWindow[], timezone: string, atMs: number): boolean {
  return windows.some((w) => openIntervalAt(w, timezone, atMs) !== undefined);
}

/** Should a composition with this schedule run at `atMs`? */
export function isScheduleOpen(schedule: Schedule, atMs: number): boolean {
  return anyOpen(schedule.windows, schedule.timezone, atMs) && !anyOpen(schedule.deny, schedule.timezone, atMs);
}

/** Every instant in [fromMs, toMs] where some window of the list opens or closes. */
function edgesOf(windows: readonly ScheduleWindow[], timezone: string, fromMs: number, toMs: number): number[] {
  const edges: number[] = [];
  for (const window of windows) {
    if (!isCronWindow(window)) {
      edges.push(window.startMs, window.endMs);
      continue;
    }
    // Openings that could still be open at fromMs, through the end of the range.
    const cron = cronOf(window, timezone);
    let cursor = new Date(fromMs - window.durationMs);
    for (;;) {
      const next = cron.nextRun(cursor);
      if (!next || next.getTime() > toMs) break;
      edges.push(next.getTime(), next.getTime() + window.durationMs);
      cursor = next;
    }
  }
  return edges.filter((t) => t > fromMs && t <= toMs);
}

/** Where the schedule opens or closes in (fromMs, toMs], in time order. */
export function scheduleTransitions(schedule: Schedule, fromMs: number, toMs: number): ScheduleTransition[] {
  const candidates = [...new Set([...edgesOf(schedule.windows, schedule.timezone, fromMs, toMs), ...edgesOf(schedule.deny, schedule.timezone, fromMs, toMs)])].sort(
    (a, b) => a - b,
  );
  const transitions: ScheduleTransition[] = [];
  let open = isScheduleOpen(schedule, fromMs);
  for (const atMs of candidates) {
    const now = isScheduleOpen(schedule, atMs);
    if (now !== open) transitions.push({ atMs, opens: now });
    open = now;
  }
  return transitions;
}

/** The first opening or closing after `fromMs`, looking no further than `horizonMs` ahead. */
export function nextScheduleTransition(schedule: Schedule, fromMs: number, horizonMs = 366 * 24 * 3_600_000): ScheduleTransition | undefined {
  // Widen the search a week at a time: a daily show needs one step, a yearly one a few.
  const step = 7 * 24 * 3_600_000;
  for (let start = fromMs; start < fromMs + horizonMs; start += step) {
    const [first] = scheduleTransitions(schedule, start, Math.min(start + step, fromMs + horizonMs));
    if (first) return first;
  }
  return undefined;
}

/** Does the cron expression ever match? (`0 0 30 2 *`, February 30th, never does.) */
export function cronEverMatches(cron: string, timezone: string): boolean {
  return new Cron(cron, { timezone, paused: true }).nextRun(new Date(0)) !== null;
}

/** The problem with a cron expression, in croner's words, or undefined when it parses. */
export function cronError(cron: string): string | undefined {
  try {
    new Cron(cron, { paused: true });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Whether the runtime knows the IANA time zone. */
export function isKnownTimeZone(timezone: string): boolean {
  // Every runtime knows UTC, the default; asking Intl loads the time-zone data (tens of
  // milliseconds), which a project without schedules never needs otherwise.
  if (timezone === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/**
 * An ISO 8601 date-time as epoch milliseconds. With an offset or Z it is that instant; without
 * one it is a wall-clock time in `timezone` (croner resolves it, daylight saving included).
 */
export function parseScheduleInstant(text: string, timezone: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(text)) return undefined;
  if (/(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
  }
  try {
    return new Cron(text, { timezone, paused: true }).nextRun(new Date(0))?.getTime();
  } catch {
    return undefined;
  }
}

/** `2026-12-01 08:00 CET`: an instant as people in the schedule's zone read it. */
export function formatScheduleInstant(atMs: number, timezone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
      .formatToParts(new Date(atMs))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}
