// `stageform reconcile`: the long-running loop. It reads as numbered steps:
//   1. load the manifests;
//   2. measure one observation's calls and choose the tick the budget allows (refusing a shorter one);
//   3. each tick: load again if the files changed, run one reconcile pass, report, sleep.
// Stopping (the signal) lets the unit in flight finish and ends the loop. Output is events (plain
// data); cli/ turns them into log lines and metrics.
import type { ApplyActionResult } from '../model/apply-result.js';
import type { ProjectSettings } from '../model/desired.js';
import { UserError, type Diagnostic } from '../model/diagnostics.js';
import { compareStrings } from '../util/canonical-json.js';
import type { IvsApi, IvsOperation } from '../ivs/ivs-api.js';
import { countCalls, type CallOutcome } from '../ivs/counted-api.js';
import { loadProject } from '../load/load-project.js';
import { readManifestSignature } from '../load/manifest-signature.js';
import { runPlanPass, type PipelineConnection, type PlanPassEdges } from './plan-pass.js';
import { BackoffBook, type ReconcilePolicy } from './reconcile-policy.js';
import { budgetRateLimits, minimumIntervalMs, shareOfLimits, type CallsByOperation } from './reconcile-budget.js';
import { reconcileWithPlanPass, type ReconcileResult } from './reconcile-pass.js';

export interface ReconcileLoopOptions {
  readonly dir: string;
  readonly cwd: string;
  readonly policy: ReconcilePolicy;
  /** The tick; default the shortest the budget allows. */
  readonly intervalMs?: number;
  /** Share of each operation's rate limit the loop may use (0 < share <= 1). */
  readonly budgetShare: number;
  readonly parallelism: number;
  readonly waitTimeoutMs?: number;
  /** Backoff's first rest (default: one tick) and cap (default 5 min). */
  readonly backoffBaseMs?: number;
  readonly backoffCapMs?: number;
  /** Stop after this many ticks (tests, the bench); default: until the signal. */
  readonly maxTicks?: number;
}

export interface ReconcileLoopEdges {
  /**
   * Opens a connection for one tick (or the measurement), pacing to `settings.rateLimits`, which
   * the loop has already reduced to its budget. Closed at the end of the tick.
   */
  connect(settings: ProjectSettings): Promise<PipelineConnection>;
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after ms, or early when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Aborted: finish the unit in flight, then stop. */
  readonly signal: AbortSignal;
  onEvent(event: ReconcileLoopEvent): void;
}

export interface CallCount {
  readonly calls: number;
  readonly throttled: number;
  readonly errors: number;
}

export type ReconcileLoopEvent =
  | {
      readonly kind: 'start';
      readonly project: string;
      readonly policy: ReconcilePolicy;
      readonly intervalMs: number;
      readonly minimumIntervalMs: number;
      readonly budgetShare: number;
      /** Calls one observation made, per operation. */
      readonly callsPerTick: CallsByOperation;
      /** Those calls as a share of each operation's full rate limit at the chosen tick. */
      readonly limitShare: CallsByOperation;
      readonly compositions: number;
    }
  | { readonly kind: 'reload'; readonly tick: number; readonly ok: boolean; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'action'; readonly tick: number; readonly result: ApplyActionResult }
  | {
      readonly kind: 'tick';
      readonly tick: number;
      readonly durationMs: number;
      readonly result: ReconcileResult;
      readonly calls: Readonly<Partial<Record<IvsOperation, CallCount>>>;
      readonly backoff: number;
    }
  | { readonly kind: 'tick-error'; readonly tick: number; readonly durationMs: number; readonly code: string; readonly message: string; readonly calls: Readonly<Partial<Record<IvsOperation, CallCount>>> }
  | { readonly kind: 'stop'; readonly ticks: number };

