// Reading and parsing many manifest files, on worker threads when there are enough of them to
// pay for the threads' start-up: YAML parsing is most of what `validate` spends its time on.
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { sha256Hex } from '../util/canonical-json.js';
import { fileTooLarge, parseYamlSource, sourceWithError, type YamlSource } from './yaml-source.js';

export interface FileToRead {
  readonly abs: string;
  /** As shown to users. */
  readonly display: string;
}

export interface ReadSource {
  readonly abs: string;
  readonly source: YamlSource;
  /** sha256 of the bytes, when the file was read. */
  readonly sha256?: string;
}

/** Below this many files one thread is faster than starting workers. */
export const PARALLEL_THRESHOLD = 200;
const MAX_WORKERS = 4;

export function readYamlFile(file: FileToRead, maxFileBytes: number): ReadSource {
  try {
    const size = statSync(file.abs).size;
    if (size > maxFileBytes) return { abs: file.abs, source: fileTooLarge(file.display, size, maxFileBytes) };
    const bytes = readFileSync(file.abs);
    return { abs: file.abs, source: parseYamlSource(file.display, bytes, maxFileBytes), sha256: sha256Hex(bytes) };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException)?.code ?? 'unreadable';
    return { abs: file.abs, source: sourceWithError(file.display, { line: 1, column: 1, code: 'FILE_UNREADABLE', message: `cannot read the file (${reason})` }) };
  }
}

/** Reads and parses files, in their order. Falls back to this thread if a worker cannot run. */
export async function readYamlFiles(files: readonly FileToRead[], maxFileBytes: number, options: { parallel?: boolean } = {}): Promise<ReadSource[]> {
  const threads = options.parallel === false || files.length < PARALLEL_THRESHOLD ? 1 : Math.min(MAX_WORKERS, availableParallelism(), Math.ceil(files.length / (PARALLEL_THRESHOLD / 2)));
  if (threads <= 1) return files.map((f) => readYamlFile(f, maxFileBytes));
  // Interleaved chunks keep the work even when big files cluster in one folder.
  const chunks: FileToRead[][] = Array.from({ length: threads }, () => []);
  files.forEach((f, i) => chunks[i % threads].push(f));
  const [own, ...others] = chunks;
  const pending = others.map((chunk) => readInWorker(chunk, maxFileBytes));
  const results: ReadSource[][] = [own.map((f) => readYamlFile(f, maxFileBytes)), ...(await Promise.all(pending))];
  const out: ReadSource[] = [];
  files.forEach((_, i) => out.push(results[i % threads][Math.floor(i / threads)]));
  return out;
}

function readInWorker(chunk: readonly FileToRead[], maxFileBytes: number): Promise<ReadSource[]> {
  return new Promise((resolve) => {
    let settled = false;
    const fallback = () => {
      if (settled) return;
      settled = true;
      resolve(chunk.map((f) => readYamlFile(f, maxFileBytes)));
    };
    let worker: Worker;
    try {
      worker = new Worker(new URL('./yaml-read-worker.js', import.meta.url), { workerData: { files: chunk, maxFileBytes }, stdout: true, stderr: true });
    } catch {
      fallback();
      return;
    }
    worker.once('message', (results: ReadSource[]) => {
      if (settled) return;
      settled = true;
      resolve(results);
      void worker.terminate();
    });
    worker.once('error', fallback);
    worker.once('exit', fallback);
  });
}
