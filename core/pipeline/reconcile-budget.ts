// The loop's rate budget: it never uses more than a share of each operation's rate limit, so that
// `plan` and `apply` from a pipeline still run unthrottled beside it. The shortest tick is the one
// at which a tick's reads fit in that share.
import type { RateLimits } from '../model/desired.js';
import type { IvsOperation } from '../ivs/ivs-api.js';
import { rateOf } from '../ivs/rate-limiter.js';

export const DEFAULT_BUDGET_SHARE = 0.5;
/** Ticks are whole seconds, at least one. */
export const TICK_GRANULARITY_MS = 1000;

export type CallsByOperation = Partial<Record<IvsOperation, number>>;

/** The limits the loop's own rate limiter paces to: every class, the preflight reads' documented ones too. */
export function budgetRateLimits(limits: RateLimits, share: number): RateLimits {
  const scaled = (op: IvsOperation): number => rateOf(op, limits) * share;
  return {
    composition: limits.composition * share,
    stage: limits.stage * share,
    tag: limits.tag * share,
    configuration: scaled('GetEncoderConfiguration'),
    channel: scaled('GetChannel'),
  };
}

/** Per operation, the share of its rate limit that `calls` every `intervalMs` use (0..). */
export function shareOfLimits(calls: CallsByOperation, limits: RateLimits, intervalMs: number): CallsByOperation {
  const out: CallsByOperation = {};
  for (const op of Object.keys(calls).sort() as IvsOperation[]) {
    out[op] = (calls[op] ?? 0) / (rateOf(op, limits) * (intervalMs / 1000));
  }
  return out;
}

/** The shortest whole-second tick at which `calls` per tick stay within `share` of every limit. */
export function minimumIntervalMs(calls: CallsByOperation, limits: RateLimits, share: number): number {
  let seconds = 0;
  for (const op of Object.keys(calls) as IvsOperation[]) {
    seconds = Math.max(seconds, (calls[op] ?? 0) / (rateOf(op, limits) * share));
  }
  return Math.max(TICK_GRANULARITY_MS, Math.ceil((seconds * 1000) / TICK_GRANULARITY_MS - 1e-9) * TICK_GRANULARITY_MS);
}