export type ReconcileLoopOutcome = { readonly ok: true; readonly ticks: number } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export async function runReconcileLoop(options: ReconcileLoopOptions, edges: ReconcileLoopEdges): Promise<ReconcileLoopOutcome> {
  // 1. Load.
  const first = await loadProject(options.dir, { cwd: options.cwd });
  if (!first.desired || first.diagnostics.length > 0) return { ok: false, diagnostics: first.diagnostics };
  let desired = first.desired;
  let signature = readManifestSignature(desired.rootDir);
  /** The plan pass's edges: the loop's budget, and every call counted. */
  const passEdges = (onCall: (op: IvsOperation, outcome: CallOutcome) => void): PlanPassEdges => ({
    cwd: options.cwd,
    signal: edges.signal,
    connect: async (settings) => {
      const connection = await edges.connect({ ...settings, rateLimits: budgetRateLimits(settings.rateLimits, options.budgetShare) });
      const counted = new Map<string, IvsApi>();
      const apiFor = (region: string): IvsApi => {
        let api = counted.get(region);
        if (!api) counted.set(region, (api = countCalls(connection.apiFor(region), onCall)));
        return api;
      };
      return { ...connection, apiFor, close: () => connection.close() };
    },
  });

  // 2. Measure a tick's reads and choose the tick.
  const measured: CallsByOperation = {};
  const measurement = await runPlanPass({ dir: desired.rootDir, desired, parallelism: options.parallelism }, passEdges((op) => (measured[op] = (measured[op] ?? 0) + 1)));
  if (!measurement.ok) return { ok: false, diagnostics: measurement.diagnostics };
  const minimumMs = minimumIntervalMs(measured, desired.rateLimits, options.budgetShare);
  if (options.intervalMs !== undefined && options.intervalMs < minimumMs) {
    throw new UserError(
      'INTERVAL_OVER_BUDGET',
      `--interval ${formatMs(options.intervalMs)} needs more than ${Number((options.budgetShare * 100).toFixed(2))}% of the rate limits: one tick reads ${describeCalls(measured)}`,
      { hint: `use --interval ${formatMs(minimumMs)} or longer, or raise --budget` },
    );
  }
  const intervalMs = options.intervalMs ?? minimumMs;
  edges.onEvent({
    kind: 'start',
    project: desired.project,
    policy: options.policy,
    intervalMs,
    minimumIntervalMs: minimumMs,
    budgetShare: options.budgetShare,
    callsPerTick: measured,
    limitShare: shareOfLimits(measured, desired.rateLimits, intervalMs),
    compositions: desired.compositions.length,
  });

  // 3. Tick until stopped.
  const backoff = new BackoffBook({ baseMs: options.backoffBaseMs ?? intervalMs, capMs: Math.max(options.backoffCapMs ?? 300_000, options.backoffBaseMs ?? intervalMs) });
  let tick = 0;
  while (!edges.signal.aborted && (options.maxTicks === undefined || tick < options.maxTicks)) {
    tick++;
    const began = edges.now();
    const current = readManifestSignature(desired.rootDir);
    if (current !== signature) {
      signature = current;
      const reloaded = await loadProject(desired.rootDir, { cwd: options.cwd });
      if (reloaded.desired && reloaded.diagnostics.length === 0) desired = reloaded.desired;
      // A broken edit keeps the last good manifests running.
      edges.onEvent({ kind: 'reload', tick, ok: reloaded.desired !== undefined && reloaded.diagnostics.length === 0, diagnostics: reloaded.diagnostics });
    }
    const calls = new Map<IvsOperation, { calls: number; throttled: number; errors: number }>();
    const count = (op: IvsOperation, outcome: CallOutcome): void => {
      const c = calls.get(op) ?? { calls: 0, throttled: 0, errors: 0 };
      c.calls++;
      if (outcome === 'throttled') c.throttled++;
      if (outcome === 'error') c.errors++;
      calls.set(op, c);
    };
    const tickNumber = tick;
    try {
      const outcome = await reconcileWithPlanPass({ dir: desired.rootDir, desired }, passEdges(count), {
        policy: options.policy,
        parallelism: options.parallelism,
        backoff,
        waitTimeoutMs: options.waitTimeoutMs,
        signal: edges.signal,
        now: edges.now,
        sleep: edges.sleep,
        onApplyEvent: (event) => {
          if (event.kind === 'end') edges.onEvent({ kind: 'action', tick: tickNumber, result: event.result });
        },
      });
      if (outcome.ok) {
        edges.onEvent({ kind: 'tick', tick, durationMs: edges.now() - began, result: outcome.result, calls: toRecord(calls), backoff: backoff.restingCount(edges.now()) });
      } else {
        // A plan that cannot be made (a declared stage gone): reported; the next tick tries again.
        const firstProblem = outcome.diagnostics[0];
        edges.onEvent({ kind: 'tick-error', tick, durationMs: edges.now() - began, code: firstProblem?.code ?? 'PLAN_ERROR', message: outcome.diagnostics.map((d) => d.message).join('; '), calls: toRecord(calls) });
      }
    } catch (error) {
      // One failed tick (the API unreachable) is reported; the next tick tries again.
      if (edges.signal.aborted) break;
      edges.onEvent({ kind: 'tick-error', tick, durationMs: edges.now() - began, code: errorCode(error), message: error instanceof Error ? error.message : String(error), calls: toRecord(calls) });
    }
    if (edges.signal.aborted || (options.maxTicks !== undefined && tick >= options.maxTicks)) break;
    await edges.sleep(Math.max(0, intervalMs - (edges.now() - began)), edges.signal);
  }
  edges.onEvent({ kind: 'stop', ticks: tick });
  return { ok: true, ticks: tick };
}

function toRecord(calls: Map<IvsOperation, CallCount>): Partial<Record<IvsOperation, CallCount>> {
  return Object.fromEntries([...calls.entries()].sort(([a], [b]) => compareStrings(a, b)));
}

function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'string') return (error as { code: string }).code;
  return 'InternalError';
}

function describeCalls(calls: CallsByOperation): string {
  return (Object.keys(calls).sort() as IvsOperation[]).map((op) => `${calls[op]} ${op}`).join(', ') || 'nothing';
}

export function formatMs(ms: number): string {
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
