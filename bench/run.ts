// `npm run bench [-- --quick]`: stageform's speed as a ratio to the API's rate-limit floor, in one
// run, against the local emulator with the published rate limits and a realistic latency on.
// Writes bench/results.json (with --quick, a file in the temp directory) and prints a table.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator, type EmulatorHandle, type FaultConfig } from '../emulator/index.js';
import { BIN, canMeasureRss, cliEnv, ROOT, runNode, type ChildRun } from './child.js';
import { computeFloor, computeRatio, median, totalCalls, type OperationCounts } from './floor.js';
import { runNaiveScript } from './naive.js';
import { editManifests, REGION, seedFor, writeBenchProject, type ProjectShape } from './project.js';
import { renderTable, type BenchResults, type ScenarioResult } from './report.js';
import { renderReconcileBench, runReconcileBench } from './reconcile-bench.js';

interface BenchConfig {
  readonly quick: boolean;
  readonly shape: ProjectShape;
  readonly changed: number;
  readonly apiRuns: number;
  readonly startupRuns: number;
  readonly validateRuns: number;
}

const LATENCY_MS = 15;
const JITTER_MS = 20;
/** Mean of the injected latency: one round trip. */
const ROUND_TRIP_MS = LATENCY_MS + JITTER_MS / 2;
const FAULTS: FaultConfig = { '*': { latencyMs: LATENCY_MS, jitterMs: JITTER_MS, rateLimit: true } };
const LIST_PAGE = 100;

/** `--quick` or nothing; anything else throws before any work starts. */
function configFrom(argv: readonly string[]): BenchConfig {
  const { quick } = parseArgs({ args: [...argv], options: { quick: { type: 'boolean', default: false } } }).values;
  return quick
    ? { quick, shape: { stages: 100, compositions: 10 }, changed: 1, apiRuns: 1, startupRuns: 3, validateRuns: 1 }
    : { quick, shape: { stages: 1000, compositions: 100 }, changed: 10, apiRuns: 3, startupRuns: 9, validateRuns: 5 };
}

