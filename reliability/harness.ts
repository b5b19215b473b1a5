// What every reliability scenario shares: an emulator in this process that records which
// compositions each write call reached, projects written to temp directories, unmanaged
// compositions seeded beside the managed ones, the checks on the CLI's output, and the figures they
// yield. The built CLI runs through bench/child.ts, as in the tests and the bench.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEnv, runBuiltCli, startBuiltCli, type BuiltCliRun, type RunningChild } from '../bench/child.js';
import type { Schedule, ScheduleWindow } from '../core/model/schedule.js';
import { startEmulator, type ComposedView, type EmulatorHandle, type EmulatorOptions, type SeedDocument } from '../emulator/index.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const ARN = `arn:aws:ivs:${REGION}:${ACCOUNT}`;
export const PROJECT = 'reliability';
export const OTHER_PROJECT = 'other-team';

/** One measured figure: what it is, its value, what it should be, and whether it is. */
export interface Figure {
  readonly scenario: string;
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  readonly pass: boolean;
  /** Evidence for a failure (addresses, output lines), shown under the table. */
  readonly details?: readonly string[];
}

export function figure(scenario: string, name: string, value: number | string, target: string, pass: boolean, details: readonly string[] = []): Figure {
  return { scenario, figure: name, value: String(value), target, pass, ...(details.length > 0 ? { details: details.slice(0, 10) } : {}) };
}

// ---- random ------------------------------------------------------------------------------------

/** The emulator's seeded generator (mulberry32), so a failing run replays exactly. */
export { createRandom } from '../emulator/faults.js';

export function pickInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

// ---- the CLI's output -------------------------------------------------------------------------

/** A Node stack frame or an uncaught-exception banner: users must never see one. */
const STACK_PATTERN = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$|^node:internal|Uncaught|UnhandledPromiseRejection|^\S+Error: .*\n\s+at /m;

export function hasStackTrace(text: string): boolean {
  return STACK_PATTERN.test(text);
}

/** A loader diagnostic as the CLI prints it: `file:line:col: error[CODE]: message`. */
export const DIAGNOSTIC_LINE = /^\S[^\n]*:\d+:\d+: error\[[A-Z0-9_]+\]: /;

/**
 * Problems with how an apply run reported failure: a non-zero exit must come with either a
 * one-line `Error: ...` or a `! address: failed: Code: ...` line per failed address.
 */
export function checkFailureReport(run: BuiltCliRun): string[] {
  const problems: string[] = [];
  const output = run.stdout + run.stderr;
  if (hasStackTrace(output)) problems.push(`stack trace in output of ${run.args.join(' ')}`);
  if (run.code === 0) return problems;
  const failedLines = output.split('\n').filter((l) => /^\s*! \S+: failed/.test(l));
  const errorLines = output.split('\n').filter((l) => l.startsWith('Error: ') || DIAGNOSTIC_LINE.test(l));
  for (const line of failedLines) {
    if (!/^\s*! \S+: failed: [A-Za-z]+: \S/.test(line)) problems.push(`failed line without an error code: ${line.trim()}`);
  }
  if (failedLines.length === 0 && errorLines.length === 0) problems.push(`exit ${run.code} (signal ${run.signal}) without a failed address or an Error line`);
  if (run.code !== 1 && run.code !== 130) problems.push(`unexpected exit code ${run.code}`);
  return problems;
}

// ---- the emulator ------------------------------------------------------------------------------

export type WriteOperation = 'StartComposition' | 'StopComposition' | 'TagResource' | 'UntagResource';
const WRITES = new Set<string>(['StartComposition', 'StopComposition', 'TagResource', 'UntagResource']);

export interface RecordingEmulator {
  readonly handle: EmulatorHandle;
  readonly endpoint: string;
  /** Every write that reached the world (injected faults never do), in order. */
  readonly writes: { operation: WriteOperation; target: string }[];
  stop(): Promise<void>;
}

