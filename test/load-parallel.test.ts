import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProject } from '../core/load/load-project.js';
import { PARALLEL_THRESHOLD, readYamlFiles, type ReadSource } from '../core/load/yaml-read.js';

function manifest(i: number): string {
  return `apiVersion: stageform/v1
kind: StageCompositions
metadata:
  name: stage-${i}
spec:
  stageArn: arn:aws:ivs:us-east-1:123456789012:stage/Stage${String(i).padStart(7, '0')}
  compositions:
    - name: recording
      destinations:
        - s3:
            storageConfigurationArn: arn:aws:ivs:us-east-1:123456789012:storage-configuration/StorageArch1
            encoderConfigurationArns: [arn:aws:ivs:us-east-1:123456789012:encoder-configuration/Encoder720p1]
`;
}

describe('loadProject on worker threads', () => {
  let dir: string;
  const count = PARALLEL_THRESHOLD + 50;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'stageform-parallel-'));
    await writeFile(path.join(dir, 'stageform.yaml'), `project: many\nregion: us-east-1\nquotas: { compositionsPerAccount: ${count} }\n`);
    await Promise.all(Array.from({ length: count }, (_, i) => writeFile(path.join(dir, `m-${String(i).padStart(4, '0')}.yaml`), manifest(i))));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it(`GIVEN ${count} valid manifests WHEN loaded in parallel and on one thread THEN the results are identical`, async function () {
    this.timeout(30000);
    const serial = await loadProject(dir, { cwd: dir, parallel: false });
    const parallel = await loadProject(dir, { cwd: dir, parallel: true });
    expect(serial.diagnostics).to.deep.equal([]);
    expect(serial.desired!.compositions).to.have.length(count);
    expect(parallel).to.deep.equal(serial);
  });

  it('GIVEN a caller with work of its own on this thread (onSettings) WHEN loaded, on workers or on one thread THEN the results are those of a plain load', async function () {
    this.timeout(30000);
    const serial = await loadProject(dir, { cwd: dir, parallel: false });
    const settings: string[] = [];
    const onWorkers = await loadProject(dir, { cwd: dir, onSettings: (s) => void settings.push(s.project) });
    const takingTurns = await loadProject(dir, { cwd: dir, parallel: false, onSettings: async (s) => void settings.push(s.project) });
    expect(settings).to.deep.equal(['many', 'many']);
    expect(onWorkers).to.deep.equal(serial);
    expect(takingTurns).to.deep.equal(serial);
  });

  for (const parallel of [true, false]) {
    it(`GIVEN keepThreadFree (${parallel ? 'on workers' : 'one thread'}) WHEN the files are read THEN the event loop turns while they are parsed, and each result reaches onRead before the promise resolves`, async function () {
      this.timeout(30000);
      const files = Array.from({ length: count }, (_, i) => {
        const abs = path.join(dir, `m-${String(i).padStart(4, '0')}.yaml`);
        return { abs, display: path.basename(abs) };
      });
      let turns = 0;
      let reading = true;
      const turn = (): void => {
        turns++;
        if (reading) setImmediate(turn);
      };
      setImmediate(turn);
      const seen = new Map<number, ReadSource>();
      const reads = await readYamlFiles(files, 1 << 20, { parallel, keepThreadFree: true, onRead: (read, index) => seen.set(index, read) });
      reading = false;
      expect(turns).to.be.greaterThan(parallel ? 1 : count / 20);
      expect(reads.map((r) => r.source.file)).to.deep.equal(files.map((f) => f.display));
      expect([...seen.keys()].sort((a, b) => a - b)).to.deep.equal(files.map((_, i) => i));
      for (const [index, read] of seen) expect(read).to.equal(reads[index]);
    });
  }

  const filesOf = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const abs = path.join(dir, `m-${String(i).padStart(4, '0')}.yaml`);
      return { abs, display: path.basename(abs) };
    });
  const never = new Promise<void>(() => undefined);

  for (const [shape, n, parallel] of [['a worker', count, true], ['one thread', 20, false]] as const) {
    it(`GIVEN keepThreadFree on ${shape} and a caller that stays busy WHEN the files are read THEN they are all read all the same`, async function () {
      this.timeout(30000);
      const files = filesOf(n);
      const reads = await readYamlFiles(files, 1 << 20, { parallel, keepThreadFree: true, helpAfter: never });
      expect(reads.map((r) => r.source.file)).to.deep.equal(files.map((f) => f.display));
      expect(reads.every((r) => r.source.diagnostics.length === 0 && r.source.documents.length === 1)).to.equal(true);
    });
  }

  it('GIVEN broken files spread among them WHEN loaded in parallel THEN every error comes back, positioned, as on one thread', async function () {
    this.timeout(30000);
    await writeFile(path.join(dir, 'm-0001.yaml'), manifest(1).replace('name: recording', 'name: Recording'));
    await writeFile(path.join(dir, 'm-0102.yaml'), manifest(102).replace('    - name: recording', '\t- name: recording'));
    await writeFile(path.join(dir, 'm-0203.yaml'), Buffer.from([0xff, 0xfe, 0x00]));
    const serial = await loadProject(dir, { cwd: dir, parallel: false });
    const parallel = await loadProject(dir, { cwd: dir, parallel: true });
    expect(parallel).to.deep.equal(serial);
    expect(parallel.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}:${d.code}`)).to.deep.equal([
      'm-0001.yaml:8:13:INVALID_VALUE',
      'm-0102.yaml:7:16:YAML_SYNTAX',
      'm-0102.yaml:8:1:TAB_INDENT',
      'm-0203.yaml:1:3:BINARY_FILE',
    ]);
  });
});
