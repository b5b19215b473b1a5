// Worker side of readYamlFiles: parses its share of the files and posts the plain results back a
// batch at a time, so that the caller can check the first ones while the rest are parsed.
import { parentPort, workerData } from 'node:worker_threads';
import { readYamlFile, type FileToRead } from './yaml-read.js';

const { files, maxFileBytes, batchFiles } = workerData as { files: FileToRead[]; maxFileBytes: number; batchFiles: number };
for (let start = 0; start < files.length; start += batchFiles) {
  parentPort?.postMessage(files.slice(start, start + batchFiles).map((f) => readYamlFile(f, maxFileBytes)));
}
