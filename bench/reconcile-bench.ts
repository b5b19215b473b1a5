// The reconcile loop's figures for `npm run bench`: time to composition with polling alone, heal
// time, calls per tick as a share of the rate limits, steady memory. Everything runs the real loop
// on the emulator's manual clock (bench/simulated-loop.ts): times are simulated seconds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaultConfig } from '../emulator/index.js';
import type { ReconcileLoopEvent } from '../core/pipeline/reconcile-loop.js';
import { DEFAULT_RATE_LIMITS } from '../core/model/desired.js';
import { shareOfLimits } from '../core/pipeline/reconcile-budget.js';
import { createRandom } from '../emulator/faults.js';
import { ROOT, runNode } from './child.js';
import { median, percentile } from './floor.js';
import { composedStageIndexes, stageArnOf, STOP_DELAY_MS, worldFor, type ProjectShape } from './project.js';
import { seconds } from './report.js';
import { runSimulatedLoop, type WorldEvent } from './simulated-loop.js';
import { runEventHintBench, type EventHintResults } from './event-hint-bench.js';

export interface LatencyFigure {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** One tick + the p95 start time (StartComposition to ACTIVE). */
  readonly targetMs: number;
  readonly pass: boolean;
}

export interface ReconcileBenchResults {
  readonly quick: boolean;
  readonly shape: ProjectShape;
  readonly tickMs: number;
  readonly startP50Ms: number;
  readonly startP95Ms: number;
  readonly timeToComposition: LatencyFigure;
  /** The same with the event hint: the Lambda handler on the emulator's events, on the real clock, no loop running. */
  readonly timeToCompositionEventHint: EventHintResults;
  /** After a destination FAILED: the composition is replaced start-first. */
  readonly healFailure: LatencyFigure;
  /** After a stop (as IVS's at the 24-hour limit): the restart waits for STOPPING to end. */
  readonly healStop: LatencyFigure;
  readonly stopMs: number;
  readonly callsPerTick: {
    readonly shape: ProjectShape;
    readonly tickMs: number;
    readonly calls: Readonly<Record<string, number>>;
    /** Share of each operation's full limit at that tick. */
    readonly limitShare: Readonly<Record<string, number>>;
    readonly budgetShare: number;
    readonly pass: boolean;
  };
  readonly memory: { readonly ticksA: number; readonly ticksB: number; readonly rssAMb: number; readonly rssBMb: number; readonly growth: number; readonly pass: boolean };
}

const SESSION_SPACING_MS = 60_000;
const STEADY_MEMORY_CHILD = fileURLToPath(new URL('./steady-memory-child.js', import.meta.url));
/** Fresh children per size, and readings per child (see measureMemory). */
const MEMORY_CHILDREN = 3;
const MEMORY_READINGS = 5;
const SESSION_LENGTH_MS = 30_000;

