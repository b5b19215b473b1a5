// The rate-limit floor: how fast any client could possibly make the calls a run made. IVS counts
// requests per operation, so the slowest operation to drain at its quota sets the floor, plus one
// round trip for the last answer to come back. Pure arithmetic, tested without running the bench.

/** Calls made per API operation (emulator counters). */
export type OperationCounts = Readonly<Record<string, number>>;

const TAG_OPERATIONS = new Set(['TagResource', 'UntagResource', 'ListTagsForResource']);

/** The published quota: 5 requests/s for each composition, stage and configuration operation, 10 for tag operations. */
export function publishedRateOf(operation: string): number {
  return TAG_OPERATIONS.has(operation) ? 10 : 5;
}

export interface Floor {
  /** The largest calls / rate over all operations, plus one round trip; 0 when nothing was called. */
  readonly floorMs: number;
  /** The operation that sets the floor ('' when none). */
  readonly bindingOperation: string;
  /** calls / rate per operation, in milliseconds, keys sorted. */
  readonly perOperationMs: Readonly<Record<string, number>>;
}

export function computeFloor(calls: OperationCounts, roundTripMs: number, rateOf: (operation: string) => number = publishedRateOf): Floor {
  const perOperationMs: Record<string, number> = {};
  let bindingOperation = '';
  let longest = 0;
  for (const operation of Object.keys(calls).sort()) {
    const count = calls[operation];
    if (!(count > 0)) continue;
    const ms = (count / rateOf(operation)) * 1000;
    perOperationMs[operation] = ms;
    if (ms > longest) {
      longest = ms;
      bindingOperation = operation;
    }
  }
  return { floorMs: bindingOperation === '' ? 0 : longest + roundTripMs, bindingOperation, perOperationMs };
}

/** wall / floor; undefined when there is no floor to compare with. */
export function computeRatio(wallMs: number, floorMs: number): number | undefined {
  return floorMs > 0 ? wallMs / floorMs : undefined;
}

/** The middle value (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Sum of every operation's calls. */
export function totalCalls(calls: OperationCounts): number {
  return Object.values(calls).reduce((sum, n) => sum + n, 0);
}

/** The nearest-rank p-th percentile (p in 0-100); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