/** The quotas of every scenario's project and of its emulator. */
const QUOTAS = { compositionsPerStage: 5, compositionsPerAccount: 500 } as const;

/** The recording emulator with `worldSeed(ids)` and the projects' quotas. */
export function startWorld(ids: readonly string[], randomSeed: number): Promise<RecordingEmulator> {
  return startRecordingEmulator({ seed: worldSeed(ids), quotas: QUOTAS, randomSeed });
}

/** An emulator on a free loopback port that records the target of every write call. */
export async function startRecordingEmulator(options: EmulatorOptions): Promise<RecordingEmulator> {
  const handle = await startEmulator({ port: 0, clock: 'real', startDelayMs: 40, stopDelayMs: 40, idleTimeoutMs: 3_600_000, ...options });
  const writes: { operation: WriteOperation; target: string }[] = [];
  const emulator = handle.emulator as unknown as { handle(operation: string, input: Record<string, unknown>): Record<string, unknown> };
  const original = emulator.handle.bind(emulator);
  emulator.handle = (operation, input) => {
    if (WRITES.has(operation)) {
      const target = String(input.arn ?? input.resourceArn ?? input.stageArn ?? '');
      writes.push({ operation: operation as WriteOperation, target });
    }
    return original(operation, input);
  };
  return { handle, endpoint: handle.endpoint, writes, stop: () => handle.stop() };
}

/** STARTING -> ACTIVE and STOPPING -> STOPPED in the simulated-time scenarios (reconcile-week, schedule-week). */
export const SIMULATED_START_MS = 1000;
export const SIMULATED_STOP_MS = 1000;

export interface SimulatedWorldOptions {
  readonly stages: NonNullable<SeedDocument['stages']>;
  readonly compositions?: SeedDocument['compositions'];
  readonly compositionsPerAccount: number;
  /** IVS's longest composition (24 h); a short run shortens it to meet the limit. */
  readonly maxDurationMs: number;
}

/**
 * The recording emulator of the simulated-time scenarios: the manual clock, 1 s starts and stops,
 * IVS's 60 s idle stop, and the one encoder and storage configuration their manifests name.
 */
export function startSimulatedWorld(options: SimulatedWorldOptions): Promise<RecordingEmulator> {
  return startRecordingEmulator({
    clock: 'manual',
    startDelayMs: SIMULATED_START_MS,
    stopDelayMs: SIMULATED_STOP_MS,
    idleTimeoutMs: 60_000,
    maxDurationMs: options.maxDurationMs,
    quotas: { compositionsPerStage: QUOTAS.compositionsPerStage, compositionsPerAccount: options.compositionsPerAccount },
    seed: {
      accountId: ACCOUNT,
      region: REGION,
      stages: options.stages,
      encoderConfigurations: [{ id: 'Enc720p' }],
      storageConfigurations: [{ id: 'Store1' }],
      ...(options.compositions ? { compositions: options.compositions } : {}),
    },
  });
}

export function stageArn(id: string): string {
  return `${ARN}:stage/${id}`;
}

/** Stages with a publisher (so IVS's idle stop never interferes), a channel each, one encoder and one storage configuration. */
export function worldSeed(stageIds: readonly string[]): SeedDocument {
  return {
    accountId: ACCOUNT,
    region: REGION,
    stages: stageIds.map((id) => ({ id, name: id.toLowerCase(), participants: [{ userId: 'host' }] })),
    channels: stageIds.map((id) => ({ id: channelId(id) })),
    encoderConfigurations: [{ id: 'Enc720p' }],
    storageConfigurations: [{ id: 'Store1' }],
    compositions: unmanagedSeeds(stageIds),
  };
}

export function channelId(stageId: string): string {
  return `Ch${stageId}`;
}

const S3_DESTINATION = {
  s3: { storageConfigurationArn: `${ARN}:storage-configuration/Store1`, encoderConfigurationArns: [`${ARN}:encoder-configuration/Enc720p`] },
};

