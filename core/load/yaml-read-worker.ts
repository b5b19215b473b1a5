// Worker side of readYamlFiles: parses its share of the files and posts the plain results back.
import { parentPort, workerData } from 'node:worker_threads';
import { readYamlFile, type FileToRead } from './yaml-read.js';

const { files, maxFileBytes } = workerData as { files: FileToRead[]; maxFileBytes: number };
parentPort?.postMessage(files.map((f) => readYamlFile(f, maxFileBytes)));
