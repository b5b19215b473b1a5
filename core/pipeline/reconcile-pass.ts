// One reconcile pass, level-triggered: whatever asked for it (a loop tick, `--once`, an AWS event
// naming a stage), it reads the current state and decides from that alone.
//   1. observe the live state (in full: a start may depend on any composition's channel or quota);
//   2. plan with core/plan, limited to the keys asked for;
//   3. keep the changes the policy allows and backoff does not rest;
//   4. apply them with core/apply (ownership checks, idempotency tokens, re-checks, waits);
//   5. record failures in the backoff book and say when to look again.
import type { ApplyActionResult, ApplyEvent, ApplyResult } from '../model/apply-result.js';
import type { DesiredState } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { DRIFT_KINDS, type DriftKind, type DriftRecord, type Plan } from '../model/plan.js';
import type { IvsApi } from '../ivs/ivs-api.js';
import { loadProject } from '../load/load-project.js';
import { observeLive } from '../observe/observe-live.js';
import { buildPlan } from '../plan/build-plan.js';
import { summarizePlan } from '../plan/summarize-plan.js';
import { applyPlan } from '../apply/apply-plan.js';
import { BackoffBook, selectChanges, type HeldChange, type ReconcilePolicy } from './reconcile-policy.js';

/** What a pass talks to; the caller opens and closes it. */
export interface ReconcileConnection {
  apiFor(region: string): IvsApi;
  /** The endpoint in use; '' for AWS's own. */
  readonly endpoint: string;
  /** Every region to observe. */
  readonly regions: readonly string[];
}

export interface ReconcilePassOptions {
  readonly policy: ReconcilePolicy;
  /**
   * Keys to reconcile: addresses, manifest names, or stage ARNs (every address declared on the
   * stage). Absent or empty: everything.
   */
  readonly keys?: readonly string[];
  /** API calls in flight at once. */
  readonly parallelism: number;
  /** Shared across passes (a loop keeps one); a pass records its failures and successes in it. */
  readonly backoff: BackoffBook;
  /** How long a start may take to become ACTIVE (default 2 min). */
  readonly waitTimeoutMs?: number;
  /** Aborted: start nothing new, finish the calls in flight (the unit in flight completes). */
  readonly signal?: AbortSignal;
  /** Epoch milliseconds: presence and backoff are decided for this instant. */
  readonly now?: () => number;
  /** apply's sleep between polls (tests on a manual clock pass their own). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly onApplyEvent?: (event: ApplyEvent) => void;
}

export type ReconcileStatus = 'in-sync' | 'remaining';

export interface ReconcileResult {
  /** in-sync: after the pass live matches what the manifests want now. remaining: something the policy does not fix, or a failure resting in backoff. */
  readonly status: ReconcileStatus;
  readonly atMs: number;
  readonly durationMs: number;
  /** What was applied (empty results when nothing was to do). */
  readonly applied: readonly ApplyActionResult[];
  /** Changes wanted but not applied by this pass, sorted by address. */
  readonly held: readonly HeldChange[];
  readonly drift: readonly DriftRecord[];
  readonly driftByKind: Readonly<Record<DriftKind, number>>;
  /** Look again after this long at the latest (the earliest backoff retry); absent: at the next tick. */
  readonly requeueAfterMs?: number;
  readonly interrupted: boolean;
}