/**
 * One composition stageform must never touch on every stage: on even stages one with no tags at
 * all, on odd ones another project's, claiming the very address this project uses there.
 */
export function unmanagedSeeds(stageIds: readonly string[]): NonNullable<SeedDocument['compositions']> {
  return stageIds.map((id, i) => ({
    stageArn: stageArn(id),
    layout: { grid: {} },
    destinations: [S3_DESTINATION],
    tags: (i % 2 === 0
        ? { owner: 'hand-started' }
        : { 'stageform:project': OTHER_PROJECT, 'stageform:address': `${id.toLowerCase()}/recording`, 'stageform:spec': 'x.y' }) as Record<string, string>,
  }));
}

export function isManaged(c: ComposedView, project = PROJECT): boolean {
  return c.tags['stageform:project'] === project;
}

/** What must stay as it is for every composition this project does not own: its state and tags. */
export function snapshotUnmanaged(handle: EmulatorHandle): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of handle.emulator.compositions()) {
    if (!isManaged(c)) out.set(c.arn, JSON.stringify({ state: c.state, tags: c.tags }));
  }
  return out;
}

/** Unmanaged compositions a write reached, or whose state or tags changed since `before`. */
export function touchedUnmanaged(emulator: RecordingEmulator, before: ReadonlyMap<string, string>): string[] {
  const touched = new Set<string>();
  for (const w of emulator.writes) if (w.operation !== 'StartComposition' && before.has(w.target)) touched.add(`${w.operation} ${w.target}`);
  const now = snapshotUnmanaged(emulator.handle);
  for (const [arn, was] of before) if (now.get(arn) !== was) touched.add(`changed ${arn}: ${was} -> ${now.get(arn) ?? 'gone'}`);
  return [...touched].sort();
}

/** Running (STARTING or ACTIVE) compositions of the project, per address. */
export function runningPerAddress(handle: EmulatorHandle): Map<string, ComposedView[]> {
  const out = new Map<string, ComposedView[]>();
  for (const c of handle.emulator.compositions()) {
    if (!isManaged(c) || (c.state !== 'STARTING' && c.state !== 'ACTIVE')) continue;
    const address = c.tags['stageform:address'] ?? '';
    out.set(address, [...(out.get(address) ?? []), c]);
  }
  return out;
}

/**
 * Addresses with more than one running composition. `sameSpec`: only those running the same spec
 * twice (what idempotency tokens prevent); a start-first replacement cut short legitimately leaves
 * the old spec beside the new one until the next run stops it.
 */
export function duplicateAddresses(handle: EmulatorHandle, sameSpec = false): string[] {
  const out: string[] = [];
  for (const [address, list] of runningPerAddress(handle)) {
    const specs = new Set(list.map((c) => (c.tags['stageform:spec'] ?? '').split('.')[0]));
    const n = sameSpec ? list.length - specs.size + (list.length > specs.size ? 1 : 0) : list.length;
    if (n > 1) out.push(`${address} x${n}${sameSpec ? ' (same spec)' : ''}`);
  }
  return out.sort();
}

/** Desired addresses without exactly one running composition, and running addresses nobody wants. */
export function unconvergedAddresses(handle: EmulatorHandle, desired: readonly string[]): string[] {
  const running = runningPerAddress(handle);
  const out: string[] = [];
  for (const address of desired) {
    const n = running.get(address)?.length ?? 0;
    if (n !== 1) out.push(`${address}: ${n} running`);
  }
  const wanted = new Set(desired);
  for (const [address, list] of running) if (!wanted.has(address)) out.push(`${address}: ${list.length} running, not desired`);
  return out.sort();
}

// ---- projects ----------------------------------------------------------------------------------

export interface CompositionSketch {
  readonly name: string;
  /** A broadcast to the stage's channel (replaced stop-first) besides S3. */
  readonly channel?: boolean;
  readonly gridGap?: number;
  /** The S3 destination's name (default `archive`); null leaves it unnamed, for IVS to name. */
  readonly archiveName?: string | null;
}

