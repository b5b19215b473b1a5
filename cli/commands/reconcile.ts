// `stageform reconcile [DIR]`: the long-running loop (core/pipeline/reconcile-loop.ts), or one pass
// with --once. This module wires the edges: connection, clock, signals, logs, metrics, exit codes.
import { resolve } from 'node:path';
import { UserError } from '../../core/model/diagnostics.js';
import { sleepFor } from '../../core/util/sleep.js';
import type { ProjectSettings } from '../../core/model/desired.js';
import { DEFAULT_BUDGET_SHARE, budgetRateLimits } from '../../core/pipeline/reconcile-budget.js';
import { runReconcileLoop, type CallCount, type ReconcileLoopEvent } from '../../core/pipeline/reconcile-loop.js';
import { countCalls, type CallOutcome } from '../../core/ivs/counted-api.js';
import type { IvsOperation } from '../../core/ivs/ivs-api.js';
import { reconcileOnce } from '../../core/pipeline/reconcile-pass.js';
import type { PipelineConnection } from '../../core/pipeline/plan-pass.js';
import type { ReconcilePolicy } from '../../core/pipeline/reconcile-policy.js';
import { connect, type Connection } from '../connect.js';
import { parseDuration, parseTimeout } from '../duration.js';
import { EXIT_CHANGES, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, type CliIo } from '../io.js';
import { DEFAULT_PARALLELISM } from '../plan-pass-edges.js';
import { installStopSignals, type StopSignals } from '../stop-signals.js';
import { reportError } from '../report-error.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { createReconcileLogger, logReconcileEvent, parseListen, ReconcileMetrics, startOpsServer, type ListenAddress, type LogFormat } from '../reconcile-telemetry.js';

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
  const stop = io.signal ? { signal: io.signal, dispose: () => {} } : installStopHandlers(io);
  try {
    return await reconcileCommand(resolve(io.cwd, dir), opts, io, stop.signal);
  } catch (error) {
    return reportError(io, error);
  } finally {
    stop.dispose();
  }
}

async function reconcileCommand(dir: string, opts: ReconcileCommandOptions, io: CliIo, signal: AbortSignal): Promise<number> {
  const flags = readReconcileFlags(opts);
  const { policy, budgetShare, parallelism, waitTimeoutMs } = flags;
  const connections = createConnector(opts, io, parallelism);

  try {
    if (opts.once) {
      // One pass: 0 in sync, 2 something remains that the policy does not fix, 1 an error.
      const calls: Partial<Record<IvsOperation, CallCount>> = {};
      const count = (op: IvsOperation, outcome: CallOutcome): void => {
        const c = calls[op] ?? { calls: 0, throttled: 0, errors: 0 };
        calls[op] = { calls: c.calls + 1, throttled: c.throttled + (outcome === 'throttled' ? 1 : 0), errors: c.errors + (outcome === 'error' ? 1 : 0) };
      };
      const outcome = await reconcileOnce(
        { dir, policy, keys: opts.target ?? [], parallelism, waitTimeoutMs, signal },
        {
          cwd: io.cwd,
          signal,
          connect: async (settings) => {
            const connection = await connections.open({ ...settings, rateLimits: budgetRateLimits(settings.rateLimits, budgetShare) });
            return { ...connection, apiFor: (region) => countCalls(connection.apiFor(region), count), close: () => connection.close() };
          },
        },
      );
      if (!outcome.ok) {
        printDiagnostics(io, outcome.diagnostics, opts.color);
        return EXIT_ERROR;
      }
      const logger = createReconcileLogger(io.stdout, flags.logFormat);
      for (const result of outcome.result.applied) logReconcileEvent(logger, { kind: 'action', tick: 1, result });
      logReconcileEvent(logger, { kind: 'tick', tick: 1, durationMs: outcome.result.durationMs, result: outcome.result, calls, backoff: outcome.result.held.filter((h) => h.reason === 'backoff').length });
      return outcome.result.status === 'in-sync' ? EXIT_OK : EXIT_CHANGES;
    }
    return await runLoop(dir, opts, io, signal, flags, connections);
  } finally {
    await connections.closeAll();
  }
}

