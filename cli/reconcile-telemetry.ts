// What operators see of the reconcile loop: one structured log line per tick and per action (pino:
// JSON, or the same fields as text), Prometheus metrics (prom-client: counters, histograms and the
// text exposition format are what scrapers read), and /healthz + /metrics on a loopback port.
import { createServer, type Server } from 'node:http';
import { isIP } from 'node:net';
import { pino, type Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ReconcileLoopEvent } from '../core/pipeline/reconcile-loop.js';
import { DRIFT_KINDS } from '../core/model/plan.js';
import type { OutputStream } from './io.js';
import { redact } from './report-error.js';

export type LogFormat = 'json' | 'text';

export function createReconcileLogger(stream: OutputStream, format: LogFormat): Logger {
  const destination = format === 'json' ? { write: (line: string) => stream.write(line) } : { write: (line: string) => stream.write(formatTextLine(line)) };
  return pino(
    {
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** `2026-11-30T04:00:00.000Z info  tick tick=3 status=in-sync ...`: the JSON line's fields, in its order. */
export function formatTextLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { time, level, msg, ...fields } = record;
  const rest = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`);
  return [String(time), String(level).padEnd(5), String(msg), ...rest].join(' ') + '\n';
}

/** One line per event; field names are stable (README "Running continuously"). */
export function logReconcileEvent(logger: Logger, event: ReconcileLoopEvent): void {
  switch (event.kind) {
    case 'start':
      logger.info(
        {
          event: 'start',
          project: event.project,
          policy: event.policy,
          intervalSeconds: event.intervalMs / 1000,
          minimumIntervalSeconds: event.minimumIntervalMs / 1000,
          budgetShare: event.budgetShare,
          callsPerTick: event.callsPerTick,
          limitShare: roundShares(event.limitShare),
          compositions: event.compositions,
        },
        'reconcile started',
      );
      return;
    case 'reload':
      if (event.ok) logger.info({ event: 'reload', tick: event.tick }, 'manifests changed: loaded again');
      else logger.warn({ event: 'reload', tick: event.tick, errors: event.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`) }, 'manifests changed but do not load: keeping the last good ones');
      return;
    case 'action': {
      const r = event.result;
      const fields = {
        event: 'action',
        tick: event.tick,
        address: r.address,
        action: r.action,
        outcome: r.outcome,
        ...(r.arn ? { arn: r.arn } : {}),
        ...(r.stoppedArn ? { stoppedArn: r.stoppedArn } : {}),
        ...(r.adopted ? { adopted: true } : {}),
        ...(r.error ? { errorCode: r.error.code, error: redact(r.error.message) } : {}),
        ...(r.skippedBecause ? { skippedBecause: r.skippedBecause } : {}),
        durationMs: r.durationMs,
      };
      if (r.outcome === 'failed') logger.warn(fields, 'action');
      else logger.info(fields, 'action');
      return;
    }
    case 'tick': {
      const { result } = event;
      logger.info(
        {
          event: 'tick',
          tick: event.tick,
          status: result.status,
          durationMs: event.durationMs,
          applied: result.applied.length,
          failed: result.applied.filter((r) => r.outcome === 'failed').length,
          held: result.held.map((h) => (h.retryAtMs !== undefined ? { address: h.address, action: h.action, reason: h.reason, retryAt: new Date(h.retryAtMs).toISOString() } : { address: h.address, action: h.action, reason: h.reason })),
          drift: result.drift.length,
          driftByKind: Object.fromEntries(Object.entries(result.driftByKind).filter(([, n]) => n > 0)),
          backoff: event.backoff,
          calls: Object.fromEntries(Object.entries(event.calls).map(([op, c]) => [op, c!.calls])),
          ...(result.interrupted ? { interrupted: true } : {}),
        },
        'tick',
      );
      return;
    }
    case 'tick-error':
      logger.error({ event: 'tick-error', tick: event.tick, durationMs: event.durationMs, errorCode: event.code, error: redact(event.message) }, 'tick failed');
      return;
    case 'stop':
      logger.info({ event: 'stop', ticks: event.ticks }, 'reconcile stopped');
      return;
  }
}

function roundShares(shares: Record<string, number | undefined>): Record<string, number> {
  return Object.fromEntries(Object.entries(shares).map(([k, v]) => [k, Math.round((v ?? 0) * 10_000) / 10_000]));
}