/** A pass on a desired state already loaded and a connection already open. */
export async function reconcilePass(desired: DesiredState, connection: ReconcileConnection, options: ReconcilePassOptions): Promise<ReconcileResult> {
  const now = options.now ?? Date.now;
  const began = now();
  const addresses = resolveKeys(desired, options.keys);
  if (addresses !== undefined && addresses.length === 0) return emptyResult(began, now() - began);

  // 1-2. Observe and plan.
  const live = await observeLive(desired, connection.apiFor, {
    parallelism: options.parallelism,
    regions: connection.regions,
    endpoint: connection.endpoint,
    targets: addresses,
    signal: options.signal,
  });
  const atMs = now();
  const { plan, errors } = buildPlan(desired, live, { targets: addresses, atMs });
  if (errors.length > 0) throw new ReconcilePlanError(errors);

  // 3. What this pass may do.
  const selected = selectChanges(plan.changes, options.policy, options.backoff, atMs);
  const filtered: Plan = { ...plan, changes: selected.apply, summary: summarizePlan(selected.apply, plan.drift, plan.unmanaged.length) };

  // 4. Apply, with every apply safety rule.
  let applied: ApplyResult | undefined;
  if (filtered.summary.changes > 0) {
    applied = await applyPlan(filtered, connection.apiFor, {
      parallelism: options.parallelism,
      wait: true,
      waitTimeoutMs: options.waitTimeoutMs ?? 120_000,
      signal: options.signal,
      now,
      sleep: options.sleep,
      onEvent: options.onApplyEvent,
    });
  }

  // 5. Backoff and the next look.
  const results = applied?.results ?? [];
  for (const r of results) {
    if (r.outcome === 'failed') options.backoff.recordFailure(r.address, now());
    else if (r.outcome !== 'skipped') options.backoff.recordSuccess(r.address);
  }
  const held = [...selected.held];
  for (const r of results) {
    if (r.outcome === 'failed') held.push({ address: r.address, action: r.action, reason: 'backoff', retryAtMs: options.backoff.retryAt(r.address) });
  }
  held.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const retries = held.flatMap((h) => (h.retryAtMs !== undefined ? [h.retryAtMs] : []));
  const end = now();
  const converged = held.length === 0 && results.every((r) => r.outcome !== 'failed' && r.outcome !== 'skipped');
  return {
    status: converged ? 'in-sync' : 'remaining',
    atMs,
    durationMs: end - began,
    applied: results,
    held,
    drift: plan.drift,
    driftByKind: plan.summary.driftByKind,
    ...(retries.length > 0 ? { requeueAfterMs: Math.max(0, Math.min(...retries) - end) } : {}),
    interrupted: applied?.interrupted === true || options.signal?.aborted === true,
  };
}

/** The plan could not be made (a declared stage does not exist, a quota cannot be met). */
export class ReconcilePlanError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => `${d.code}: ${d.message}`).join('; '));
    this.name = 'ReconcilePlanError';
    this.diagnostics = diagnostics;
  }
}

/** Keys to the addresses they select; undefined for everything. */
export function resolveKeys(desired: Pick<DesiredState, 'compositions'>, keys: readonly string[] | undefined): string[] | undefined {
  if (!keys || keys.length === 0) return undefined;
  const out = new Set<string>();
  for (const key of keys) {
    for (const c of desired.compositions) {
      if (c.stageArn === key || c.address === key || c.address.startsWith(key + '/')) out.add(c.address);
    }
  }
  return [...out].sort();
}

function emptyResult(atMs: number, durationMs: number): ReconcileResult {
  const driftByKind = Object.fromEntries(DRIFT_KINDS.map((k) => [k, 0])) as Record<DriftKind, number>;
  return { status: 'in-sync', atMs, durationMs, applied: [], held: [], drift: [], driftByKind, interrupted: false };
}

export interface ReconcileOnceOptions extends Omit<ReconcilePassOptions, 'backoff'> {
  /** The project directory. */
  readonly dir: string;
  /** Diagnostic paths are shown relative to it. */
  readonly cwd: string;
  /** A loop or handler that keeps state between passes passes its book; default a fresh one. */
  readonly backoff?: BackoffBook;
}

export interface ReconcileOnceEdges {
  /** Opens the connection for the loaded project (endpoint, credentials, rate limiter). */
  connect(desired: DesiredState): Promise<ReconcileConnection & { close(): Promise<void> }>;
}

export type ReconcileOnceOutcome =
  | { readonly ok: true; readonly desired: DesiredState; readonly result: ReconcileResult }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Load, connect, one pass, close: `stageform reconcile --once`, and an event handler's targeted
 * pass (keys: the stage ARN an event names). The event only says where to look.
 */
export async function reconcileOnce(options: ReconcileOnceOptions, edges: ReconcileOnceEdges): Promise<ReconcileOnceOutcome> {
  const loaded = await loadProject(options.dir, { cwd: options.cwd });
  if (!loaded.desired || loaded.diagnostics.length > 0) return { ok: false, diagnostics: loaded.diagnostics };
  const desired = loaded.desired;
  const connection = await edges.connect(desired);
  try {
    const result = await reconcilePass(desired, connection, { ...options, backoff: options.backoff ?? new BackoffBook() });
    return { ok: true, desired, result };
  } catch (error) {
    if (error instanceof ReconcilePlanError) return { ok: false, diagnostics: error.diagnostics };
    throw error;
  } finally {
    await connection.close();
  }
}
