// Worker side of readYamlFiles: takes files from the shared queue until it is empty, posting the
// plain results back a batch at a time, so that the caller can check the first ones meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { readYamlFile, type FileToRead, type ReadSource } from './yaml-read.js';

const { files, next, maxFileBytes, batchFiles } = workerData as { files: FileToRead[]; next: Int32Array; maxFileBytes: number; batchFiles: number };
let batch: [number, ReadSource][] = [];
for (;;) {
  const index = Atomics.add(next, 0, 1);
  if (index >= files.length) break;
  batch.push([index, readYamlFile(files[index], maxFileBytes)]);
  if (batch.length === batchFiles) {
    parentPort?.postMessage(batch);
    batch = [];
  }
}
if (batch.length > 0) parentPort?.postMessage(batch);
