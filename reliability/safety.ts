// Scenario: apply never takes a show off the air. Signals at random points after the stop of a
// stop-first replacement; StartComposition failing after the stop (4xx and 5xx) and the rollback;
// restart cycles where the API remembers tokens of compositions gone from the listings; and an
// endpoint that accepts connections and never answers.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { cliEnv, runBuiltCli } from '../bench/child.js';
import {
  createRandom,
  delay,
  duplicateAddresses,
  figure,
  pickInt,
  runningPerAddress,
  ScratchProject,
  stageIds,
  startApply,
  startRecordingEmulator,
  startWorld,
  twoPerStage,
  until,
  worldSeed,
  type Figure,
  type RecordingEmulator,
} from './harness.js';

export interface SafetyOptions {
  /** Runs of each kind: signals, start failures, restart cycles. */
  readonly runs: number;
  /** --request-timeout for the silent endpoint (the bound is 5 attempts of it plus back-off). */
  readonly requestTimeoutSeconds: number;
  readonly randomSeed?: number;
}

const SCENARIO = 'safety';
const STAGES = 2;

/** The SDK's back-off between the 5 attempts (about 1.5 s at most) and the CLI's own start-up. */
const BOUND_ALLOWANCE_MS = 5_000;

export async function runSafetyScenario(options: SafetyOptions): Promise<Figure[]> {
  const random = createRandom(options.randomSeed ?? 17);
  return [...(await signalsAfterStop(options.runs, random)), ...(await startFailuresAfterStop(options.runs)), ...(await restartCycles(options.runs)), ...(await silentEndpoint(options.requestTimeoutSeconds))];
}

/** Only the programs (channel + S3: replaced stop-first), with a grid gap. */
function programs(ids: readonly string[], gap: number): ReturnType<typeof twoPerStage> {
  return twoPerStage(ids, () => gap, (_, name) => name === 'program');
}

function darkAddresses(emulator: RecordingEmulator, addresses: readonly string[]): string[] {
  const running = runningPerAddress(emulator.handle);
  return addresses.filter((a) => (running.get(a)?.length ?? 0) === 0);
}

async function signalsAfterStop(runs: number, random: () => number): Promise<Figure[]> {
  const ids = stageIds(STAGES);
  const emulator = await startWorld(ids, 5);
  const project = new ScratchProject();
  try {
    let addresses = project.write(programs(ids, 3));
    await startApply(project, emulator).done;
    const dark: string[] = [];
    const duplicates: string[] = [];
    let interrupted = 0;
    const stops = (): number => emulator.handle.emulator.callCounts().calls.StopComposition ?? 0;
    for (let run = 0; run < runs; run++) {
      addresses = project.write(programs(ids, 4 + (run % 2)));
      // Slow enough that a signal lands in the stop, the wait for STOPPED or the start.
      emulator.handle.emulator.configureFaults({ StopComposition: { latencyMs: pickInt(random, 0, 300) }, StartComposition: { latencyMs: 200 } });
      const before = stops();
      const apply = startApply(project, emulator);
      await until(() => stops() > before || apply.child.exitCode !== null, 20_000);
      await delay(pickInt(random, 0, 400));
      apply.child.kill(random() < 0.5 ? 'SIGINT' : 'SIGTERM');
      const result = await apply.done;
      if (result.code === 130) interrupted++;
      for (const a of darkAddresses(emulator, addresses)) dark.push(`run ${run}: ${a} (exit ${result.code})`);
      for (const d of duplicateAddresses(emulator.handle)) duplicates.push(`run ${run}: ${d}`);
      emulator.handle.emulator.configureFaults({});
      // Converge before the next run (an interrupt may have skipped a stage's change).
      await startApply(project, emulator).done;
    }
    return [
      figure(SCENARIO, 'signals after a stop-first stop: runs interrupted (exit 130)', `${interrupted} of ${runs}`, `> 0`, interrupted > 0),
      figure(SCENARIO, 'signals after the stop: addresses left without a composition', dark.length, '0', dark.length === 0, dark),
      figure(SCENARIO, 'signals after the stop: duplicates', duplicates.length, '0', duplicates.length === 0, duplicates),
    ];
  } finally {
    project.remove();
    await emulator.stop();
  }
}