async function runLoop(
  dir: string,
  opts: ReconcileCommandOptions,
  io: CliIo,
  signal: AbortSignal,
  flags: ReconcileFlags,
  connections: Connector,
): Promise<number> {
  const { policy, budgetShare, parallelism, waitTimeoutMs, intervalMs } = flags;
  const logger = createReconcileLogger(io.stdout, flags.logFormat);
  const metrics = new ReconcileMetrics();
  // Alive: started, not stopped, and the last tick ended recently (a tick may wait for a start).
  let lastProgressMs: number | undefined;
  let tickMs = intervalMs ?? 0;
  let stopped = false;
  const health = { isAlive: () => !stopped && lastProgressMs !== undefined && Date.now() - lastProgressMs <= 3 * tickMs + waitTimeoutMs };
  let ops: Awaited<ReturnType<typeof startOpsServer>> | undefined;
  const address = flags.listen;
  if (address !== undefined) {
    try {
      ops = await startOpsServer(address, metrics, health);
    } catch (error) {
      throw new UserError('CANNOT_LISTEN', `cannot listen on ${address.host}:${address.port} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
        hint: 'pick a free port (--listen 0 takes any free one), or a host name or address of this machine',
      });
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
      { connect: (settings) => connections.open(settings), now: Date.now, sleep: sleepFor, signal, onEvent },
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
  open(settings: ProjectSettings): Promise<PipelineConnection>;
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
    async open(settings) {
      if (opts.local) return connect(settings, options, io);
      const key = JSON.stringify([settings.rateLimits, settings.region]);
      if (kept?.key !== key) {
        await kept?.connection.close();
        kept = { key, connection: await connect(settings, options, io) };
      }
      const connection = kept.connection;
      return { apiFor: (r: string) => connection.apiFor(r), endpoint: connection.endpoint, region: connection.region, close: async () => {} };
    },
    async closeAll() {
      await kept?.connection.close();
      kept = undefined;
    },
  };
}

/** Every flag's value, as the command uses it. */
export interface ReconcileFlags {
  readonly policy: ReconcilePolicy;
  readonly budgetShare: number;
  readonly parallelism: number;
  readonly waitTimeoutMs: number;
  /** The loop's tick; undefined: the shortest the budget allows. */
  readonly intervalMs?: number;
  readonly listen?: ListenAddress;
  readonly logFormat: LogFormat;
}

/**
 * Reads every flag before anything is loaded, connected or called: a bad value or a flag the
 * mode ignores is one error line with a hint, not a surprise after the first tick (or never,
 * for a flag --once would drop).
 */
export function readReconcileFlags(opts: ReconcileCommandOptions): ReconcileFlags {
  if (opts.heal && opts.sync) throw new UserError('CONFLICTING_POLICY', '--heal and --sync cannot be used together', { hint: '--heal (the default) starts and restarts; --sync applies the whole plan' });
  if (opts.once) {
    const loopFlag = opts.interval !== undefined ? '--interval' : opts.listen !== undefined ? '--listen' : undefined;
    if (loopFlag) throw new UserError('LOOP_FLAG_WITH_ONCE', `${loopFlag} is for the loop; --once runs one pass and exits`, { hint: `drop ${loopFlag}, or drop --once to run the loop` });
  } else if ((opts.target ?? []).length > 0) {
    throw new UserError('TARGET_WITHOUT_ONCE', '--target limits one pass (--once); the loop always reconciles the whole project', { hint: 'add --once, or drop --target' });
  }
  const intervalMs = opts.interval !== undefined ? parseDuration(opts.interval, '--interval') : undefined;
  if (intervalMs !== undefined && intervalMs < 1000) throw new UserError('INVALID_INTERVAL', `--interval must be at least 1s, got "${opts.interval}"`, { hint: 'e.g. --interval 30s; without it the loop picks the shortest tick the budget allows' });
  const waitTimeoutMs = parseTimeout(opts.waitTimeout ?? '2m', '--wait-timeout');
  let listen: ListenAddress | undefined;
  if (opts.listen !== undefined) {
    listen = parseListen(opts.listen);
    if (!listen) throw new UserError('INVALID_LISTEN', `--listen expects PORT or HOST:PORT, got "${opts.listen}"`, { hint: 'e.g. --listen 9464 (127.0.0.1:9464), or --listen 0.0.0.0:9464 in a container' });
  }
  return {
    policy: opts.sync ? 'sync' : 'heal',
    budgetShare: parseBudget(opts.budget),
    parallelism: opts.parallelism ?? DEFAULT_PARALLELISM,
    waitTimeoutMs,
    intervalMs,
    listen,
    logFormat: opts.logFormat ?? 'json',
  };
}

/** `0.5`, `50%`: the share of each rate limit the loop may use. */
function parseBudget(text: string | undefined): number {
  if (text === undefined) return DEFAULT_BUDGET_SHARE;
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  const share = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(share > 0 && share <= 1)) {
    throw new UserError('INVALID_BUDGET', `--budget expects a share of the rate limits between 0 and 1 (or 1%-100%), got "${text}"`, { hint: 'e.g. --budget 0.5 or --budget 50% (the default)' });
  }
  return share;
}

/** SIGTERM / SIGINT: finish the unit in flight, then exit 0. A second one exits at once. */
function installStopHandlers(io: CliIo): StopSignals {
  return installStopSignals(
    () => io.stderr.write('Stopping: finishing the unit in flight (signal again to exit now)...\n'),
    () => io.exit?.(EXIT_INTERRUPTED),
  );
}
