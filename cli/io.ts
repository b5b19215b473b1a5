// The edges a command needs, passed in so tests can drive commands in-process.
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Aborted to interrupt a command (tests pass their own). bin passes none: apply and local serve then listen for SIGINT/SIGTERM themselves. */
  readonly signal?: AbortSignal;
  /** Ends the process at once (a second interrupt during apply). bin passes process.exit; tests pass none. */
  readonly exit?: (code: number) => void;
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_CHANGES = 2;
export const EXIT_INTERRUPTED = 130;

/** Colour only on a TTY, never with --no-color or NO_COLOR. */
export function useColor(io: CliIo, flag: boolean | undefined, stream: OutputStream = io.stdout): boolean {
  if (flag === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}
