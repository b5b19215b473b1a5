// A throwaway project and an emulator on a free port, and the built CLI run as a user runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../emulator/index.js';
import { manifestYaml, type ManifestComposition } from './helpers/cli.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(REPO_ROOT, 'bin', 'stageform.js');
export const PROJECT = 'cli-test';

export const TEST_SEED = {
  stages: [
    { id: 'Show1', name: 'show', participants: [{ userId: 'host' }] },
    { id: 'News1', name: 'news', participants: [{ userId: 'anchor' }] },
  ],
  channels: [{ id: 'ChanShow1' }, { id: 'ChanNews1' }],
  encoderConfigurations: [{ id: 'Enc720p' }],
  storageConfigurations: [{ id: 'Store1' }],
};

export type CompositionSketch = ManifestComposition;

export function manifest(name: string, stageId: string, compositions: readonly CompositionSketch[]): string {
  return manifestYaml(name, stageId, compositions);
}

export const DEFAULT_STAGES: Record<string, { stage: string; compositions: CompositionSketch[] }> = {
  show: { stage: 'Show1', compositions: [{ name: 'program', channel: 'ChanShow1', s3: true }, { name: 'recording', s3: true }] },
  news: { stage: 'News1', compositions: [{ name: 'program', channel: 'ChanNews1' }, { name: 'recording', s3: true, gridGap: 6 }] },
};

export class TestProject {
  readonly dir: string;
  constructor(stages: Record<string, { stage: string; compositions: CompositionSketch[] }> = DEFAULT_STAGES) {
    this.dir = mkdtempSync(join(tmpdir(), 'stageform-apply-'));
    // The emulator does not enforce AWS's request rates unless told to: pace the client faster so tests stay quick.
    writeFileSync(join(this.dir, 'stageform.yaml'), `project: ${PROJECT}\nregion: us-east-1\nrateLimits:\n  composition: 100\n  stage: 100\n  tag: 100\n`);
    mkdirSync(join(this.dir, 'stages'));
    for (const [name, s] of Object.entries(stages)) this.writeStage(name, s.stage, s.compositions);
  }
  writeStage(name: string, stageId: string, compositions: readonly CompositionSketch[]): void {
    writeFileSync(join(this.dir, 'stages', `${name}.yaml`), manifest(name, stageId, compositions));
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunningCli {
  readonly child: ChildProcess;
  readonly done: Promise<CliRun>;
}

export function cliEnv(endpoint: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_ENDPOINT_URL_IVS_REALTIME: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' };
  delete env.AWS_PROFILE;
  delete env.FORCE_COLOR;
  return env;
}

/** Spawns the built CLI (never spawnSync: the emulator answers from this process). */
export function startCli(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

export function runCliProcess(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliRun> {
  return startCli(args, options).done;
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  return startEmulator({ port: 0, clock: 'real', seed: TEST_SEED, startDelayMs: 60, stopDelayMs: 60, ...options });
}

/** Resolves once `predicate` holds, checking every few milliseconds (the emulator runs in this process). */
export async function until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const began = Date.now();
  while (!predicate()) {
    if (Date.now() - began > timeoutMs) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}
