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
 * and cold JIT on a runner whose cores are shared. This thread joins in once its own work allows.
 */
const FILES_PER_WORKER_BESIDE_WORK = 1000;
/** Results a worker posts at a time: the caller checks them while the worker parses on. */
const BATCH_FILES = 25;
/** Files parsed on this thread between two turns of the event loop, when it has work of its own. */
const FILES_PER_TURN = 5;

export interface ReadFilesOptions {
  /** Worker threads allowed (default true). */
  readonly parallel?: boolean;
  /**
   * This thread has work of its own meanwhile (a plan pass's API calls): it parses only between
   * turns of the event loop, a few files at a time, and fewer workers are started.
   */
  readonly keepThreadFree?: boolean;
  /** With keepThreadFree: while workers run, this thread parses nothing until this settles. */
  readonly helpAfter?: Promise<unknown>;
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

/**
 * Reads and parses files; the results in the files' order. Workers and this thread take files
 * from one shared queue, so that whichever gets more CPU parses more. Falls back to this thread if
 * a worker cannot run.
 */
export async function readYamlFiles(files: readonly FileToRead[], maxFileBytes: number, options: ReadFilesOptions = {}): Promise<ReadSource[]> {
  const out = new Array<ReadSource | undefined>(files.length);
  const deliver = (read: ReadSource, index: number): void => {
    if (out[index] !== undefined) return; // read again here after its worker failed, and then delivered late
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
  // The queue: the next index to take, shared with the workers.
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const pending = Array.from({ length: workers }, () => readInWorker(files, next, maxFileBytes, deliver));
  // Never waits on the caller alone: with no worker (or none left) this thread reads at once.
  if (free && options.helpAfter) await Promise.race([options.helpAfter.catch(() => undefined), Promise.all(pending)]);
  for (let taken = 0; ; taken++) {
    if (free && taken > 0 && taken % FILES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    const index = Atomics.add(next, 0, 1);
    if (index >= files.length) break;
    deliver(readYamlFile(files[index], maxFileBytes), index);
  }
  await Promise.all(pending);
  // A worker that failed may have taken files it never delivered.
  files.forEach((file, index) => {
    if (out[index] === undefined) deliver(readYamlFile(file, maxFileBytes), index);
  });
  return out as ReadSource[];
}

/** A worker taking files from the queue and delivering them batch by batch; settles when it is done or has failed. */
function readInWorker(files: readonly FileToRead[], next: Int32Array, maxFileBytes: number, deliver: (read: ReadSource, index: number) => void): Promise<void> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./yaml-read-worker.js', import.meta.url), { workerData: { files, next, maxFileBytes, batchFiles: BATCH_FILES }, stdout: true, stderr: true });
    } catch {
      resolve();
      return;
    }
    worker.on('message', (batch: readonly (readonly [number, ReadSource])[]) => {
      for (const [index, read] of batch) deliver(read, index);
    });
    worker.once('error', () => resolve());
    worker.once('exit', () => resolve());
  });
}
