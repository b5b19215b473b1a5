// Runs the built CLI (or node itself) as a child process, timed from spawn to exit, with its peak
// resident set size read by /usr/bin/time when the machine has it (the kernel's own figure).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'stageform.js');
const TIME = '/usr/bin/time';

export interface ChildRun {
  readonly code: number | null;
  readonly wallMs: number;
  /** Peak RSS in MB, when /usr/bin/time is available. */
  readonly peakRssMb?: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function canMeasureRss(): boolean {
  return existsSync(TIME);
}

/** Spawned, never spawnSync: the emulator answers from this process's event loop. */
export async function runNode(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; measureRss?: boolean }): Promise<ChildRun> {
  const rssDir = options.measureRss && canMeasureRss() ? mkdtempSync(path.join(tmpdir(), 'stageform-rss-')) : undefined;
  const rssFile = rssDir ? path.join(rssDir, 'rss') : undefined;
  const [command, argv] = rssFile ? [TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...args]] : [process.execPath, [...args]];
  const began = performance.now();
  const child = spawn(command, argv, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  const wallMs = performance.now() - began;
  let peakRssMb: number | undefined;
  if (rssFile && rssDir) {
    const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
    if (Number.isFinite(kb) && kb > 0) peakRssMb = kb / 1024;
    rmSync(rssDir, { recursive: true, force: true });
  }
  return { code, wallMs, ...(peakRssMb !== undefined ? { peakRssMb } : {}), stdout, stderr };
}

/** What the CLI sees: the emulator's endpoint, placeholder credentials, no colour, no user config. */
export function cliEnv(endpoint: string, home: string, region: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ENDPOINT_URL_IVS_REALTIME: endpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NO_COLOR: '1',
  };
}
