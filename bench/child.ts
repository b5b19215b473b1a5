// Runs the built CLI (or node itself) as a child process, timed from spawn to exit, with its peak
// resident set size read by /usr/bin/time when asked and the machine has it (the kernel's own
// figure). The bench, the reliability scenarios and the CLI tests all spawn through here.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'stageform.js');
const TIME = '/usr/bin/time';

export interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly wallMs: number;
  /** Peak RSS in MB, when /usr/bin/time is available. */
  readonly peakRssMb?: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunningChild {
  readonly child: ChildProcess;
  readonly done: Promise<ChildRun>;
}

export interface ChildOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Wraps node in /usr/bin/time; `child` is then time's process, not node's. */
  readonly measureRss?: boolean;
}

export function canMeasureRss(): boolean {
  return existsSync(TIME);
}

/** Spawned, never spawnSync: the emulator answers from this process's event loop. */
export function startNode(args: readonly string[], options: ChildOptions): RunningChild {
  const rssDir = options.measureRss && canMeasureRss() ? mkdtempSync(path.join(tmpdir(), 'stageform-rss-')) : undefined;
  const rssFile = rssDir ? path.join(rssDir, 'rss') : undefined;
  const [command, argv] = rssFile ? [TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...args]] : [process.execPath, [...args]];
  const began = performance.now();
  const child = spawn(command, argv, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<ChildRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - began;
      try {
        const peakRssMb = rssFile ? readPeakRssMb(rssFile) : undefined;
        resolve({ code, signal, wallMs, ...(peakRssMb !== undefined ? { peakRssMb } : {}), stdout, stderr });
      } catch (error) {
        reject(error);
      } finally {
        if (rssDir) rmSync(rssDir, { recursive: true, force: true });
      }
    });
  });
  return { child, done };
}

/** The last line /usr/bin/time wrote: the peak RSS in KB. */
function readPeakRssMb(file: string): number | undefined {
  const kb = Number(readFileSync(file, 'utf8').trim().split('\n').pop());
  return Number.isFinite(kb) && kb > 0 ? kb / 1024 : undefined;
}

export function runNode(args: readonly string[], options: ChildOptions): Promise<ChildRun> {
  return startNode(args, options).done;
}

/**
 * What the CLI sees: the emulator's endpoint, placeholder credentials, no colour, no user config
 * (HOME is the temp directory unless `extra` says otherwise), nothing else of this process's.
 */
export function cliEnv(endpoint: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: tmpdir(),
    AWS_ENDPOINT_URL_IVS_REALTIME: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAPLACEHOLDER00000',
    AWS_SECRET_ACCESS_KEY: 'placeholder-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NO_COLOR: '1',
    ...extra,
  };
}
