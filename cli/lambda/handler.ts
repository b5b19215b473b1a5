// `stageform/lambda`: the AWS Lambda handler for EventBridge rules on IVS events and the schedule.
// Each invocation is one `reconcile --once` pass: targeted at the stage the event names, or full for
// the schedule. It reads the manifests bundled with the function (STAGEFORM_DIR) and the live state,
// and decides from those alone (event-keys.ts says why the event's content is not trusted). A
// targeted pass reads only the named stages (and every composition); a warm environment keeps the
// loaded manifests until a file changes.
import { join } from 'node:path';
import { loadProject } from '../../core/load/load-project.js';
import { readManifestSignature } from '../../core/load/manifest-signature.js';
import type { DesiredState } from '../../core/model/desired.js';
import type { Diagnostic } from '../../core/model/diagnostics.js';
import { DEFAULT_BUDGET_SHARE, budgetRateLimits } from '../../core/pipeline/reconcile-budget.js';
import { reconcileOnce, type ReconcileResult } from '../../core/pipeline/reconcile-pass.js';
import { BackoffBook, RECONCILE_POLICIES, type ReconcilePolicy } from '../../core/pipeline/reconcile-policy.js';
import { connect } from '../connect.js';
import { parseDuration } from '../duration.js';
import type { OutputStream } from '../io.js';
import { DEFAULT_PARALLELISM } from '../plan-pass-edges.js';
import { createReconcileLogger, logReconcileEvent } from '../reconcile-telemetry.js';
import { scopeOfEvent, type EventBridgeEvent, type EventScope } from './event-keys.js';

export interface LambdaHandlerOptions {
  /** Environment: STAGEFORM_DIR, STAGEFORM_POLICY, STAGEFORM_PARALLELISM, STAGEFORM_WAIT_TIMEOUT, AWS_* (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Where the JSON log lines go (default process.stdout, which Lambda sends to CloudWatch Logs). */
  readonly stdout?: OutputStream;
  /** apply's sleep between polls and the pass's clock (tests on a manual emulator clock pass their own). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now?: () => number;
}

/** What an invocation returns (Lambda records it; EventBridge ignores it). */
export interface LambdaPassSummary {
  readonly scope: EventScope['kind'];
  readonly reason: string;
  readonly stageArns?: readonly string[];
  readonly status: ReconcileResult['status'] | 'ignored';
  readonly applied: readonly { readonly address: string; readonly action: string; readonly outcome: string }[];
  readonly held: readonly { readonly address: string; readonly action: string; readonly reason: string }[];
}

/** The project could not be loaded or planned: the invocation fails, so Lambda's error metrics and alarms see it. */
export class LambdaPassError extends Error {
  readonly codes: readonly string[];
  constructor(message: string, codes: readonly string[]) {
    super(message);
    this.name = 'LambdaPassError';
    this.codes = codes;
  }
}

export type LambdaHandler = (event: EventBridgeEvent) => Promise<LambdaPassSummary>;

/** A handler with its own edges (tests); `handler` below is the one Lambda calls. */
export function createLambdaHandler(options: LambdaHandlerOptions = {}): LambdaHandler {
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? process.stdout;
  const dir = env.STAGEFORM_DIR || join(env.LAMBDA_TASK_ROOT || process.cwd(), 'project');
  const policy = readPolicy(env.STAGEFORM_POLICY);
  const parallelism = readParallelism(env.STAGEFORM_PARALLELISM);
  const waitTimeoutMs = parseDuration(env.STAGEFORM_WAIT_TIMEOUT || '2m', 'STAGEFORM_WAIT_TIMEOUT');
  // A warm execution environment keeps its backoff between invocations; a cold one starts afresh,
  // which costs at most one early retry.
  const backoff = new BackoffBook();
  const logger = createReconcileLogger(stdout, 'json');
  const io = { stdout, stderr: stdout, cwd: dir, env };
  // A warm environment keeps the loaded project while the files are unchanged (the same test of
  // "changed" as the loop's): loading parses and validates every manifest, seconds for a thousand,
  // and an event's pass must not wait for that. The live state is read afresh every time.
  let loaded: { readonly signature: string; readonly desired: DesiredState } | undefined;
  let invocation = 0;

  const failLoading = (base: Record<string, unknown>, diagnostics: readonly Diagnostic[]): never => {
    const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
    logger.error({ event: 'lambda', ...base, status: 'error', errors: diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`) }, 'the project does not load');
    throw new LambdaPassError(`stageform: the project in ${dir} does not load or plan (${codes.join(', ')})`, codes);
  };

  return async (event) => {
    invocation += 1;
    const scope = scopeOfEvent(event);
    const base = { scope: scope.kind, reason: scope.reason, ...(scope.kind === 'stages' ? { stageArns: scope.stageArns } : {}) };
    if (scope.kind === 'ignored') {
      logger.info({ event: 'lambda', ...base, status: 'ignored' }, 'not an event for stageform');
      return { ...base, status: 'ignored', applied: [], held: [] };
    }
    const signature = readManifestSignature(dir);
    if (loaded?.signature !== signature) {
      loaded = undefined;
      const load = await loadProject(dir, { cwd: dir });
      if (!load.desired || load.diagnostics.length > 0) return failLoading(base, load.diagnostics);
      loaded = { signature, desired: load.desired };
    }
    const outcome = await reconcileOnce(
      {
        dir,
        desired: loaded.desired,
        policy,
        keys: scope.kind === 'stages' ? scope.stageArns : [],
        parallelism,
        waitTimeoutMs,
        backoff,
        ...(options.sleep ? { sleep: options.sleep } : {}),
        ...(options.now ? { now: options.now } : {}),
      },
      {
        cwd: dir,
        // Half of each rate limit, as `reconcile --once`: a pipeline's plan and apply run unthrottled beside it.
        connect: (settings) => connect({ ...settings, rateLimits: budgetRateLimits(settings.rateLimits, DEFAULT_BUDGET_SHARE) }, { parallelism }, io),
      },
    );
    if (!outcome.ok) return failLoading(base, outcome.diagnostics);
    const { result } = outcome;
    for (const r of result.applied) logReconcileEvent(logger, { kind: 'action', tick: invocation, result: r });
    logger.info({ event: 'lambda', ...base, status: result.status, durationMs: result.durationMs, applied: result.applied.length, held: result.held.length }, 'pass');
    return {
      ...base,
      status: result.status,
      applied: result.applied.map((r) => ({ address: r.address, action: r.action, outcome: r.outcome })),
      held: result.held.map((h) => ({ address: h.address, action: h.action, reason: h.reason })),
    };
  };
}

function readPolicy(text: string | undefined): ReconcilePolicy {
  if (text === undefined || text === '') return 'heal';
  const policy = RECONCILE_POLICIES.find((p) => p === text);
  if (policy) return policy;
  throw new LambdaPassError(`STAGEFORM_POLICY must be ${RECONCILE_POLICIES.join(' or ')}, got "${text}"`, ['INVALID_POLICY']);
}

function readParallelism(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_PARALLELISM;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new LambdaPassError(`STAGEFORM_PARALLELISM must be a positive whole number, got "${text}"`, ['INVALID_PARALLELISM']);
  return n;
}

let shared: LambdaHandler | undefined;

/** The Lambda entry point (`Handler: index.handler` of a function whose index.js re-exports it, or `node_modules/stageform/dist/cli/lambda/handler.handler`). */
export async function handler(event: EventBridgeEvent): Promise<LambdaPassSummary> {
  shared ??= createLambdaHandler();
  return shared(event);
}
