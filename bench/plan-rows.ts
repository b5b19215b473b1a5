// `npm run bench:plan`: only the bench's two in-sync plan rows ("plan, all in sync" and the same
// beside two CPU burners), in one run, with where each run's time goes as the emulator saw it:
// from spawn to the first request, the listing (first request to the last listing answer), and the
// tail (last answer to exit). Nothing is written; the table is printed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEmulator, type FaultConfig } from '../emulator/index.js';
import { createRequestHandler } from '../emulator/server.js';
import { BIN, cliEnv } from './child.js';
import { computeFloor, median } from './floor.js';
import { REGION, seedFor, writeBenchProject } from './project.js';

const LATENCY_MS = 15;
const JITTER_MS = 20;
const FAULTS: FaultConfig = { '*': { latencyMs: LATENCY_MS, jitterMs: JITTER_MS, rateLimit: true } };

interface RequestTimes {
  readonly op: string;
  readonly arrivedMs: number;
  answeredMs: number;
}

interface RunBreakdown {
  readonly wallMs: number;
  /** Spawn to the first request's arrival. */
  readonly startupMs: number;
  /** First arrival to the last answer. */
  readonly requestsMs: number;
  /** Last answer to exit. */
  readonly tailMs: number;
  /** Between listing pages: arrival of one page request minus the previous page's answer, summed (stages). */
  readonly stageGapsMs: number;
  readonly calls: number;
  /** User plus system CPU seconds of the CLI process (all its threads), in ms. */
  readonly cpuMs: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, stages: { type: 'string', default: '1000' }, compositions: { type: 'string', default: '100' }, 'cpu-prof': { type: 'string' }, compare: { type: 'string' } } });
  // --compare OTHER_BIN: each run of this checkout's CLI is followed by one of OTHER_BIN, same conditions.
  const bins = values.compare ? [BIN, path.resolve(values.compare)] : [BIN];
  const profile = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(values['cpu-prof'])] : [];
  const runs = wholeNumber('runs', values.runs, 1);
  const shape = { stages: wholeNumber('stages', values.stages, 1), compositions: wholeNumber('compositions', values.compositions, 0) };
  const work = mkdtempSync(path.join(tmpdir(), 'stageform-plan-rows-'));
  const projectDir = path.join(work, 'project');
  const home = path.join(work, 'home');
  for (const d of [projectDir, home]) mkdirSync(d);
  writeBenchProject(projectDir, shape);
  const emulator = createEmulator({ seed: seedFor(shape), quotas: { compositionsPerAccount: Math.max(20, shape.compositions * 2) }, startDelayMs: 1000, stopDelayMs: 1000, randomSeed: 7 });
  const handle = createRequestHandler(emulator);
  let log: RequestTimes[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const entry: RequestTimes = { op: operationOf(req), arrivedMs: performance.now(), answeredMs: 0 };
    log.push(entry);
    res.on('finish', () => (entry.answeredMs = performance.now()));
    handle(req, res);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env = cliEnv(endpoint, { HOME: home, AWS_REGION: REGION });
  const quiet = (): void => {
    emulator.configureFaults(FAULTS);
    emulator.resetCounters();
  };
  const runPlan = async (bin: string): Promise<RunBreakdown> => {
    quiet();
    log = [];
    const began = performance.now();
    const cpuFile = path.join(work, 'cpu');
    const run = await runNode([...profile, bin, 'plan', '--detailed-exitcode', '--no-color', projectDir], { cwd: projectDir, env, cpuFile });
    if (run.code !== 0) throw new Error(`plan: exit ${run.code}\n${run.stderr.slice(0, 2000)}`);
    const ended = began + run.wallMs;
    const [user, system] = readFileSync(cpuFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    const api = log.filter((r) => !r.op.startsWith('_'));
    const first = Math.min(...api.map((r) => r.arrivedMs));
    const last = Math.max(...api.map((r) => r.answeredMs));
    const stagePages = api.filter((r) => r.op === 'ListStages').sort((a, b) => a.arrivedMs - b.arrivedMs);
    let stageGapsMs = 0;
    for (let i = 1; i < stagePages.length; i++) stageGapsMs += stagePages[i].arrivedMs - stagePages[i - 1].answeredMs;
    return { wallMs: run.wallMs, startupMs: first - began, requestsMs: last - first, tailMs: ended - last, stageGapsMs, calls: api.length, cpuMs: (user + system) * 1000 };
  };

  try {
    quiet();
    const applied = await runNode([BIN, 'apply', '--auto-approve', '--no-color', projectDir], { cwd: projectDir, env, cpuFile: path.join(work, 'cpu') });
    if (applied.code !== 0) throw new Error(`apply: exit ${applied.code}\n${applied.stderr.slice(0, 2000)}`);
    const sync = bins.map((): RunBreakdown[] => []);
    for (let i = 0; i < runs; i++) for (const [b, bin] of bins.entries()) sync[b].push(await runPlan(bin));
    const burners = startCpuBurners(2);
    const busy = bins.map((): RunBreakdown[] => []);
    try {
      for (let i = 0; i < runs; i++) for (const [b, bin] of bins.entries()) busy[b].push(await runPlan(bin));
    } finally {
      for (const b of burners) b.kill('SIGKILL');
    }
    const floorMs = computeFloor({ ListStages: Math.ceil(shape.stages / 100), ListCompositions: Math.ceil(shape.compositions / 100) }, LATENCY_MS + JITTER_MS / 2).floorMs;
    process.stdout.write(`floor ${fmt(floorMs)} s (${shape.stages} stages, ${shape.compositions} compositions, ${runs} runs each, medians)\n`);
    process.stdout.write(`row                    wall    ratio  start-up  requests  stage-gaps  tail   cpu    runs (wall)\n`);
    const table = bins.flatMap((bin, b) => {
      const which = bins.length > 1 ? (b === 0 ? ' [this]' : ' [other]') : '';
      return [[`in sync${which}`, sync[b]], [`busy${which}`, busy[b]]] as const;
    });
    for (const [name, rows] of table) {
      const m = (f: (r: RunBreakdown) => number): number => median(rows.map(f));
      process.stdout.write(
        `${name.padEnd(22)} ${fmt(m((r) => r.wallMs))}  ${(m((r) => r.wallMs) / floorMs).toFixed(2)}x  ${fmt(m((r) => r.startupMs))}     ${fmt(m((r) => r.requestsMs))}     ${fmt(m((r) => r.stageGapsMs))}       ${fmt(m((r) => r.tailMs))}  ${fmt(m((r) => r.cpuMs))}  ${rows.map((r) => fmt(r.wallMs)).join(' ')}\n`,
      );
    }
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    rmSync(work, { recursive: true, force: true });
  }
}

/** A flag's value as a whole number of at least `min`: `--runs abc` is an error, not a run of no runs. */
function wholeNumber(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min) throw new Error(`--${flag} must be a whole number of at least ${min}, got "${text}"`);
  return n;
}

/** The operation a request names: the last segment of its path group (`/ListStages`), or `_admin`. */
function operationOf(req: IncomingMessage): string {
  const url = req.url ?? '';
  if (url.startsWith('/_emulator/')) return '_admin';
  return url.split('?')[0].replace(/^\//, '').split('/')[0] || 'unknown';
}

function fmt(ms: number): string {
  return (ms / 1000).toFixed(2);
}

/** node ARGS under /usr/bin/time, which writes `user system` CPU seconds to cpuFile. */
function runNode(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; cpuFile: string }): Promise<{ code: number | null; wallMs: number; stderr: string }> {
  const began = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%U %S', '-o', options.cpuFile, process.execPath, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stdout.resume();
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, wallMs: performance.now() - began, stderr }));
  });
}

function startCpuBurners(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

main().catch((error: unknown) => {
  process.stderr.write(`plan-rows failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
