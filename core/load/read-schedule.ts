// A manifest's `schedule:` read into the model's Schedule, with every problem the schema cannot
// see (a cron croner rejects or that never matches, an unknown zone, an end before its start, a
// duration that is not one). Problems carry paths relative to the schedule node.
import type { ScheduleManifest, ScheduleWindowManifest } from '../../schema/stage-compositions.generated.js';
import type { DiagnosticCode } from '../model/diagnostics.js';
import { quoteValue } from '../model/diagnostics.js';
import { cronError, cronEverMatches, isKnownTimeZone, parseScheduleInstant, type Schedule, type ScheduleWindow } from '../model/schedule.js';
import { parseDurationMs } from '../util/duration.js';
import type { YamlPath } from './yaml-source.js';

export const DEFAULT_TIMEZONE = 'UTC';

export interface ScheduleProblem {
  readonly path: YamlPath;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly hint?: string;
  readonly at?: 'value' | 'key';
}

export interface ReadScheduleResult {
  /** Only when there are no problems. */
  readonly schedule?: Schedule;
  readonly problems: readonly ScheduleProblem[];
}

const ISO_HINT = 'write an ISO 8601 date-time, e.g. 2026-12-24T18:00:00+01:00 (without an offset it is read in the schedule\'s time zone)';

/** `defaultTimezone`: stageform.yaml's timezone, else UTC (already checked by the caller). */
export function readSchedule(manifest: ScheduleManifest, defaultTimezone: string): ReadScheduleResult {
  const problems: ScheduleProblem[] = [];
  let timezone = manifest.timezone ?? defaultTimezone;
  const unknownZone = checkTimeZone(timezone, ['timezone']);
  if (unknownZone) {
    problems.push(unknownZone);
    // The windows are still checked, in UTC, so that every problem is reported at once.
    timezone = DEFAULT_TIMEZONE;
  }
  const readList = (list: readonly ScheduleWindowManifest[] | undefined, key: 'windows' | 'deny'): ScheduleWindow[] =>
    (list ?? []).flatMap((window, i) => {
      const read = readWindow(window, timezone, [key, i]);
      problems.push(...read.problems);
      return read.window ? [read.window] : [];
    });
  const windows = readList(manifest.windows, 'windows');
  const deny = readList(manifest.deny, 'deny');
  return problems.length > 0 ? { problems } : { schedule: { timezone, windows, deny }, problems };
}

/** The problem with a time zone this runtime does not know (at `path`), or undefined. */
export function checkTimeZone(timezone: string, path: YamlPath): ScheduleProblem | undefined {
  if (isKnownTimeZone(timezone)) return undefined;
  return { path, code: 'UNKNOWN_TIME_ZONE', message: `time zone ${quoteValue(timezone)} is not an IANA time zone this runtime knows`, hint: 'use a name like Europe/Berlin, America/New_York or UTC' };
}

function readWindow(window: ScheduleWindowManifest, timezone: string, path: YamlPath): { window?: ScheduleWindow; problems: ScheduleProblem[] } {
  const problems: ScheduleProblem[] = [];
  if (window.cron !== undefined) {
    for (const key of ['start', 'end'] as const) {
      if (window[key] !== undefined) {
        problems.push({
          path: [...path, key],
          code: 'INVALID_SCHEDULE',
          message: `a window has \`cron\` and \`${key}\``,
          hint: 'a window is either cron and duration (repeating) or start and end (a one-off): write them as two windows',
          at: 'key',
        });
      }
    }
    const reason = cronError(window.cron);
    if (reason !== undefined) {
      problems.push({ path: [...path, 'cron'], code: 'INVALID_SCHEDULE', message: `cron ${quoteValue(window.cron)} is not valid: ${reason}`, hint: 'five fields: minute hour day-of-month month day-of-week, e.g. "0 8 * * MON-FRI"' });
    } else if (!cronEverMatches(window.cron, timezone)) {
      problems.push({ path: [...path, 'cron'], code: 'INVALID_SCHEDULE', message: `cron ${quoteValue(window.cron)} never matches, so the window never opens`, hint: 'check the day of month against the month (February has no 30th)' });
    }
    let durationMs: number | undefined;
    if (window.duration === undefined) {
      problems.push({ path, code: 'MISSING_FIELD', message: 'a cron window needs `duration`: how long it stays open', hint: 'e.g. duration: 2h' });
    } else {
      durationMs = parseDurationMs(window.duration);
      if (durationMs === undefined) {
        problems.push({ path: [...path, 'duration'], code: 'INVALID_SCHEDULE', message: `duration ${quoteValue(window.duration)} is not a duration`, hint: 'e.g. 2h, 90m or 1h30m (units: ms, s, m, h)' });
      } else if (durationMs <= 0) {
        problems.push({ path: [...path, 'duration'], code: 'INVALID_SCHEDULE', message: `duration ${quoteValue(window.duration)} is zero: the window would never be open`, hint: 'e.g. 2h, 90m or 1h30m' });
      }
    }
    return problems.length > 0 || durationMs === undefined ? { problems } : { window: { cron: window.cron, durationMs }, problems };
  }

  if (window.duration !== undefined) {
    problems.push({ path: [...path, 'duration'], code: 'INVALID_SCHEDULE', message: 'a one-off window has `duration` but no `cron`', hint: 'a one-off window is start and end; a repeating one is cron and duration', at: 'key' });
  }
  const instant = (key: 'start' | 'end'): number | undefined => {
    const text = window[key];
    if (text === undefined) {
      problems.push({ path, code: 'MISSING_FIELD', message: `a window needs \`cron\` and \`duration\`, or \`start\` and \`end\`: \`${key}\` is missing`, hint: ISO_HINT });
      return undefined;
    }
    const ms = parseScheduleInstant(text, timezone);
    if (ms === undefined) problems.push({ path: [...path, key], code: 'INVALID_SCHEDULE', message: `${key} ${quoteValue(text)} is not an ISO 8601 date-time`, hint: ISO_HINT });
    return ms;
  };
  const startMs = instant('start');
  const endMs = instant('end');
  if (startMs !== undefined && endMs !== undefined && endMs <= startMs) {
    problems.push({ path: [...path, 'end'], code: 'INVALID_SCHEDULE', message: `end ${quoteValue(window.end)} is ${endMs === startMs ? 'the same instant as' : 'before'} start ${quoteValue(window.start)}`, hint: 'end must come after start' });
  }
  return problems.length > 0 || startMs === undefined || endMs === undefined ? { problems } : { window: { startMs, endMs }, problems };
}