async function startFailuresAfterStop(runs: number): Promise<Figure[]> {
  const ids = stageIds(1);
  const emulator = await startWorld(ids, 6);
  const project = new ScratchProject();
  try {
    const addresses = project.write(programs(ids, 3));
    await startApply(project, emulator).done;
    let restored = 0;
    let reported = 0;
    const windows: number[] = [];
    const problems: string[] = [];
    for (let run = 0; run < runs; run++) {
      const error = run % 2 === 0 ? 'ResourceNotFoundException' : 'InternalServerException';
      const gap = 20 + run;
      project.write(programs(ids, gap));
      emulator.handle.emulator.configureFaults({ StartComposition: { failRequests: [{ bodyContains: `"gridGap":${gap}`, error }] } });
      const result = await startApply(project, emulator).done;
      emulator.handle.emulator.configureFaults({});
      const running = addresses.flatMap((a) => runningPerAddress(emulator.handle).get(a) ?? []);
      const onPrevious = running.length === addresses.length && running.every((c) => (c.layout.grid as { gridGap?: number }).gridGap === 3);
      if (onPrevious && result.code === 1) restored++;
      else problems.push(`run ${run} (${error}): exit ${result.code}, running ${running.map((c) => (c.layout.grid as { gridGap?: number }).gridGap).join(',') || 'none'}`);
      const window = /rolled back to the previous spec \(\S+\); channel \S+ had no composition for (\d+\.\d) s/.exec(result.stdout);
      if (window) {
        reported++;
        windows.push(Number(window[1]));
      } else problems.push(`run ${run}: no rollback line`);
      project.write(programs(ids, 3));
    }
    windows.sort((a, b) => a - b);
    const median = windows.length ? windows[Math.floor(windows.length / 2)] : NaN;
    return [
      figure(SCENARIO, 'start failing after the stop (4xx, 5xx): previous spec running again', `${restored} of ${runs}`, `${runs} of ${runs}`, restored === runs, problems),
      figure(SCENARIO, 'start failing after the stop: outage window reported (median; max)', `${reported} of ${runs} (${median} s; ${windows.at(-1) ?? NaN} s)`, `${runs} of ${runs}`, reported === runs),
    ];
  } finally {
    project.remove();
    await emulator.stop();
  }
}

async function restartCycles(cycles: number): Promise<Figure[]> {
  const ids = stageIds(STAGES);
  // Stopped compositions leave the listings after 100 ms; the emulator remembers tokens 24 h (its default).
  // The scenarios' world without its unmanaged compositions: every composition here is the project's.
  const emulator = await startRecordingEmulator({ seed: { ...worldSeed(ids), compositions: [] }, retentionMs: 100, randomSeed: 7 });
  const project = new ScratchProject();
  try {
    const addresses = project.write(twoPerStage(ids));
    let converged = 0;
    const problems: string[] = [];
    const duplicates: string[] = [];
    for (let cycle = 0; cycle < cycles; cycle++) {
      const result = await startApply(project, emulator).done;
      const running = runningPerAddress(emulator.handle);
      const ok = result.code === 0 && addresses.every((a) => running.get(a)?.length === 1);
      if (ok) converged++;
      else problems.push(`cycle ${cycle}: exit ${result.code}: ${result.stdout.split('\n').filter((l) => l.includes('failed')).join(' | ')}`);
      for (const d of duplicateAddresses(emulator.handle)) duplicates.push(`cycle ${cycle}: ${d}`);
      for (const c of emulator.handle.emulator.compositions()) if (c.state === 'ACTIVE' || c.state === 'STARTING') emulator.handle.emulator.stopCompositionExternally(c.arn);
      await until(() => emulator.handle.emulator.compositions().length === 0, 10_000);
    }
    return [
      figure(SCENARIO, 'restart cycles with tokens remembered (stop, age out, apply): converged', `${converged} of ${cycles}`, `${cycles} of ${cycles}`, converged === cycles, problems),
      figure(SCENARIO, 'restart cycles: duplicates', duplicates.length, '0', duplicates.length === 0, duplicates),
    ];
  } finally {
    project.remove();
    await emulator.stop();
  }
}

async function silentEndpoint(requestTimeoutSeconds: number): Promise<Figure[]> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const project = new ScratchProject();
  try {
    project.write(programs(stageIds(1), 3));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const began = Date.now();
    const result = await runBuiltCli(['plan', '--request-timeout', `${requestTimeoutSeconds}s`, project.dir], { cwd: project.dir, env: cliEnv(endpoint) });
    const elapsed = Date.now() - began;
    const bound = 5 * requestTimeoutSeconds * 1000 + BOUND_ALLOWANCE_MS;
    const lines = result.stderr.trim().split('\n');
    const clear = result.code === 1 && lines.length === 1 && lines[0].includes(endpoint) && /NetworkError: \w+ to .*no answer in time after 5 attempts/.test(lines[0]);
    return [
      figure(SCENARIO, `silent endpoint (--request-timeout ${requestTimeoutSeconds}s): one clear line naming endpoint and operation`, clear ? 'yes' : 'no', 'yes', clear, clear ? [] : [result.stderr]),
      figure(SCENARIO, 'silent endpoint: time to the error', `${(elapsed / 1000).toFixed(1)} s`, `<= ${(bound / 1000).toFixed(0)} s (5 x timeout + back-off)`, elapsed <= bound),
    ];
  } finally {
    for (const s of sockets) s.destroy();
    server.close();
    project.remove();
  }
}
