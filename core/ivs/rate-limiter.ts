// Client-side pacing so that normal use never meets IVS's per-operation request quotas.
// AWS counts requests per operation, per region, per account: one token bucket per operation,
// refilled at the published rate, holding at most one second's worth (burst = rate).
import type { RateLimits } from '../model/desired.js';
import type { IvsOperation } from './ivs-api.js';

/**
 * The configurable classes (stageform.yaml rateLimits) and, for the reads preflight makes, fixed
 * classes at their documented quotas: 5 TPS per operation for configurations (Real-Time) and for
 * channels and streams (low-latency).
 */
export type RateClass = keyof RateLimits;

const DOCUMENTED_RATES: Readonly<Record<'configuration' | 'channel', number>> = { configuration: 5, channel: 5 };

export const DEFAULT_START_SLACK_MS = 100;

const OPERATION_CLASSES: Readonly<Record<IvsOperation, RateClass>> = {
  ListStages: 'stage',
  GetStage: 'stage',
  ListCompositions: 'composition',
  GetComposition: 'composition',
  ListParticipants: 'stage',
  StartComposition: 'composition',
  StopComposition: 'composition',
  TagResource: 'tag',
  UntagResource: 'tag',
  GetEncoderConfiguration: 'configuration',
  GetStorageConfiguration: 'configuration',
  GetChannel: 'channel',
  GetStream: 'channel',
};

export function classifyOperation(op: IvsOperation): RateClass {
  return OPERATION_CLASSES[op];
}

/** Requests per second allowed for an operation: the project's limits, or AWS's documented rate for the classes it does not set. */
export function rateOf(op: IvsOperation, limits: RateLimits): number {
  const rateClass = classifyOperation(op);
  return rateClass === 'configuration' || rateClass === 'channel' ? (limits[rateClass] ?? DOCUMENTED_RATES[rateClass]) : limits[rateClass];
}

/** Time and timers, injectable so tests drive time instead of sleeping. */
export interface LimiterClock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Calls fn after ms; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const SYSTEM_CLOCK: LimiterClock = {
  now: () => performance.now(),
  setTimer: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};

export interface RateLimiterOptions {
  clock?: LimiterClock;
  /**
   * Extra milliseconds between requests beyond 1/rate. The server runs the same bucket on its own
   * clock, so a request that leaves exactly on time can arrive a hair early after a slower one;
   * a millisecond keeps pacing within 1% of the quota while avoiding those throttles.
   */
  marginMs?: number;
  /**
   * Milliseconds before a bucket starts refilling after its first use. The first requests open
   * connections (TCP, TLS) and reach the server later than the reused connection that carries the
   * first paced one; the server's bucket then starts later than ours and that request would be
   * throttled. Paid once per operation and again when a full bucket starts a new burst. 100 ms: at
   * 25 ms a first connection on a loaded machine met a throttle; at 50 ms, 3 of 45 plans with ten
   * changed manifests (the first request set up while GetComposition and preflight calls went
   * out beside it) had a ListStages page throttled; at 100 ms, 0 of 45.
   */
  startSlackMs?: number;
}

class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private readonly intervalMs: number;

  constructor(
    private readonly burst: number,
    rate: number,
    marginMs: number,
    private readonly startSlackMs: number,
    private readonly clock: LimiterClock,
  ) {
    this.tokens = burst;
    this.updatedAt = clock.now() + startSlackMs;
    this.intervalMs = 1000 / rate + marginMs;
  }

  /**
   * Takes a token now, going into debt when none is left: the debt says exactly how long this
   * caller waits, so waiters are served in arrival order without a queue.
   */
  take(): number {
    const now = this.clock.now();
    // Refill from updatedAt, which may still lie ahead (the start slack).
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.burst, this.tokens + (now - this.updatedAt) / this.intervalMs);
      // A burst after a quiet spell opens new connections again, as the first one did: same slack.
      this.updatedAt = this.tokens === this.burst ? now + this.startSlackMs : now;
    }
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : this.updatedAt - now + -this.tokens * this.intervalMs;
  }

  giveBack(): void {
    this.tokens = Math.min(this.burst, this.tokens + 1);
  }
}

export class RateLimiter {
  private readonly buckets = new Map<IvsOperation, TokenBucket>();
  private readonly scopes = new Map<string, RateLimiter>();
  private readonly clock: LimiterClock;
  private readonly marginMs: number;
  private readonly startSlackMs: number;

  constructor(
    readonly limits: RateLimits,
    options: RateLimiterOptions = {},
  ) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.marginMs = options.marginMs ?? 1;
    this.startSlackMs = options.startSlackMs ?? DEFAULT_START_SLACK_MS;
  }

  /** A limiter with its own buckets (same limits and clock), e.g. one per region: AWS quotas are regional. */
  forScope(scope: string): RateLimiter {
    let limiter = this.scopes.get(scope);
    if (!limiter) {
      limiter = new RateLimiter(this.limits, { clock: this.clock, marginMs: this.marginMs, startSlackMs: this.startSlackMs });
      this.scopes.set(scope, limiter);
    }
    return limiter;
  }

  /** Resolves when a request of this operation may be sent; rejects with the signal's reason on abort. */
  acquire(op: IvsOperation, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const bucket = this.bucketFor(op);
    const waitMs = bucket.take();
    if (waitMs <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        cancel();
        bucket.giveBack();
        reject(signal?.reason);
      };
      const cancel = this.clock.setTimer(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, waitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private bucketFor(op: IvsOperation): TokenBucket {
    let bucket = this.buckets.get(op);
    if (!bucket) {
      const rate = rateOf(op, this.limits);
      if (!(rate > 0)) throw new RangeError(`rate limit for ${op} must be positive, got ${rate}`);
      bucket = new TokenBucket(Math.max(1, Math.floor(rate)), rate, this.marginMs, this.startSlackMs, this.clock);
      this.buckets.set(op, bucket);
    }
    return bucket;
  }
}
