// Durations written by people: 90s, 2m, 1m30s, 500ms, 1h, 1h30m. Parsed here, once, for flags
// (cli/) and manifest fields (a schedule window's `duration`).

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds in a duration like `1h30m`, or undefined when the text is not one. */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  const part = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = part.exec(trimmed)) !== null) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    matched = part.lastIndex;
  }
  if (trimmed === '' || matched !== trimmed.length) return undefined;
  return Math.round(total);
}