async function main(): Promise<number> {
  const config = configFrom(process.argv.slice(2));
  const { shape } = config;
  const began = performance.now();
  const work = mkdtempSync(path.join(tmpdir(), 'stageform-bench-'));
  const projectDir = path.join(work, 'project');
  const home = path.join(work, 'home');
  for (const d of [projectDir, home]) mkdirSync(d);
  let handle: EmulatorHandle | undefined;
  try {
    const project = writeBenchProject(projectDir, shape);
    const seed = seedFor(shape);
    handle = await startEmulator({
      seed,
      quotas: { compositionsPerAccount: Math.max(20, shape.compositions * 2) },
      startDelayMs: 1000,
      stopDelayMs: 1000,
      randomSeed: 7,
    });
    const { emulator, endpoint } = handle;
    const env = cliEnv(endpoint, { HOME: home, AWS_REGION: REGION });
    const log = (line: string): void => void process.stderr.write(line + '\n');
    log(`bench: ${shape.stages} stages, ${shape.compositions} compositions, emulator at ${endpoint}${config.quick ? ' (quick)' : ''}`);

    /** Fresh counters and full token buckets, as after a second of quiet on a real account. */
    const quiet = (): void => {
      emulator.configureFaults(FAULTS);
      emulator.resetCounters();
    };
    const freshWorld = (): void => {
      emulator.reset();
      emulator.seed(seed);
      quiet();
    };
    const countsNow = (): { calls: OperationCounts; throttled: number; throttledBy: OperationCounts } => {
      const counts = emulator.callCounts();
      return { calls: counts.calls, throttled: totalCalls(counts.throttled), throttledBy: counts.throttled };
    };

    const measureCli = async (name: string, args: readonly string[], expectCode: number, before?: () => void): Promise<ScenarioRun> => {
      before?.();
      quiet();
      const run = await runNode([BIN, ...args], { cwd: projectDir, env, measureRss: true });
      if (run.code !== expectCode) throw new Error(`${name}: exit ${run.code}, expected ${expectCode}\n${run.stderr.slice(0, 2000)}`);
      const counts = countsNow();
      log(`  ${name}: ${(run.wallMs / 1000).toFixed(2)} s, ${totalCalls(counts.calls)} calls, ${counts.throttled} throttled`);
      return { run, ...counts };
    };

    const scenarios: ScenarioResult[] = [];
    const listPages = (n: number): number => Math.max(1, Math.ceil(n / LIST_PAGE));

    // 1. apply from empty (each run on a fresh world with only the stages).
    const applyRuns: ScenarioRun[] = [];
    for (let i = 0; i < config.apiRuns; i++) {
      applyRuns.push(await measureCli('apply from empty', ['apply', '--auto-approve', '--no-color', projectDir], 0, freshWorld));
      const active = emulator.compositions().filter((c) => c.state === 'ACTIVE').length;
      if (active !== shape.compositions) throw new Error(`apply left ${active} ACTIVE compositions, expected ${shape.compositions}`);
    }
    scenarios.push(
      summarize('apply --auto-approve, from empty', applyRuns, { ListStages: listPages(shape.stages), ListCompositions: 1, StartComposition: shape.compositions, ...PREFLIGHT_READS }, 1.2),
    );

    // 2. plan with everything in sync (what the last apply started).
    const syncRuns: ScenarioRun[] = [];
    for (let i = 0; i < config.apiRuns; i++) {
      syncRuns.push(await measureCli('plan, in sync', ['plan', '--detailed-exitcode', '--no-color', projectDir], 0));
    }
    const planSync = summarize('plan, all in sync', syncRuns, { ListStages: listPages(shape.stages), ListCompositions: listPages(shape.compositions) }, 1.15);

    // 2b. The same plan on a busy runner: two CPU-bound processes beside it, one per core here.
    const busyRuns: ScenarioRun[] = [];
    const burners = startCpuBurners(2);
    try {
      for (let i = 0; i < config.apiRuns; i++) {
        busyRuns.push(await measureCli('plan, in sync, 2 CPU burners', ['plan', '--detailed-exitcode', '--no-color', projectDir], 0));
      }
    } finally {
      stopCpuBurners(burners);
    }
    const planBusy = summarize(
      'plan, all in sync, 2 CPU-bound processes beside it',
      busyRuns,
      { ListStages: listPages(shape.stages), ListCompositions: listPages(shape.compositions) },
      1.1,
    );

    // 3. plan with some manifests changed (a layout edit: replace).
    const restore = editManifests(project, config.changed);
    const changedRuns: ScenarioRun[] = [];
    try {
      for (let i = 0; i < config.apiRuns; i++) {
        changedRuns.push(await measureCli(`plan, ${config.changed} changed`, ['plan', '--detailed-exitcode', '--no-color', projectDir], 2));
      }
    } finally {
      restore();
    }
    const planChanged = summarize(
      `plan, ${Math.round((config.changed / shape.compositions) * 100)}% changed`,
      changedRuns,
      { ListStages: listPages(shape.stages), ListCompositions: listPages(shape.compositions), GetComposition: config.changed, ...PREFLIGHT_READS },
      1.15,
    );
    scenarios.push(planSync, planBusy, planChanged);

    // 4. The naive script, once: it takes minutes at full size.
    quiet();
    log(`  naive script over ${shape.stages} stages (one call at a time)...`);
    const naive = await runNaiveScript(endpoint, REGION, project.stageArns);
    const naiveCounts = countsNow();
    log(`  naive script: ${(naive.wallMs / 1000).toFixed(1)} s, ${totalCalls(naiveCounts.calls)} calls, ${naiveCounts.throttled} throttled`);
    const naiveFloor = computeFloor(naiveCounts.calls, ROUND_TRIP_MS);
    scenarios.push({
      name: 'naive script (GetStage, ListCompositions, GetComposition per stage)',
      runs: 1,
      wallMs: naive.wallMs,
      wallRunsMs: [naive.wallMs],
      calls: naiveCounts.calls,
      throttled: naiveCounts.throttled,
      throttledBy: naiveCounts.throttledBy,
      floorMs: naiveFloor.floorMs,
      bindingOperation: naiveFloor.bindingOperation,
      ratio: computeRatio(naive.wallMs, naiveFloor.floorMs),
      idealFloorMs: computeFloor({ ListStages: listPages(shape.stages), ListCompositions: listPages(shape.compositions) }, ROUND_TRIP_MS).floorMs,
      note: `${naive.gaveUp} calls re-sent after the SDK's retries gave up`,
    });

    // 5. Start-up and local work (no API calls), interleaved so load drifts hit both alike.
    const nodeMs: number[] = [];
    const versionMs: number[] = [];
    for (let i = 0; i < config.startupRuns; i++) {
      nodeMs.push((await expectOk(runNode(['-e', '0'], { cwd: ROOT, env }))).wallMs);
      versionMs.push((await expectOk(runNode([BIN, '--version'], { cwd: ROOT, env }))).wallMs);
    }
    const validateMs: number[] = [];
    for (let i = 0; i < config.validateRuns; i++) {
      validateMs.push((await expectOk(runNode([BIN, 'validate', '--no-color', projectDir], { cwd: ROOT, env }))).wallMs);
    }
    // 6. The reconcile loop, on the emulator's manual clock (its own worlds), and the event hint on the real clock.
    log('  reconcile loop (simulated time) and the event hint (real time)...');
    const reconcile = await runReconcileBench({ quick: config.quick, faults: FAULTS, log });

    const planRss = [...syncRuns, ...changedRuns].map((r) => r.run.peakRssMb).filter((x): x is number => x !== undefined);

    const results: BenchResults = {
      generatedAt: new Date().toISOString(),
      quick: config.quick,
      machine: { node: process.version, cpus: cpus().length, platform: `${process.platform}-${process.arch}` },
      project: { ...shape, changed: config.changed, files: shape.stages + 1 },
      emulator: {
        latency: `${ROUND_TRIP_MS} ms ± ${JITTER_MS / 2} ms per call (uniform ${LATENCY_MS}-${LATENCY_MS + JITTER_MS} ms)`,
        rateLimits: 'published: 5 requests/s per composition and stage operation, 10/s per tag operation',
        startDelayMs: 1000,
      },
      scenarios,
      planSpeedUpOverNaive: naive.wallMs / planSync.wallMs,
      startup: {
        runs: config.startupRuns,
        nodeMs: median(nodeMs),
        versionMs: median(versionMs),
        ratio: median(versionMs) / median(nodeMs),
      },
      validate: { runs: config.validateRuns, files: shape.stages, wallMs: median(validateMs), beyondNodeMs: median(validateMs) - median(nodeMs) },
      peakRss: planRss.length > 0 ? { planMaxMb: Math.max(...planRss), runs: planRss.length, method: '/usr/bin/time -f %M (kernel ru_maxrss of the CLI process)' } : null,
      reconcile,
      totalSeconds: (performance.now() - began) / 1000,
    };
    // A smoke run must not overwrite the committed figures.
    const out = config.quick ? path.join(tmpdir(), 'stageform-bench-quick.json') : path.join(ROOT, 'bench', 'results.json');
    writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
    process.stdout.write(renderTable(results));
    process.stdout.write('\n' + renderReconcileBench(reconcile));
    process.stdout.write(`\nwritten to ${config.quick ? out : path.relative(ROOT, out)}\n`);
    if (!canMeasureRss()) process.stdout.write('peak RSS not measured: /usr/bin/time is not installed\n');
    return 0;
  } finally {
    await handle?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

interface ScenarioRun {
  readonly run: ChildRun;
  readonly calls: OperationCounts;
  readonly throttled: number;
  readonly throttledBy: OperationCounts;
}

/** Preflight's reads when compositions start: the one encoder and one storage configuration every bench manifest names. */
const PREFLIGHT_READS: OperationCounts = { GetEncoderConfiguration: 1, GetStorageConfiguration: 1 };

/** The median run by wall time carries the scenario's call counts (they barely vary between runs). */

function summarize(name: string, runs: readonly ScenarioRun[], idealCalls: OperationCounts, target: number): ScenarioResult {
  const walls = runs.map((r) => r.run.wallMs);
  const wallMs = median(walls);
  const byWall = [...runs].sort((a, b) => a.run.wallMs - b.run.wallMs);
  const middle = byWall[Math.floor((byWall.length - 1) / 2)];
  const floor = computeFloor(middle.calls, ROUND_TRIP_MS);
  return {
    name,
    runs: runs.length,
    wallMs,
    wallRunsMs: walls,
    calls: middle.calls,
    throttled: Math.max(...runs.map((r) => r.throttled)),
    throttledBy: sumCounts(runs.map((r) => r.throttledBy)),
    floorMs: floor.floorMs,
    bindingOperation: floor.bindingOperation,
    ratio: computeRatio(wallMs, floor.floorMs),
    idealFloorMs: computeFloor(idealCalls, ROUND_TRIP_MS).floorMs,
    target,
  };
}

function sumCounts(all: readonly OperationCounts[]): OperationCounts {
  const sum: Record<string, number> = {};
  for (const counts of all) for (const [op, n] of Object.entries(counts)) sum[op] = (sum[op] ?? 0) + n;
  return sum;
}

/** Node processes that spin until killed: a busy CI runner's neighbours. */
function startCpuBurners(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

function stopCpuBurners(burners: readonly ChildProcess[]): void {
  for (const burner of burners) burner.kill('SIGKILL');
}

async function expectOk(pending: Promise<ChildRun>): Promise<ChildRun> {
  const run = await pending;
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr.slice(0, 2000)}`);
  return run;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
