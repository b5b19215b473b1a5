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
/**
 * Files per worker when this thread has work of its own (a plan pass listing the account). One
 * cold worker parses a thousand small manifests in about half a second, while listing as many
 * stages takes two at the published rate: one worker keeps up, and each more pays its own start-up
 * and cold JIT on a runner whose cores are shared.
 */
const FILES_PER_WORKER_BESIDE_WORK = 1000;
/** Results a worker posts at a time: the caller validates them while the worker parses on. */
const BATCH_FILES = 50;
/** Files parsed on this thread between two turns of the event loop, when it is to stay free. */
const FILES_PER_TURN = 10;

export interface ReadFilesOptions {
  /** Worker threads allowed (default true). */
  readonly parallel?: boolean;
  /**
   * This thread has work of its own meanwhile (a plan pass's API calls): with workers, every file
   * is parsed on them and none here; on one thread, the event loop gets a turn every few files.
   */
  readonly keepThreadFree?: boolean;
  /** Called with each file's result as soon as it is there (in any order), before the promise resolves. */
  readonly onRead?: (read: ReadSource, index: number) => void;
}

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

/** Reads and parses files; the results in the files' order. Falls back to this thread if a worker cannot run. */
export async function readYamlFiles(files: readonly FileToRead[], maxFileBytes: number, options: ReadFilesOptions = {}): Promise<ReadSource[]> {
  const out = new Array<ReadSource>(files.length);
  const deliver = (read: ReadSource, index: number): void => {
    out[index] = read;
    options.onRead?.(read, index);
  };
  const free = options.keepThreadFree === true;
  const workers =
    options.parallel === false || files.length < PARALLEL_THRESHOLD
      ? 0
      : free
        ? Math.min(MAX_WORKERS, availableParallelism(), Math.ceil(files.length / FILES_PER_WORKER_BESIDE_WORK))
        : Math.min(MAX_WORKERS, availableParallelism(), Math.ceil(files.length / (PARALLEL_THRESHOLD / 2))) - 1;
  if (workers <= 0) {
    for (const [index, file] of files.entries()) {
      if (free && index > 0 && index % FILES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      deliver(readYamlFile(file, maxFileBytes), index);
    }
    return out;
  }
  // Interleaved shares keep the work even when big files cluster in one folder; this thread takes
  // one unless it is to stay free.
  const shares = free ? workers : workers + 1;
  const indexes: number[][] = Array.from({ length: shares }, () => []);
  files.forEach((_, i) => indexes[i % shares].push(i));
  const [own, ...others] = free ? [[], ...indexes] : indexes;
  const pending = others.map((share) => readInWorker(files, share, maxFileBytes, deliver));
  for (const index of own) deliver(readYamlFile(files[index], maxFileBytes), index);
  await Promise.all(pending);
  return out;
}

/** Reads `share` (indexes into `files`) on a worker, delivering results batch by batch; what a failed worker did not deliver is read here. */
function readInWorker(files: readonly FileToRead[], share: readonly number[], maxFileBytes: number, deliver: (read: ReadSource, index: number) => void): Promise<void> {
  return new Promise((resolve) => {
    let received = 0;
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      for (const index of share.slice(received)) deliver(readYamlFile(files[index], maxFileBytes), index);
      resolve();
    };
    let worker: Worker;
    try {
      worker = new Worker(new URL('./yaml-read-worker.js', import.meta.url), {
        workerData: { files: share.map((i) => files[i]), maxFileBytes, batchFiles: BATCH_FILES },
        stdout: true,
        stderr: true,
      });
    } catch {
      finish();
      return;
    }
    worker.on('message', (batch: ReadSource[]) => {
      if (settled) return;
      for (const read of batch) deliver(read, share[received++]);
      if (received === share.length) {
        finish();
        void worker.terminate();
      }
    });
    worker.once('error', finish);
    worker.once('exit', finish);
  });
}
