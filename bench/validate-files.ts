// How long `stageform validate` takes on 1,000 manifest files, beyond node's own start-up.
// Run after a build: node dist/bench/validate-files.js
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILES = 1000;
const RUNS = 5;

function writeProject(dir: string): void {
  writeFileSync(path.join(dir, 'stageform.yaml'), `project: bench\nregion: us-east-1\nquotas:\n  compositionsPerAccount: ${FILES * 2}\n`);
  for (let i = 0; i < FILES; i++) {
    const id = `Stage${String(i).padStart(7, '0')}`;
    const sub = path.join(dir, `group-${Math.floor(i / 100)}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(
      path.join(sub, `stage-${i}.yaml`),
      `apiVersion: stageform/v1
kind: StageCompositions
metadata:
  name: stage-${i}
spec:
  stageArn: arn:aws:ivs:us-east-1:123456789012:stage/${id}
  compositions:
    - name: program
      layout:
        grid: { featuredParticipantAttribute: featured, gridGap: 4 }
      destinations:
        - name: live
          channel:
            channelArn: arn:aws:ivs:us-east-1:123456789012:channel/Chan${String(i).padStart(8, '0')}
        - name: archive
          s3:
            storageConfigurationArn: arn:aws:ivs:us-east-1:123456789012:storage-configuration/StorageArch1
            encoderConfigurationArns: [arn:aws:ivs:us-east-1:123456789012:encoder-configuration/Encoder720p1]
            thumbnailConfigurations: [{ targetIntervalSeconds: 30, storage: [LATEST] }]
      tags: { show: bench-${i} }
    - name: recording
      destinations:
        - s3:
            storageConfigurationArn: arn:aws:ivs:us-east-1:123456789012:storage-configuration/StorageArch1
            encoderConfigurationArns: [arn:aws:ivs:us-east-1:123456789012:encoder-configuration/Encoder720p1]
`,
    );
  }
}

function medianMs(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)];
}

const dir = mkdtempSync(path.join(tmpdir(), 'stageform-bench-'));
try {
  writeProject(dir);
  const node = medianMs(['-e', '0']);
  const validate = medianMs([path.join(ROOT, 'bin/stageform.js'), 'validate', dir]);
  const extra = validate - node;
  process.stdout.write(`node -e 0:                        ${node.toFixed(0)} ms (median of ${RUNS})\n`);
  process.stdout.write(`stageform validate (${FILES} files): ${validate.toFixed(0)} ms (median of ${RUNS})\n`);
  // Wall-clock figures depend on what else the machine runs: say what it was.
  process.stdout.write(`machine:                          ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(1)}\n`);
  process.stdout.write(`difference:                       ${extra.toFixed(0)} ms (target: under 1000 ms)\n`);
  process.exitCode = extra < 1000 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
