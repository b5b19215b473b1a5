// Bounded concurrency: at most `limit` API calls in flight (--parallelism).

/** Runs tasks with at most `limit` running at once; the rest wait in arrival order. */
export type ConcurrencyGate = <T>(task: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

export function createConcurrencyGate(limit: number): ConcurrencyGate {
  checkLimit(limit);
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    running -= 1;
    const next = waiting.shift();
    if (next) next();
  };
  return async <T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
    if (running >= limit) {
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    running += 1;
    try {
      if (signal?.aborted) throw signal.reason;
      return await task();
    } finally {
      release();
    }
  };
}

/**
 * fn over items with at most `limit` in flight; results in input order. Once the signal aborts
 * no new item starts, and the promise rejects with the signal's reason after the running ones end.
 * The first failure stops scheduling too and is what the promise rejects with.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  checkLimit(limit);
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failure) {
      if (signal?.aborted) {
        failure ??= { error: signal.reason };
        return;
      }
      const index = next++;
      try {
        results[index] = await fn(items[index], index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (!failure && signal?.aborted && next < items.length) failure = { error: signal.reason };
  if (failure) throw failure.error;
  return results;
}

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive whole number, got ${limit}`);
}
