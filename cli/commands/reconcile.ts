// `stageform reconcile [DIR]`: the long-running loop (core/pipeline/reconcile-loop.ts), or one pass
// with --once. This module wires the edges: connection, clock, signals, logs, metrics, exit codes.
import { resolve } from 'node:path';
import { UserError } from '../../core/model/diagnostics.js';
import { sleepFor } from '../../core/util/sleep.js';
import type { DesiredState } from '../../core/model/desired.js';
import { DEFAULT_BUDGET_SHARE, budgetRateLimits } from '../../core/pipeline/reconcile-budget.js';
import { runReconcileLoop, type ReconcileLoopEvent } from '../../core/pipeline/reconcile-loop.js';
import { reconcileOnce, type ReconcileConnection } from '../../core/pipeline/reconcile-pass.js';
import type { ReconcilePolicy } from '../../core/pipeline/reconcile-policy.js';
import { connect, type Connection } from '../connect.js';
import { parseDuration } from '../duration.js';
import { EXIT_CHANGES, EXIT_ERROR, EXIT_OK, type CliIo } from '../io.js';
import { reportError } from '../report-error.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { regionsToObserve } from '../../core/pipeline/plan-pass.js';
import { createReconcileLogger, logReconcileEvent, parseListen, ReconcileMetrics, startOpsServer, type LogFormat } from '../reconcile-telemetry.js';

export interface ReconcileCommandOptions {
  once?: boolean;
  interval?: string;
  heal?: boolean;
  sync?: boolean;
  budget?: string;
  target?: string[];
  logFormat?: LogFormat;
  listen?: string;
  waitTimeout?: string;
  local?: boolean;
  region?: string;
  profile?: string;
  parallelism?: number;
  color?: boolean;
}

export async function runReconcileCommand(dir: string, opts: ReconcileCommandOptions, io: CliIo): Promise<number> {
  const stop = io.signal ? { signal: io.signal, dispose: () => {} } : installStopHandlers();
  try {
    return await reconcileCommand(resolve(io.cwd, dir), opts, io, stop.signal);
  } catch (error) {
    return reportError(io, error);
  } finally {
    stop.dispose();
  }
}

async function reconcileCommand(dir: string, opts: ReconcileCommandOptions, io: CliIo, signal: AbortSignal): Promise<number> {
  if (opts.heal && opts.sync) throw new UserError('CONFLICTING_POLICY', '--heal and --sync cannot be used together', { hint: '--heal (the default) starts and restarts; --sync applies the whole plan' });
  const policy: ReconcilePolicy = opts.sync ? 'sync' : 'heal';
  const budgetShare = parseBudget(opts.budget);
  const parallelism = opts.parallelism ?? 10;
  const waitTimeoutMs = parseDuration(opts.waitTimeout ?? '2m');
  const connections = createConnector(opts, io, parallelism);

  try {
    if (opts.once) {
      // One pass: 0 in sync, 2 something remains that the policy does not fix, 1 an error.
      const outcome = await reconcileOnce(
        { dir, cwd: io.cwd, policy, keys: opts.target ?? [], parallelism, waitTimeoutMs, signal },
        { connect: (desired) => connections.open({ ...desired, rateLimits: budgetRateLimits(desired.rateLimits, budgetShare) }) },
      );
      if (!outcome.ok) {
        printDiagnostics(io, outcome.diagnostics, opts.color);
        return EXIT_ERROR;
      }
      const logger = createReconcileLogger(io.stdout, opts.logFormat ?? 'json');
      for (const result of outcome.result.applied) logReconcileEvent(logger, { kind: 'action', tick: 1, result });
      logReconcileEvent(logger, { kind: 'tick', tick: 1, durationMs: outcome.result.durationMs, result: outcome.result, calls: {}, backoff: outcome.result.held.filter((h) => h.reason === 'backoff').length });
      return outcome.result.status === 'in-sync' ? EXIT_OK : EXIT_CHANGES;
    }
    return await runLoop(dir, opts, io, signal, policy, budgetShare, parallelism, waitTimeoutMs, connections);
  } finally {
    await connections.closeAll();
  }
}

