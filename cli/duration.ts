// Durations for --wait-timeout and `local admin advance`: 90s, 2m, 1m30s, 500ms, 1h.
import { UserError } from '../core/model/diagnostics.js';
import { parseDurationMs } from '../core/util/duration.js';

/** Milliseconds in a duration like `1m30s`; a UserError naming the flag when it is not one. */
export function parseDuration(text: string, flag = '--wait-timeout'): number {
  const ms = parseDurationMs(text);
  if (ms === undefined) {
    throw new UserError('INVALID_DURATION', `${flag} expects a duration like 90s, 2m or 1m30s, got "${text}"`, {
      hint: 'units: ms, s, m, h',
    });
  }
  return ms;
}

/** A timeout: a duration longer than 0 (a 0 would turn the SDK's request timeout off, and make a wait fail at once). */
export function parseTimeout(text: string, flag: string): number {
  const ms = parseDuration(text, flag);
  if (ms <= 0) throw new UserError('INVALID_DURATION', `${flag} must be longer than 0, got "${text}"`, { hint: `e.g. ${flag} 30s` });
  return ms;
}

/** `3.2s`, `1m05s`: elapsed times in progress lines. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes}m${String(seconds).padStart(2, '0')}s`;
}
