// One reconcile pass, level-triggered: whatever asked for it (a loop tick, `--once`, an AWS event
// naming a stage), it reads the current state and decides from that alone.
//   1. load, connect and observe: the pipeline's plan pass (core/pipeline/plan-pass.ts);
//   2. plan for the keys asked for, at this instant;
//   3. keep the changes the policy allows and backoff does not rest, and preflight what they start;
//   4. apply them with core/apply (ownership checks, idempotency tokens, re-checks, waits);
//   5. record failures in the backoff book and say when to look again.
import type { ApplyActionResult, ApplyEvent, ApplyResult } from '../model/apply-result.js';
import type { DesiredState } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { LiveState } from '../model/live.js';
import { DRIFT_KINDS, type DriftKind, type DriftRecord, type Plan } from '../model/plan.js';
import type { IvsApi } from '../ivs/ivs-api.js';
import { compareStrings } from '../util/canonical-json.js';
import { buildPlan } from '../plan/build-plan.js';
import { summarizePlan } from '../plan/summarize-plan.js';
import { applyPlan } from '../apply/apply-plan.js';
import { runPreflight } from '../observe/preflight.js';
import { loadProject } from '../load/load-project.js';
import { withPlanPass, type PlanPassEdges } from './plan-pass.js';
import { BackoffBook, selectChanges, type HeldChange, type ReconcilePolicy } from './reconcile-policy.js';

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

export type ReconcileOnceOutcome =
  | { readonly ok: true; readonly desired: DesiredState; readonly result: ReconcileResult }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * One pass through the pipeline: load (unless `desired` is given), connect, observe, then steps
 * 2-5. Problems in the user's files, or a plan that cannot be made, come back as diagnostics.
 */
export async function reconcileWithPlanPass(
  pass: { readonly dir: string; readonly desired?: DesiredState },
  edges: PlanPassEdges,
  options: ReconcilePassOptions,
): Promise<ReconcileOnceOutcome> {
  const began = (options.now ?? Date.now)();
  // Keys narrow what is read, not only what is planned: only the stages their addresses are on
  // (an event's stage: a GetStage, not a listing of every stage). Their state is still read, never
  // taken from whoever asked.
  let desired = pass.desired;
  let scope: { readonly targets: readonly string[]; readonly stages: readonly string[] } | undefined;
  if (options.keys && options.keys.length > 0) {
    if (!desired) {
      const loaded = await loadProject(pass.dir, { cwd: edges.cwd });
      if (!loaded.desired || loaded.diagnostics.length > 0) return { ok: false, diagnostics: loaded.diagnostics };
      desired = loaded.desired;
    }
    const targets = resolveKeys(desired, options.keys) ?? [];
    // Nothing declared there: nothing to read or do.
    if (targets.length === 0) return { ok: true, desired, result: emptyResult(began, (options.now ?? Date.now)() - began) };
    const wanted = new Set(targets);
    scope = { targets, stages: [...new Set(desired.compositions.filter((c) => wanted.has(c.address)).map((c) => c.stageArn))].sort() };
  }
  // Step 2 is the plan pass's own plan: made for `began`, for the keys' addresses; a plan that
  // cannot be made comes back from the pass as diagnostics. Preflight waits for step 3: it reads
  // what this pass starts, so a change the policy holds cannot fail the whole pass.
  return withPlanPass({ dir: pass.dir, desired, parallelism: options.parallelism, now: began, skipPreflight: true, ...scope }, edges, async (outcome, apiFor) => {
    if (!outcome.ok) return outcome;
    const preflight: Preflight = (plan) => runPreflight(plan, outcome.desired, outcome.live, apiFor, { parallelism: options.parallelism, signal: options.signal });
    try {
      return { ok: true, desired: outcome.desired, result: await reconcilePlanned(outcome.plan, began, apiFor, options, began, preflight) };
    } catch (error) {
      if (error instanceof ReconcilePlanError) return { ok: false, diagnostics: error.diagnostics };
      throw error;
    }
  });
}

/** Preflight's problems for what a plan starts (none: all can start). */
type Preflight = (plan: Plan) => Promise<readonly Diagnostic[]>;

/** Steps 2-5 on a live state just observed. */
export async function reconcileObserved(
  desired: DesiredState,
  live: LiveState,
  regions: readonly string[],
  apiFor: (region: string) => IvsApi,
  options: ReconcilePassOptions,
  began = (options.now ?? Date.now)(),
): Promise<ReconcileResult> {
  const now = options.now ?? Date.now;
  const addresses = resolveKeys(desired, options.keys);
  if (addresses !== undefined && addresses.length === 0) return emptyResult(began, now() - began);

  // 2. Plan for these keys, now.
  const atMs = now();
  const { plan, errors } = buildPlan(desired, live, { targets: addresses, regions, atMs });
  if (errors.length > 0) throw new ReconcilePlanError(errors);
  return reconcilePlanned(plan, atMs, apiFor, options, began);
}

/** Steps 3-5 on a plan made for `atMs`; `preflight`'s problems with what step 3 keeps fail the pass. */
async function reconcilePlanned(
  plan: Plan,
  atMs: number,
  apiFor: (region: string) => IvsApi,
  options: ReconcilePassOptions,
  began: number,
  preflight?: Preflight,
): Promise<ReconcileResult> {
  const now = options.now ?? Date.now;

  // 3. What this pass may do.
  const selected = selectChanges(plan.changes, options.policy, options.backoff, atMs);
  const filtered: Plan = { ...plan, changes: selected.apply, summary: summarizePlan(selected.apply, plan.drift, plan.unmanaged.length) };
  const problems = preflight ? await preflight(filtered) : [];
  if (problems.length > 0) throw new ReconcilePlanError(problems);

  // 4. Apply, with every apply safety rule.
  let applied: ApplyResult | undefined;
  if (filtered.summary.changes > 0) {
    applied = await applyPlan(filtered, apiFor, {
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
  held.sort((a, b) => compareStrings(a.address, b.address));
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

/** The plan could not be made (a declared stage does not exist, a quota cannot be met), or preflight refused what it starts. */
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
  /** Already loaded from `dir` (a warm handler keeps it while the files are unchanged): not loaded again. */
  readonly desired?: DesiredState;
  /** A handler that keeps state between passes passes its book; default a fresh one. */
  readonly backoff?: BackoffBook;
}

/**
 * `stageform reconcile --once`, and an event handler's targeted pass (keys: the stage ARN an event
 * names; the event only says where to look). `edges` are the plan pass's: working directory,
 * connect, signal.
 */
export function reconcileOnce(options: ReconcileOnceOptions, edges: PlanPassEdges): Promise<ReconcileOnceOutcome> {
  return reconcileWithPlanPass({ dir: options.dir, desired: options.desired }, edges, { ...options, backoff: options.backoff ?? new BackoffBook() });
}