export type StageSketches = Readonly<Record<string, readonly CompositionSketch[]>>;

/** stageform.yaml beyond the project, region and the scenarios' quotas. */
export interface ProjectSettingsSketch {
  readonly whenIdle?: 'skip' | 'start';
  /** Default: the emulator's (`QUOTAS`). */
  readonly compositionsPerAccount?: number;
  /** Paces the client at this rate per operation group; absent, at AWS's documented rates. */
  readonly rateLimit?: number;
}

export function settingsText(settings: ProjectSettingsSketch): string {
  const lines = [`project: ${PROJECT}`, `region: ${REGION}`];
  if (settings.whenIdle !== undefined) lines.push(`whenIdle: ${settings.whenIdle}`);
  lines.push('quotas:', `  compositionsPerStage: ${QUOTAS.compositionsPerStage}`, `  compositionsPerAccount: ${settings.compositionsPerAccount ?? QUOTAS.compositionsPerAccount}`);
  if (settings.rateLimit !== undefined) lines.push('rateLimits:', `  composition: ${settings.rateLimit}`, `  stage: ${settings.rateLimit}`, `  tag: ${settings.rateLimit}`);
  return lines.join('\n') + '\n';
}

/**
 * Writes stageform.yaml and the manifests (`writeManifests`) into `dir`; returns the addresses,
 * sorted. Every scenario's project is written here, so they all read the same way.
 */
export function writeProject(dir: string, settings: ProjectSettingsSketch, stages: StageSketches, schedules: Readonly<Record<string, Schedule>> = {}): string[] {
  writeFileSync(join(dir, 'stageform.yaml'), settingsText(settings));
  return writeManifests(dir, stages, schedules);
}

/** Replaces the manifests under `dir/stages`: one per stage, named after it in lower case; returns the addresses, sorted. */
export function writeManifests(dir: string, stages: StageSketches, schedules: Readonly<Record<string, Schedule>> = {}): string[] {
  rmSync(join(dir, 'stages'), { recursive: true, force: true });
  mkdirSync(join(dir, 'stages'));
  const addresses: string[] = [];
  for (const [stageId, compositions] of Object.entries(stages)) {
    const name = stageId.toLowerCase();
    writeFileSync(join(dir, 'stages', `${name}.yaml`), manifestText(name, stageId, compositions, schedules[stageId]));
    for (const c of compositions) addresses.push(`${name}/${c.name}`);
  }
  return addresses.sort();
}

/** A project directory in tmp; `write` replaces its manifests with the sketch. */
export class ScratchProject {
  readonly dir = mkdtempSync(join(tmpdir(), 'stageform-reliability-'));

  constructor() {
    // The emulator enforces no request rate here (faults are injected instead): pace the client fast.
    writeFileSync(join(this.dir, 'stageform.yaml'), settingsText({ rateLimit: 200 }));
  }