/** The loop's Prometheus metrics, in a registry of their own (base units, `_total` counters). */
export class ReconcileMetrics {
  readonly registry = new Registry();
  private readonly ticks = new Counter({ name: 'stageform_reconcile_ticks_total', help: 'Reconcile ticks by result (in-sync, remaining, error)', labelNames: ['result'], registers: [this.registry] });
  private readonly tickSeconds = new Histogram({
    name: 'stageform_reconcile_duration_seconds',
    help: 'Time one tick took (observe, plan, apply)',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  private readonly actions = new Counter({ name: 'stageform_reconcile_actions_total', help: 'Actions applied, by action and outcome', labelNames: ['action', 'result'], registers: [this.registry] });
  private readonly drift = new Gauge({ name: 'stageform_reconcile_drift', help: 'Drift records at the last tick, by kind', labelNames: ['kind'], registers: [this.registry] });
  private readonly held = new Gauge({ name: 'stageform_reconcile_held_changes', help: 'Changes wanted but not applied at the last tick, by reason', labelNames: ['reason'], registers: [this.registry] });
  private readonly calls = new Counter({ name: 'stageform_api_calls_total', help: 'IVS API calls made by the loop, by operation', labelNames: ['operation'], registers: [this.registry] });
  private readonly throttles = new Counter({ name: 'stageform_api_throttles_total', help: 'IVS API calls throttled after retries, by operation', labelNames: ['operation'], registers: [this.registry] });
  private readonly backoff = new Gauge({ name: 'stageform_reconcile_backoff_addresses', help: 'Addresses resting in backoff after failures', registers: [this.registry] });
  private readonly interval = new Gauge({ name: 'stageform_reconcile_interval_seconds', help: 'The tick', registers: [this.registry] });
  private readonly budget = new Gauge({ name: 'stageform_reconcile_budget_share', help: 'Share of each rate limit the loop may use', registers: [this.registry] });
  private readonly lastTick = new Gauge({ name: 'stageform_reconcile_last_tick_timestamp_seconds', help: 'When the last tick ended (Unix time)', registers: [this.registry] });

  constructor() {
    for (const kind of DRIFT_KINDS) this.drift.set({ kind }, 0);
    this.backoff.set(0);
  }

  record(event: ReconcileLoopEvent, nowMs: number): void {
    switch (event.kind) {
      case 'start':
        this.interval.set(event.intervalMs / 1000);
        this.budget.set(event.budgetShare);
        return;
      case 'action':
        this.actions.inc({ action: event.result.action, result: event.result.outcome });
        return;
      case 'tick': {
        this.ticks.inc({ result: event.result.status });
        this.tickSeconds.observe(event.durationMs / 1000);
        for (const [kind, n] of Object.entries(event.result.driftByKind)) this.drift.set({ kind }, n);
        this.held.reset();
        for (const h of event.result.held) this.held.inc({ reason: h.reason });
        this.backoff.set(event.backoff);
        this.countCalls(event.calls);
        this.lastTick.set(nowMs / 1000);
        return;
      }
      case 'tick-error':
        this.ticks.inc({ result: 'error' });
        this.tickSeconds.observe(event.durationMs / 1000);
        this.countCalls(event.calls);
        this.lastTick.set(nowMs / 1000);
        return;
      case 'reload':
      case 'stop':
        return;
    }
  }

  private countCalls(calls: Extract<ReconcileLoopEvent, { kind: 'tick' }>['calls']): void {
    for (const [operation, c] of Object.entries(calls)) {
      this.calls.inc({ operation }, c!.calls);
      if (c!.throttled > 0) this.throttles.inc({ operation }, c!.throttled);
    }
  }
}

export interface HealthState {
  /** The loop is running and its last tick (or its start) is recent enough. */
  isAlive(): boolean;
}

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** `9464`, `127.0.0.1:9464`, `[::1]:9464`, `localhost:9464`; the host defaults to loopback. */
export function parseListen(text: string): ListenAddress | undefined {
  const m = /^(?:(\[[^\]]+\]|[^:]+):)?(\d{1,5})$/.exec(text.trim());
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port > 65535) return undefined;
  const host = m[1] ? m[1].replace(/^\[|\]$/g, '') : '127.0.0.1';
  if (m[1]?.startsWith('[') ? isIP(host) !== 6 : isIP(host) === 0 && !HOST_NAME.test(host)) return undefined;
  return { host, port };
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** /healthz (200 while alive, else 503) and /metrics; resolves once listening, with the bound port. */
export async function startOpsServer(address: ListenAddress, metrics: ReconcileMetrics, health: HealthState): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405).end();
    } else if (path === '/healthz') {
      const alive = health.isAlive();
      res.writeHead(alive ? 200 : 503, { 'content-type': 'text/plain' }).end(alive ? 'ok\n' : 'not ticking\n');
    } else if (path === '/metrics') {
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address();
  const port = typeof bound === 'object' && bound ? bound.port : address.port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
