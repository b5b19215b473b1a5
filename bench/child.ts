// The one way the tests, the bench and the reliability scenarios run a child process: the built CLI
// (or node, or another program) spawned with an environment they control, timed from spawn to
// exit, its stdout, stderr, exit code and signal collected, and its handle kept so a caller can
// kill it at the point it chooses. Peak resident set size is read by /usr/bin/time when asked and
// the machine has it (the kernel's own figure).
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

export interface RunningChild<Run extends ChildRun = ChildRun> {
  /** Kill it here to interrupt the run; `done` still resolves with what it printed. */
  readonly child: ChildProcess;
  readonly done: Promise<Run>;
}

export interface ChildOptions {
  readonly cwd: string;
  /** The whole environment of the child: nothing of this process's is added (see `cliEnv`). */
  readonly env: NodeJS.ProcessEnv;
  /** Wraps node in /usr/bin/time; `child` is then time's process, not node's. */
  readonly measureRss?: boolean;
  /** Runs the child with file permissions enforced even for root (see `withoutFileOverride`). */
  readonly enforceFilePermissions?: boolean;
}

export function canMeasureRss(): boolean {
  return existsSync(TIME);
}

/** Spawned, never spawnSync: an emulator in this process answers from its event loop. */
export function startChild(command: string, args: readonly string[], options: ChildOptions): RunningChild {
  const rssDir = options.measureRss && canMeasureRss() ? mkdtempSync(path.join(tmpdir(), 'stageform-rss-')) : undefined;
  const rssFile = rssDir ? path.join(rssDir, 'rss') : undefined;
  const confined = options.enforceFilePermissions ? withoutFileOverride() : undefined;
  const [inner, innerArgs] = confined ? [confined.command, [...confined.args, command, ...args]] : [command, [...args]];
  const [file, argv] = rssFile ? [TIME, ['-f', '%M', '-o', rssFile, inner, ...innerArgs]] : [inner, innerArgs];
  const began = performance.now();
  const child = spawn(file, argv, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
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

export function startNode(args: readonly string[], options: ChildOptions): RunningChild {
  return startChild(process.execPath, args, options);
}

export function runNode(args: readonly string[], options: ChildOptions): Promise<ChildRun> {
  return startNode(args, options).done;
}

export interface BuiltCliRun extends ChildRun {
  readonly args: readonly string[];
}

/** `node bin/stageform.js ...args`, as a user runs it (after `npm run build`). */
export function startBuiltCli(args: readonly string[], options: ChildOptions): RunningChild<BuiltCliRun> {
  const running = startNode([BIN, ...args], options);
  return { child: running.child, done: running.done.then((run) => ({ args, ...run })) };
}

export function runBuiltCli(args: readonly string[], options: ChildOptions): Promise<BuiltCliRun> {
  return startBuiltCli(args, options).done;
}

/** The secret `cliEnv` hands the CLI: no output may ever contain it. */
export const PLACEHOLDER_SECRET = 'placeholder-secret-never-printed';

/**
 * What the CLI sees: the emulator's endpoint, placeholder credentials, no colour, no user config
 * (HOME is the temp directory unless `extra` says otherwise), nothing else of this process's, so
 * neither the host's AWS credentials nor its profile reach a test.
 */
export function cliEnv(endpoint: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: tmpdir(),
    AWS_ENDPOINT_URL_IVS_REALTIME: endpoint,
    // The emulator serves the low-latency API's channel reads (preflight) on the same port.
    AWS_ENDPOINT_URL_IVS: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAPLACEHOLDER00000',
    AWS_SECRET_ACCESS_KEY: PLACEHOLDER_SECRET,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NO_COLOR: '1',
    ...extra,
  };
}

/** Capabilities that let root read, write and list any file whatever its mode. */
const FILE_OVERRIDE_CAPABILITIES = '-dac_override,-dac_read_search';
const SETPRIV = '/usr/bin/setpriv';

/**
 * How a child must run for file permissions to apply to it. Root reads any file (and CI runs the
 * suite as root), so as root the child runs through setpriv without the two capabilities that
 * override file modes: it stays root, owns what it owned, and a mode-000 file is closed to it.
 * Wherever the checkout lives, it can still load the CLI. Other users need nothing.
 */
export function withoutFileOverride(): { readonly command: string; readonly args: readonly string[] } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (!existsSync(SETPRIV)) throw new Error(`${SETPRIV} (util-linux) is needed to test file permissions as root`);
  return { command: SETPRIV, args: [`--bounding-set=${FILE_OVERRIDE_CAPABILITIES}`, `--inh-caps=${FILE_OVERRIDE_CAPABILITIES}`] };
}