  write(stages: StageSketches): string[] {
    return writeManifests(this.dir, stages);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function manifestText(name: string, stageId: string, compositions: readonly CompositionSketch[], schedule?: Schedule): string {
  const lines = ['apiVersion: stageform/v1', 'kind: StageCompositions', 'metadata:', `  name: ${name}`, 'spec:', `  stageArn: ${stageArn(stageId)}`];
  if (schedule) {
    lines.push('  schedule:', `    timezone: ${schedule.timezone}`, '    windows:', ...schedule.windows.flatMap(windowLines));
    if (schedule.deny.length > 0) lines.push('    deny:', ...schedule.deny.flatMap(windowLines));
  }
  lines.push(compositions.length > 0 ? '  compositions:' : '  compositions: []');
  for (const c of compositions) {
    lines.push(`    - name: ${c.name}`);
    if (c.gridGap !== undefined) lines.push('      layout:', '        grid:', `          gridGap: ${c.gridGap}`);
    lines.push('      destinations:');
    if (c.channel) lines.push('        - name: live', '          channel:', `            channelArn: ${ARN}:channel/${channelId(stageId)}`);
    const archiveName = c.archiveName === undefined ? 'archive' : c.archiveName;
    lines.push(
      ...(archiveName === null ? ['        - s3:'] : [`        - name: ${archiveName}`, '          s3:']),
      `            storageConfigurationArn: ${ARN}:storage-configuration/Store1`,
      '            encoderConfigurationArns:',
      `              - ${ARN}:encoder-configuration/Enc720p`,
    );
  }
  return lines.join('\n') + '\n';
}

function windowLines(window: ScheduleWindow): string[] {
  if ('cron' in window) return [`        - cron: "${window.cron}"`, `          duration: ${window.durationMs / 60_000}m`];
  return [`        - start: ${new Date(window.startMs).toISOString()}`, `          end: ${new Date(window.endMs).toISOString()}`];
}

export function stageIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Stage${String(i + 1).padStart(3, '0')}`);
}

/**
 * Two compositions per stage: `program` (channel + S3, stop-first) and `recording` (S3,
 * start-first), less those `keep` leaves out.
 */
export function twoPerStage(
  ids: readonly string[],
  gap: (stageIndex: number, name: string) => number | undefined = () => undefined,
  keep: (stageId: string, name: string) => boolean = () => true,
): Record<string, CompositionSketch[]> {
  const out: Record<string, CompositionSketch[]> = {};
  ids.forEach((id, i) => {
    const both: CompositionSketch[] = [
      { name: 'program', channel: true, gridGap: gap(i, 'program') },
      { name: 'recording', gridGap: gap(i, 'recording') },
    ];
    out[id] = both.filter((c) => keep(id, c.name));
  });
  return out;
}

/** `apply --auto-approve --parallelism 10` of the project against the emulator. */
export function startApply(project: ScratchProject, emulator: RecordingEmulator, extraArgs: readonly string[] = []): RunningChild<BuiltCliRun> {
  return startBuiltCli(['apply', '--auto-approve', '--parallelism', '10', ...extraArgs, project.dir], { cwd: project.dir, env: cliEnv(emulator.endpoint) });
}

/** Runs apply until it exits 0 and a fault-free plan shows no changes; returns every run. */
export async function applyUntilConverged(
  project: ScratchProject,
  emulator: RecordingEmulator,
  maxRuns: number,
  onRun: (run: BuiltCliRun) => void = () => {},
): Promise<{ runs: number; converged: boolean; silentSuccess: number }> {
  let silentSuccess = 0;
  for (let runs = 1; runs <= maxRuns; runs++) {
    const run = await startApply(project, emulator, ['--wait-timeout', '60s']).done;
    onRun(run);
    if (process.env.RELIABILITY_TRACE) process.stderr.write(`--- ${run.args.join(' ')} -> ${run.code}\n${run.stdout}${run.stderr}`);
    if (run.code === 0) {
      const clean = await planIsClean(project, emulator);
      if (clean) return { runs, converged: true, silentSuccess };
      silentSuccess++;
    }
  }
  return { runs: maxRuns, converged: false, silentSuccess };
}

/** `plan --detailed-exitcode` with faults switched off for the check, then switched back on. */
export async function planIsClean(project: ScratchProject, emulator: RecordingEmulator): Promise<boolean> {
  const faults = emulator.handle.emulator.faults.currentConfig();
  emulator.handle.emulator.configureFaults({});
  try {
    const plan = await runBuiltCli(['plan', '--detailed-exitcode', project.dir], { cwd: project.dir, env: cliEnv(emulator.endpoint) });
    return plan.code === 0;
  } finally {
    emulator.handle.emulator.configureFaults(faults);
  }
}

/** Resolves once `predicate` holds, checking every few milliseconds. */
export async function until(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const began = Date.now();
  while (!predicate()) {
    if (Date.now() - began > timeoutMs) return false;
    await new Promise((r) => setTimeout(r, 3));
  }
  return true;
}

export function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