export async function runReconcileBench(options: { quick: boolean; faults: FaultConfig; log: (line: string) => void }): Promise<ReconcileBenchResults> {
  const shape: ProjectShape = options.quick ? { stages: 100, compositions: 10 } : { stages: 1000, compositions: 100 };
  const work = mkdtempSync(path.join(tmpdir(), 'stageform-bench-reconcile-'));
  try {
    // 1-2. Sessions on idle stages (whenIdle: skip), then failures and stops on live ones.
    const latency = await measureLatencies(work, shape, options.quick ? 20 : 50, options.log);
    // 1b. Time to composition with the event hint alone, on the real clock, at 1,000 stages.
    const eventHint = await runEventHintBench({
      shape: { stages: 1000, compositions: 100 },
      sessions: options.quick ? 10 : 50,
      faults: options.faults,
      dir: path.join(work, 'event-hint'),
      log: options.log,
    });
    // 3. Calls per tick at 1,000 stages / 100 compositions, all running.
    const calls = await measureCallsPerTick(work, { stages: 1000, compositions: 100 });
    options.log(`  reconcile: calls per tick ${JSON.stringify(calls.calls)} at a ${calls.tickMs / 1000} s tick`);
    // 4. Steady memory.
    const memory = await measureMemory(work, options.quick ? [200, 2000] : [1000, 10_000], options.log);
    return { quick: options.quick, shape, ...latency, timeToCompositionEventHint: eventHint, callsPerTick: calls, memory };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function measureLatencies(
  work: string,
  shape: ProjectShape,
  sessions: number,
  log: (line: string) => void,
): Promise<Omit<ReconcileBenchResults, 'quick' | 'shape' | 'timeToCompositionEventHint' | 'callsPerTick' | 'memory'>> {
  const dir = path.join(work, 'latency');
  const handle = await worldFor(dir, shape, false, 'skip');
  try {
    const random = createRandom(5);
    const composed = composedStageIndexes(shape);
    const began = handle.emulator.now();
    let tickMs = 0;
    const startMs: number[] = [];
    // Address -> the moment the thing to react to happened (a join, a failure), until the loop reacts.
    const waitingSince = new Map<string, number>();
    const toComposition: number[] = [];
    const healFailure: number[] = [];
    const healStop: number[] = [];
    const kindOf = new Map<string, 'failure' | 'stop'>();
    let phase: 'sessions' | 'heal' = 'sessions';
    const addressOf = (index: number): string => `stage-${index}/recording`;
    const events: WorldEvent[] = [];
    // Sessions: a publisher joins an idle stage at a random moment, leaves 30 s later.
    for (let i = 0; i < sessions; i++) {
      const index = composed[i % composed.length];
      const joinAt = began + 10_000 + i * SESSION_SPACING_MS + Math.floor(random() * 10_000);
      events.push({
        atMs: joinAt,
        label: 'join',
        apply: (schedule) => {
          const participantId = handle.emulator.joinParticipant(stageArnOf(index));
          waitingSince.set(addressOf(index), joinAt);
          schedule({ atMs: joinAt + SESSION_LENGTH_MS, label: 'leave', apply: () => handle.emulator.leaveParticipant(stageArnOf(index), participantId) });
        },
      });
    }
    // Then every composed stage goes live and stays live; failures and stops follow, one per 2 min.
    const healFrom = began + 10_000 + sessions * SESSION_SPACING_MS + 60_000;
    events.push({ atMs: healFrom, label: 'all live', apply: () => { phase = 'heal'; for (const index of composed) handle.emulator.joinParticipant(stageArnOf(index)); } });
    for (let i = 0; i < sessions; i++) {
      const index = composed[i % composed.length];
      const at = healFrom + 60_000 + i * SESSION_SPACING_MS + Math.floor(random() * 10_000);
      events.push({
        atMs: at,
        label: i % 2 === 0 ? 'destination failed' : 'stopped (as at the 24-hour limit)',
        apply: () => {
          const running = handle.emulator.compositions().find((c) => c.tags['stageform:address'] === addressOf(index) && c.state === 'ACTIVE');
          if (!running) return;
          if (i % 2 === 0) handle.emulator.setDestinationState(running.arn, 0, 'FAILED');
          else handle.emulator.stopCompositionExternally(running.arn);
          waitingSince.set(addressOf(index), at);
          kindOf.set(addressOf(index), i % 2 === 0 ? 'failure' : 'stop');
        },
      });
    }
    const untilMs = healFrom + 60_000 + sessions * SESSION_SPACING_MS + 30_000;
    const onEvent = (event: ReconcileLoopEvent, nowMs: number): void => {
      if (event.kind === 'start') tickMs = event.intervalMs;
      if (event.kind !== 'action') return;
      const r = event.result;
      if (r.outcome !== 'started' && r.outcome !== 'replaced') return;
      // IVS's part: StartComposition to ACTIVE (the destinations' start), from the emulator's record.
      const started = handle.emulator.compositions().find((c) => c.arn === r.arn);
      const activeAt = started?.destinations[0]?.startTime ? Date.parse(started.destinations[0].startTime) : nowMs;
      if (started?.startTime) startMs.push(activeAt - Date.parse(started.startTime));
      const since = waitingSince.get(r.address);
      if (since === undefined) return;
      waitingSince.delete(r.address);
      if (phase === 'sessions') toComposition.push(activeAt - since);
      else (kindOf.get(r.address) === 'stop' ? healStop : healFailure).push(activeAt - since);
    };
    const outcome = await runSimulatedLoop({ handle, dir, untilMs, onEvent, events });
    if (!outcome.ok) throw new Error(`bench project does not load: ${JSON.stringify(outcome.diagnostics)}`);
    // The heal phase begins with every stage going live at once: those starts are not heals.
    const startP95 = percentile(startMs, 95);
    const figure = (samples: number[], extraMs = 0): LatencyFigure => {
      const targetMs = tickMs + startP95 + extraMs;
      const p95Ms = percentile(samples, 95);
      return { samples: samples.length, p50Ms: percentile(samples, 50), p95Ms, targetMs, pass: samples.length > 0 && p95Ms <= targetMs };
    };
    const result = { tickMs, startP50Ms: percentile(startMs, 50), startP95Ms: startP95, timeToComposition: figure(toComposition), healFailure: figure(healFailure), healStop: figure(healStop, STOP_DELAY_MS), stopMs: STOP_DELAY_MS };
    log(`  reconcile: time to composition p95 ${result.timeToComposition.p95Ms} ms, heal p95 ${result.healFailure.p95Ms} / ${result.healStop.p95Ms} ms (tick ${tickMs} ms, start p95 ${startP95} ms)`);
    return result;
  } finally {
    await handle.stop();
  }
}

async function measureCallsPerTick(work: string, shape: ProjectShape): Promise<ReconcileBenchResults['callsPerTick']> {
  const dir = path.join(work, 'calls');
  const handle = await worldFor(dir, shape, true, 'skip');
  try {
    let tickMs = 0;
    let steady: Record<string, number> = {};
    await runSimulatedLoop({
      handle,
      dir,
      maxTicks: 3,
      onEvent: (event) => {
        if (event.kind === 'start') tickMs = event.intervalMs;
        if (event.kind === 'tick' && event.tick === 3) steady = Object.fromEntries(Object.entries(event.calls).map(([op, c]) => [op, c!.calls]));
      },
    });
    const limitShare = shareOfLimits(steady, DEFAULT_RATE_LIMITS, tickMs) as Record<string, number>;
    return { shape, tickMs, calls: steady, limitShare, budgetShare: 0.5, pass: Object.values(limitShare).every((s) => s <= 0.5) };
  } finally {
    await handle.stop();
  }
}

/**
 * RSS after ticksA and after ticksB ticks of the loop on a 10-stage world, measured so that only
 * the ticks differ between the two figures:
 *   - each reading comes from a fresh `node --expose-gc` child (bench/steady-memory-child.ts) that
 *     runs that many ticks and nothing else; in this process the earlier measurements' heap and the
 *     allocator's high-water mark were part of the figure (the 10,000-tick reading once came out 18%
 *     below the 1,000-tick one);
 *   - the child collects garbage before each of its readings and reports their median (the first
 *     collection after the loop leaves a few MB that the next one releases);
 *   - each size runs in MEMORY_CHILDREN children side by side, and the figure is their median: one
 *     child's heap sizing (a few % from process to process) does not decide the comparison.
 * RSS stays the measure (what a container's memory limit sees), not heap used.
 */
export async function measureMemory(work: string, [ticksA, ticksB]: [number, number], log: (line: string) => void): Promise<ReconcileBenchResults['memory']> {
  const rssAfter = async (ticks: number): Promise<number> => {
    const runs = await Promise.all(
      Array.from({ length: MEMORY_CHILDREN }, async (_, i) => {
        const dir = path.join(work, `memory-${ticks}-${i}`);
        const args = ['--expose-gc', STEADY_MEMORY_CHILD, dir, String(ticks), String(MEMORY_READINGS)];
        const run = await runNode(args, { cwd: ROOT, env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
        if (run.code !== 0) throw new Error(`steady-memory child (${ticks} ticks) exited ${run.code}: ${run.stderr.trim()}`);
        return (JSON.parse(run.stdout) as { rssMb: number }).rssMb;
      }),
    );
    const rssMb = median(runs);
    log(`  reconcile: RSS after ${ticks} ticks: ${rssMb.toFixed(1)} MB (median of ${runs.map((r) => r.toFixed(1)).join(', ')})`);
    return rssMb;
  };
  const rssAMb = await rssAfter(ticksA);
  const rssBMb = await rssAfter(ticksB);
  const growth = rssBMb / rssAMb - 1;
  return { ticksA, ticksB, rssAMb, rssBMb, growth, pass: growth <= 0.1 };
}

export function renderReconcileBench(r: ReconcileBenchResults): string {
  const ok = (pass: boolean): string => (pass ? 'ok' : 'MISSED');
  const latency = (name: string, f: LatencyFigure, target = 'tick + start'): string =>
    `${name}: p50 ${seconds(f.p50Ms)}, p95 ${seconds(f.p95Ms)} over ${f.samples} (target p95 <= ${target} = ${seconds(f.targetMs)} ${ok(f.pass)})`;
  const c = r.callsPerTick;
  const shares = Object.keys(c.limitShare)
    .sort()
    .map((op) => `${op} ${c.calls[op]} (${(c.limitShare[op] * 100).toFixed(1)}%)`)
    .join(', ');
  return [
    `reconcile loop (simulated time on the emulator's manual clock unless a row says otherwise; ${r.shape.stages} stages, ${r.shape.compositions} whenIdle: skip compositions${r.quick ? ', --quick' : ''}):`,
    `  tick ${seconds(r.tickMs)} (budget-derived), start (StartComposition to ACTIVE) p50 ${seconds(r.startP50Ms)}, p95 ${seconds(r.startP95Ms)}`,
    '  ' + latency('time to composition after the first publisher, polling alone', r.timeToComposition),
    ...renderEventHint(r.timeToCompositionEventHint),
    '  ' + latency('heal after a destination FAILED (replaced start-first)', r.healFailure),
    '  ' + latency('heal after a stop, as at the 24-hour limit (restart waits for STOPPING to end)', r.healStop, `tick + stop (${seconds(r.stopMs)}) + start`),
    `  calls per tick at ${c.shape.stages} stages / ${c.shape.compositions} compositions, ${seconds(c.tickMs)} tick, share of each limit: ${shares} (budget ${c.budgetShare * 100}% ${ok(c.pass)})`,
    `  steady memory: RSS ${r.memory.rssAMb.toFixed(1)} MB after ${r.memory.ticksA} ticks, ${r.memory.rssBMb.toFixed(1)} MB after ${r.memory.ticksB} (${(r.memory.growth * 100).toFixed(1)}%; each the median of ${MEMORY_CHILDREN} fresh processes, collected before reading; target <= 10% ${ok(r.memory.pass)})`,
    '',
  ].join('\n');
}

/** The event-hint row: on the real clock, unlike the rows around it, so it says so. */
export function renderEventHint(h: EventHintResults): string[] {
  const calls = Object.keys(h.callsPerSession)
    .sort()
    .map((op) => `${op} ${h.callsPerSession[op]}`)
    .join(', ');
  return [
    `  time to composition after the first publisher, event hint alone (real clock: IVS Stage Update -> the Lambda handler's targeted pass; ${h.shape.stages} stages / ${h.shape.compositions} compositions, the bench's latency and rate limits, no loop):` +
      ` p50 ${seconds(h.p50Ms)}, p95 ${seconds(h.p95Ms)} over ${h.samples} (target p95 <= start (p95 ${seconds(h.startP95Ms)}) + 1 s = ${seconds(h.targetMs)} ${h.pass ? 'ok' : 'MISSED'})`,
    `    handler: first (cold) invocation ${seconds(h.coldInvocationMs)}, warm starting pass p50 ${seconds(h.passP50Ms)}, p95 ${seconds(h.passP95Ms)} (it waits for ACTIVE); ${h.invocations} invocations, ${h.fullPasses} full passes, ${h.failedInvocations} failed; calls per session: ${calls || 'none'}`,
  ];
}
