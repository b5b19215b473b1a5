// What the bench found, as JSON-serialisable data, and the table printed for people.
import { totalCalls, type OperationCounts } from './floor.js';
import type { ReconcileBenchResults } from './reconcile-bench.js';

export interface ScenarioResult {
  readonly name: string;
  readonly runs: number;
  /** Median wall time, spawn to exit. */
  readonly wallMs: number;
  readonly wallRunsMs: readonly number[];
  /** Calls per operation in the median run. */
  readonly calls: OperationCounts;
  /** Throttled responses, worst run. */
  readonly throttled: number;
  /** Throttled responses per operation, all runs together. */
  readonly throttledBy: OperationCounts;
  /** calls / rate limit of the binding operation + one round trip, for the calls actually made. */
  readonly floorMs: number;
  readonly bindingOperation: string;
  readonly ratio?: number;
  /** The same floor for the fewest calls that could answer the question (see the README, "Performance"). */
  readonly idealFloorMs: number;
  /** Largest acceptable wall / floor. */
  readonly target?: number;
  readonly note?: string;
}

export interface BenchResults {
  readonly generatedAt: string;
  readonly quick: boolean;
  readonly machine: { readonly node: string; readonly cpus: number; readonly platform: string };
  readonly project: { readonly stages: number; readonly compositions: number; readonly changed: number; readonly files: number };
  readonly emulator: { readonly latency: string; readonly rateLimits: string; readonly startDelayMs: number };
  readonly scenarios: readonly ScenarioResult[];
  readonly planSpeedUpOverNaive: number;
  readonly startup: { readonly runs: number; readonly nodeMs: number; readonly versionMs: number; readonly ratio: number };
  readonly validate: { readonly runs: number; readonly files: number; readonly wallMs: number; readonly beyondNodeMs: number };
  readonly peakRss: { readonly planMaxMb: number; readonly runs: number; readonly method: string } | null;
  /** The reconcile loop's figures (simulated time). */
  readonly reconcile?: ReconcileBenchResults;
  readonly totalSeconds: number;
}

export const TARGETS = { speedUp: 20, startupRatio: 2, validateBeyondNodeMs: 1000, peakRssMb: 200 } as const;

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function verdict(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
}

/** `Op n, Op n`, operations sorted. */
function listCounts(counts: OperationCounts): string {
  return Object.keys(counts)
    .sort()
    .map((op) => `${op} ${counts[op]}`)
    .join(', ');
}

export function renderTable(r: BenchResults): string {
  const lines: string[] = [];
  lines.push(`stageform bench${r.quick ? ' (--quick)' : ''}: ${r.project.stages} stages, ${r.project.compositions} managed compositions, ${r.project.files} files`);
  lines.push(`emulator: ${r.emulator.latency}; ${r.emulator.rateLimits}; STARTING -> ACTIVE after ${r.emulator.startDelayMs} ms`);
  lines.push(`machine: node ${r.machine.node}, ${r.machine.cpus} CPUs, ${r.machine.platform}; walls are medians of the runs shown`);
  lines.push('');
  // ListParticipants has its own column: the idle rule must not cost a call per stage on every plan.
  const header = ['scenario', 'runs', 'calls', 'ListParticipants', 'throttled', 'wall', 'floor', 'wall/floor', 'target', 'ideal floor'];
  const rows = r.scenarios.map((s) => [
    s.name,
    String(s.runs),
    String(totalCalls(s.calls)),
    String(s.calls.ListParticipants ?? 0),
    String(s.throttled),
    seconds(s.wallMs),
    seconds(s.floorMs),
    s.ratio === undefined ? '-' : `${s.ratio.toFixed(2)}x`,
    s.target === undefined ? '-' : `<= ${s.target.toFixed(2)}x ${verdict(s.ratio !== undefined && s.ratio <= s.target && s.throttled === 0)}`,
    seconds(s.idealFloorMs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  lines.push(pad(header, widths));
  r.scenarios.forEach((s, i) => {
    lines.push(pad(rows[i], widths));
    const calls = listCounts(s.calls);
    const throttled = listCounts(s.throttledBy);
    lines.push(`    calls: ${calls}; floor set by ${s.bindingOperation || '-'}${throttled ? `; throttled (all runs): ${throttled}` : ''}${s.note ? `; ${s.note}` : ''}`);
  });
  lines.push('');
  lines.push(`plan (in sync) vs the naive script: ${r.planSpeedUpOverNaive.toFixed(1)}x faster (target >= ${TARGETS.speedUp}x ${verdict(r.planSpeedUpOverNaive >= TARGETS.speedUp)})`);
  lines.push(
    `start-up: stageform --version ${r.startup.versionMs.toFixed(0)} ms vs node -e 0 ${r.startup.nodeMs.toFixed(0)} ms = ${r.startup.ratio.toFixed(2)}x` +
      ` (median of ${r.startup.runs}; target <= ${TARGETS.startupRatio}x ${verdict(r.startup.ratio <= TARGETS.startupRatio)})`,
  );
  lines.push(
    `validate ${r.validate.files} manifests: ${r.validate.wallMs.toFixed(0)} ms, ${r.validate.beyondNodeMs.toFixed(0)} ms beyond node's start` +
      ` (median of ${r.validate.runs}; target < ${TARGETS.validateBeyondNodeMs} ms ${verdict(r.validate.beyondNodeMs < TARGETS.validateBeyondNodeMs)})`,
  );
  lines.push(
    r.peakRss
      ? `peak RSS of plan on ${r.project.stages} stages: ${r.peakRss.planMaxMb.toFixed(0)} MB (largest of ${r.peakRss.runs} runs, ${r.peakRss.method}; target <= ${TARGETS.peakRssMb} MB ${verdict(r.peakRss.planMaxMb <= TARGETS.peakRssMb)})`
      : 'peak RSS of plan: not measured (/usr/bin/time missing)',
  );
  lines.push(`bench took ${r.totalSeconds.toFixed(0)} s`);
  return lines.join('\n') + '\n';
}
