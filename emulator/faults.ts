// Injected faults and published rate limits, off by default. Randomness comes from a seeded PRNG
// so a failing benchmark or test replays exactly.

export interface OperationFaults {
  /** Added to every response, in real milliseconds. */
  readonly latencyMs?: number;
  /** Up to this many more milliseconds, uniformly drawn. */
  readonly jitterMs?: number;
  /** 0..1: share of calls answered with InternalServerException. */
  readonly internalErrorRate?: number;
  /** 0..1: share of calls answered with ThrottlingException. */
  readonly throttleRate?: number;
  /** true: the published quota (5 TPS, 10 TPS for tag operations); a number: that many requests per second. */
  readonly rateLimit?: boolean | number;
  /**
   * ListCompositions only (its own entry or `*`): the listing shows compositions as they were this
   * many milliseconds ago on the emulator clock (not yet listed after a start, still running after
   * a stop). GetComposition is never behind.
   */
  readonly listingLagMs?: number;
  /**
   * Requests answered with an error, whatever the rates say: the first rule whose every given
   * field matches the request wins. For a failure of StartComposition on one stage or one spec.
   */
  readonly failRequests?: readonly RequestFailure[];
}

export interface RequestFailure {
  /** The request's stageArn (StartComposition, GetStage, ...). */
  readonly stageArn?: string;
  /** A tag the request carries, with this exact value or, with `valuePrefix`, one beginning so (a spec hash in a tag). */
  readonly tag?: { readonly key: string; readonly value?: string; readonly valuePrefix?: string };
  /** A string the request body contains (an encoder configuration ARN, a layout value). */
  readonly bodyContains?: string;
  /** The error answered: an AWS error name the emulator knows (ResourceNotFoundException, InternalServerException, ...). */
  readonly error: string;
  readonly message?: string;
  /** Answer with the error this many times, then let requests through (default: always). */
  readonly times?: number;
}

/** Keyed by operation name, with `*` applying to every operation without its own entry. */
export type FaultConfig = Readonly<Record<string, OperationFaults>>;

export interface CallCounts {
  calls: Record<string, number>;
  throttled: Record<string, number>;
  injectedErrors: Record<string, number>;
}

export type RequestFailureDecision = { readonly error: string; readonly message: string } | undefined;

export type FaultDecision =
  | { readonly kind: 'pass'; readonly latencyMs: number }
  | { readonly kind: 'throttle'; readonly latencyMs: number; readonly reason: 'rate-limit' | 'injected' }
  | { readonly kind: 'internal-error'; readonly latencyMs: number };

const TAG_OPERATIONS = new Set(['TagResource', 'UntagResource', 'ListTagsForResource']);

export function publishedRateLimit(operation: string): number {
  return TAG_OPERATIONS.has(operation) ? 10 : 5;
}

/** mulberry32: tiny, fast, good enough for jitter and fault rates. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class FaultInjector {
  private config: FaultConfig = {};
  private random: () => number;
  private readonly buckets = new Map<string, Bucket>();
  /** How many times each `failRequests` rule answered, by `operation#index`. */
  private readonly failuresUsed = new Map<string, number>();
  private counts: CallCounts = { calls: {}, throttled: {}, injectedErrors: {} };

  constructor(seed: number) {
    this.random = createRandom(seed);
  }

  configure(config: FaultConfig): void {
    this.config = { ...config };
    this.buckets.clear();
    this.failuresUsed.clear();
  }

  /** The listing lag in force for ListCompositions (0: none). */
  listingLagMs(): number {
    const lag = this.config.ListCompositions?.listingLagMs ?? this.config['*']?.listingLagMs ?? 0;
    return Number.isFinite(lag) && lag > 0 ? lag : 0;
  }

  currentConfig(): FaultConfig {
    return this.config;
  }

  /** Decides the fate of one call; `now` is the emulator clock, so token buckets follow a manual clock too. */
  decide(operation: string, now: number): FaultDecision {
    increment(this.counts.calls, operation);
    const faults = { ...(this.config['*'] ?? {}), ...(this.config[operation] ?? {}) };
    const latencyMs = Math.max(0, (faults.latencyMs ?? 0) + (faults.jitterMs ? this.random() * faults.jitterMs : 0));
    if (faults.rateLimit) {
      const rate = typeof faults.rateLimit === 'number' ? faults.rateLimit : publishedRateLimit(operation);
      if (!this.take(operation, rate, now)) {
        increment(this.counts.throttled, operation);
        return { kind: 'throttle', latencyMs, reason: 'rate-limit' };
      }
    }
    if (faults.throttleRate && this.random() < faults.throttleRate) {
      increment(this.counts.throttled, operation);
      increment(this.counts.injectedErrors, operation);
      return { kind: 'throttle', latencyMs, reason: 'injected' };
    }
    if (faults.internalErrorRate && this.random() < faults.internalErrorRate) {
      increment(this.counts.injectedErrors, operation);
      return { kind: 'internal-error', latencyMs };
    }
    return { kind: 'pass', latencyMs };
  }

  /** The injected error a request gets from its operation's `failRequests`, counted as an injected error. */
  failureFor(operation: string, input: Readonly<Record<string, unknown>>): RequestFailureDecision {
    const rules = this.config[operation]?.failRequests ?? this.config['*']?.failRequests ?? [];
    // Serialised only when a rule looks into the body: this runs on every API request.
    let body: string | undefined;
    for (const [index, rule] of rules.entries()) {
      if (rule.stageArn !== undefined && input.stageArn !== rule.stageArn) continue;
      if (rule.bodyContains !== undefined && !(body ??= JSON.stringify(input)).includes(rule.bodyContains)) continue;
      if (rule.tag) {
        const value = (input.tags as Record<string, string> | undefined)?.[rule.tag.key];
        if (value === undefined) continue;
        if (rule.tag.value !== undefined && value !== rule.tag.value) continue;
        if (rule.tag.valuePrefix !== undefined && !value.startsWith(rule.tag.valuePrefix)) continue;
      }
      const key = `${operation}#${index}`;
      const used = this.failuresUsed.get(key) ?? 0;
      if (rule.times !== undefined && used >= rule.times) continue;
      this.failuresUsed.set(key, used + 1);
      increment(this.counts.injectedErrors, operation);
      return { error: rule.error, message: rule.message ?? `Injected ${rule.error} for ${operation}` };
    }
    return undefined;
  }

  callCounts(): CallCounts {
    return structuredClone(this.counts);
  }

  resetCounters(): void {
    this.counts = { calls: {}, throttled: {}, injectedErrors: {} };
  }

  /** Token bucket per operation: burst = rate, refilled continuously. */
  private take(operation: string, rate: number, now: number): boolean {
    let bucket = this.buckets.get(operation);
    if (!bucket) {
      bucket = { tokens: rate, updatedAt: now };
      this.buckets.set(operation, bucket);
    }
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(rate, bucket.tokens + (elapsed / 1000) * rate);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return true;
    }
    return false;
  }
}

function increment(counter: Record<string, number>, key: string): void {
  counter[key] = (counter[key] ?? 0) + 1;
}