async function runLoop(
  dir: string,
  opts: ReconcileCommandOptions,
  io: CliIo,
  signal: AbortSignal,
  policy: ReconcilePolicy,
  budgetShare: number,
  parallelism: number,
  waitTimeoutMs: number,
  connections: Connector,
): Promise<number> {
  const intervalMs = opts.interval !== undefined ? parseDuration(opts.interval, '--interval') : undefined;
  if (intervalMs !== undefined && intervalMs < 1000) throw new UserError('INVALID_INTERVAL', '--interval must be at least 1s');
  const logger = createReconcileLogger(io.stdout, opts.logFormat ?? 'json');
  const metrics = new ReconcileMetrics();
  // Alive: started, not stopped, and the last tick ended recently (a tick may wait for a start).
  let lastProgressMs: number | undefined;
  let tickMs = intervalMs ?? 0;
  let stopped = false;
  const health = { isAlive: () => !stopped && lastProgressMs !== undefined && Date.now() - lastProgressMs <= 3 * tickMs + waitTimeoutMs };
  let ops: Awaited<ReturnType<typeof startOpsServer>> | undefined;
  if (opts.listen !== undefined) {
    const address = parseListen(opts.listen);
    if (!address) throw new UserError('INVALID_LISTEN', `--listen expects PORT or HOST:PORT, got "${opts.listen}"`, { hint: 'e.g. --listen 9464 (127.0.0.1:9464)' });
    try {
      ops = await startOpsServer(address, metrics, health);
    } catch (error) {
      throw new UserError('CANNOT_LISTEN', `cannot listen on ${address.host}:${address.port} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    logger.info({ event: 'listen', host: address.host, port: ops.port }, `serving /healthz and /metrics on ${address.host}:${ops.port}`);
  }
  try {
    const onEvent = (event: ReconcileLoopEvent): void => {
      if (event.kind === 'start') tickMs = event.intervalMs;
      if (event.kind === 'start' || event.kind === 'tick' || event.kind === 'tick-error') lastProgressMs = Date.now();
      if (event.kind === 'stop') stopped = true;
      metrics.record(event, Date.now());
      logReconcileEvent(logger, event);
    };
    const outcome = await runReconcileLoop(
      { dir, cwd: io.cwd, policy, intervalMs, budgetShare, parallelism, waitTimeoutMs },
      { connect: (desired) => connections.open(desired), now: Date.now, sleep: sleepFor, signal, onEvent },
    );
    if (!outcome.ok) {
      printDiagnostics(io, outcome.diagnostics, opts.color);
      return EXIT_ERROR;
    }
    return EXIT_OK;
  } finally {
    stopped = true;
    await ops?.close();
  }
}

interface Connector {
  open(desired: DesiredState): Promise<ReconcileConnection & { close(): Promise<void> }>;
  closeAll(): Promise<void>;
}

/**
 * Against AWS or an endpoint, one connection serves every tick (its rate limiter keeps the budget
 * across ticks) until the manifests change its settings. The embedded emulator (--local) is opened
 * per pass: it locks the project's state, and `local admin` must get in between ticks.
 */
function createConnector(opts: ReconcileCommandOptions, io: CliIo, parallelism: number): Connector {
  let kept: { key: string; connection: Connection } | undefined;
  const options = { local: opts.local, region: opts.region, profile: opts.profile, parallelism };
  return {
    async open(desired) {
      if (opts.local) {
        const local = await connect(desired, options, io);
        return { apiFor: (r) => local.apiFor(r), endpoint: local.endpoint, regions: regionsToObserve(local.region, desired), close: () => local.close() };
      }
      const key = JSON.stringify([desired.rateLimits, desired.region, desired.stages.map((s) => s.region)]);
      if (kept?.key !== key) {
        await kept?.connection.close();
        kept = { key, connection: await connect(desired, options, io) };
      }
      const connection = kept.connection;
      return { apiFor: (r) => connection.apiFor(r), endpoint: connection.endpoint, regions: regionsToObserve(connection.region, desired), close: async () => {} };
    },
    async closeAll() {
      await kept?.connection.close();
      kept = undefined;
    },
  };
}

/** `0.5`, `50%`: the share of each rate limit the loop may use. */
function parseBudget(text: string | undefined): number {
  if (text === undefined) return DEFAULT_BUDGET_SHARE;
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  const share = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(share > 0 && share <= 1)) throw new UserError('INVALID_BUDGET', `--budget expects a share of the rate limits between 0 and 1 (or 1%-100%), got "${text}"`);
  return share;
}

/** SIGTERM / SIGINT: finish the unit in flight, then exit 0. A second one exits at once. */
function installStopHandlers(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(EXIT_ERROR);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
