import { expect } from 'chai';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileExcludes, loadPaths, loadProject } from '../core/load/load-project.js';
import { parseYamlSource } from '../core/load/yaml-source.js';
import { hashSpec } from '../core/model/spec.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLES = path.join(ROOT, 'examples');

describe('loadProject', () => {
  it('GIVEN the examples project WHEN loaded THEN the desired state is complete, normalised and sorted', async () => {
    const { desired, diagnostics, files, manifestCount } = await loadProject(EXAMPLES, { cwd: ROOT });
    expect(diagnostics).to.deep.equal([]);
    expect(manifestCount).to.equal(5);
    expect(files.map((f) => path.relative(EXAMPLES, f))).to.deep.equal([
      'stageform.yaml',
      'stages/classroom.yaml',
      'stages/interview.yaml',
      'stages/morning-show.yaml',
      'stages/sports-desk.yaml',
      'stages/sunday-service.yaml',
    ]);
    expect(desired).to.not.equal(undefined);
    const d = desired!;
    expect(d.project).to.equal('media-prod');
    expect(d.regions).to.deep.equal(['us-east-1']);
    expect(d.configFile).to.equal(path.join(EXAMPLES, 'stageform.yaml'));
    expect(d.stages.map((s) => s.manifestName)).to.deep.equal(['classroom', 'interview', 'morning-show', 'sports-desk', 'sunday-service']);
    expect(d.compositions.map((c) => c.address)).to.deep.equal([
      'classroom/recording',
      'interview/program',
      'morning-show/clean-feed',
      'morning-show/program',
      'sports-desk/program',
      'sunday-service/program',
    ]);
    const program = d.compositions.find((c) => c.address === 'morning-show/program')!;
    expect(program.source).to.deep.equal({ file: 'examples/stages/morning-show.yaml', line: 12, column: 7 });
    expect(program.accountId).to.equal('123456789012');
    // Project tags are merged under the composition's and sorted.
    expect(program.tags).to.deep.equal({ 'cost-center': 'broadcast', show: 'morning', team: 'media' });
    expect(Object.keys(program.tags)).to.deep.equal(['cost-center', 'show', 'team']);
    // Channel first, then s3; defaults filled in by the one normalisation.
    expect(program.spec.destinations.map((x) => x.name)).to.deep.equal(['live', 'archive']);
    expect(program.specHash).to.equal(hashSpec(program.spec));
    expect(d.compositions.find((c) => c.address === 'sports-desk/program')!.whenIdle).to.equal('skip');
    expect(d.compositions.find((c) => c.address === 'classroom/recording')!.whenIdle).to.equal('start');
  });

  it('GIVEN a layout written with AWS defaults WHEN loaded THEN its spec hash equals the omitted layout', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'stageform-load-'));
    try {
      await writeFile(path.join(dir, 'stageform.yaml'), 'project: p\nregion: eu-west-1\ntags: { team: a, show: project }\nwhenIdle: skip\n');
      const s3 = '{ s3: { storageConfigurationArn: "arn:aws:ivs:us-west-2:123456789012:storage-configuration/S1", encoderConfigurationArns: ["arn:aws:ivs:us-west-2:123456789012:encoder-configuration/E1"] } }';
      const doc = (name: string, layout: string) =>
        `apiVersion: stageform/v1\nkind: StageCompositions\nmetadata: { name: ${name} }\nspec:\n  stageArn: arn:aws:ivs:us-west-2:123456789012:stage/${name}\n  compositions:\n    - name: c\n${layout}      destinations: [${s3}]\n      tags: { show: own }\n`;
      await writeFile(path.join(dir, 'both.yml'), doc('a', '') + '---\n' + doc('b', '      layout: { grid: { gridGap: 2, videoAspectRatio: VIDEO, omitStoppedVideo: false } }\n'));
      const { desired, diagnostics } = await loadProject(dir, { cwd: dir });
      expect(diagnostics).to.deep.equal([]);
      const [a, b] = desired!.compositions;
      expect(b.spec.layout).to.deep.equal(a.spec.layout);
      expect(hashSpec({ ...b.spec, stageArn: a.stageArn })).to.equal(a.specHash);
      expect(desired!.regions).to.deep.equal(['eu-west-1', 'us-west-2']);
      expect(a.whenIdle).to.equal('skip');
      expect(a.tags).to.deep.equal({ show: 'own', team: 'a' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('GIVEN a copy of the examples WHEN a manifest byte changes THEN manifestDigest changes, and not otherwise', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'stageform-digest-'));
    try {
      await cp(EXAMPLES, dir, { recursive: true });
      const before = (await loadProject(dir, { cwd: dir })).desired!.manifestDigest;
      const again = (await loadProject(dir, { cwd: ROOT })).desired!.manifestDigest;
      expect(again).to.equal(before);
      const file = path.join(dir, 'stages', 'classroom.yaml');
      await writeFile(file, (await readFile(file, 'utf8')) + '# a comment\n');
      expect((await loadProject(dir, { cwd: dir })).desired!.manifestDigest).to.not.equal(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('GIVEN a manifest file path WHEN loaded THEN stageform.yaml is found in a folder above', async () => {
    const { diagnostics, files } = await loadPaths(['examples/stages/interview.yaml'], { cwd: ROOT });
    expect(diagnostics).to.deep.equal([]);
    expect(files.map((f) => path.relative(ROOT, f))).to.deep.equal(['examples/stageform.yaml', 'examples/stages/interview.yaml']);
  });

  it('GIVEN a path outside cwd WHEN it has errors THEN diagnostics show the absolute path', async () => {
    // A fresh folder of its own: the checkout itself may live under the temp directory.
    const cwd = mkdtempSync(path.join(tmpdir(), 'stageform-cwd-'));
    try {
      const { diagnostics } = await loadPaths([path.join(ROOT, 'test/fixtures/invalid/empty.yaml')], { cwd });
      expect(diagnostics[0].file).to.equal(path.join(ROOT, 'test/fixtures/invalid/empty.yaml'));
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  const excludeCases: { patterns: string[]; path: string; excluded: boolean }[] = [
    { patterns: ['github-actions'], path: 'github-actions/plan.yml', excluded: true },
    { patterns: ['github-actions/'], path: 'github-actions/deep/x.yml', excluded: true },
    { patterns: ['github-actions'], path: 'github-actions-2/x.yml', excluded: false },
    { patterns: ['*.notes.yaml'], path: 'plan.notes.yaml', excluded: true },
    { patterns: ['*.notes.yaml'], path: 'sub/plan.notes.yaml', excluded: false },
    { patterns: ['**/*.notes.yaml'], path: 'sub/plan.notes.yaml', excluded: true },
    { patterns: ['./ci'], path: 'ci/a.yaml', excluded: true },
  ];
  for (const c of excludeCases) {
    it(`exclude ${JSON.stringify(c.patterns)} ${c.excluded ? 'skips' : 'keeps'} ${c.path}`, () => {
      expect(compileExcludes(c.patterns)(c.path)).to.equal(c.excluded);
    });
  }

  it('GIVEN exclude: [ci] and a nested project at ci/sub/stageform.yaml WHEN loading THEN it is excluded, not a duplicate; without the exclude THEN DUPLICATE_CONFIG', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'stageform-exclude-'));
    try {
      await cp(path.join(ROOT, 'examples'), dir, { recursive: true, filter: (src) => !src.includes('.stageform') });
      await mkdir(path.join(dir, 'ci', 'sub'), { recursive: true });
      await cp(path.join(dir, 'stageform.yaml'), path.join(dir, 'ci', 'sub', 'stageform.yaml'));
      const config = await readFile(path.join(dir, 'stageform.yaml'), 'utf8');
      const without = await loadProject(dir, { cwd: dir });
      expect(without.diagnostics.map((d) => `${d.file} ${d.code}`)).to.deep.equal(['ci/sub/stageform.yaml DUPLICATE_CONFIG']);
      await writeFile(path.join(dir, 'stageform.yaml'), config.replace(/^exclude:\n/m, 'exclude:\n  - ci\n'));
      const excluded = await loadProject(dir, { cwd: dir });
      expect(excluded.diagnostics).to.deep.equal([]);
      expect(excluded.desired?.manifestFiles.map((m) => m.path)).to.not.include('ci/sub/stageform.yaml');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('parseYamlSource never throws (property)', () => {
  // A small deterministic generator: failures reproduce from the seed.
  function random(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (s * 1664525 + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }

  it('GIVEN 2,000 random byte buffers WHEN parsed THEN each returns diagnostics or documents, never an exception', () => {
    const next = random(42);
    for (let i = 0; i < 2000; i++) {
      const bytes = new Uint8Array(Math.floor(next() * 200));
      for (let k = 0; k < bytes.length; k++) bytes[k] = Math.floor(next() * 256);
      const source = parseYamlSource(`random-${i}.yaml`, bytes);
      expect(source.diagnostics.length + source.documents.length).to.be.greaterThan(0);
    }
  });

  it('GIVEN 1,500 random mutations of the examples WHEN loaded as a project THEN the loader returns, never throws', async function () {
    this.timeout(60000);
    const next = random(7);
    const stages = path.join(EXAMPLES, 'stages');
    const originals = await Promise.all((await readdir(stages)).map((f) => readFile(path.join(stages, f))));
    const alphabet = Buffer.from(' :-[]{}&*!|>\'"#\n\t\u00e9abc0129,?%@`');
    const dir = await mkdtemp(path.join(tmpdir(), 'stageform-mutate-'));
    try {
      await writeFile(path.join(dir, 'stageform.yaml'), 'project: fuzz\nregion: us-east-1\n');
      for (let i = 0; i < 1500; i++) {
        const original = originals[i % originals.length];
        const bytes = Buffer.from(original);
        const edits = 1 + Math.floor(next() * 4);
        let mutated: Buffer = bytes;
        for (let e = 0; e < edits; e++) {
          const at = Math.floor(next() * mutated.length);
          const kind = next();
          if (kind < 0.4) mutated[at] = alphabet[Math.floor(next() * alphabet.length)];
          else if (kind < 0.7) mutated = Buffer.concat([mutated.subarray(0, at), mutated.subarray(Math.min(mutated.length, at + 1 + Math.floor(next() * 20)))]);
          else mutated = Buffer.concat([mutated.subarray(0, at), mutated.subarray(at, at + Math.floor(next() * 40)), mutated.subarray(at)]);
        }
        const source = parseYamlSource('m.yaml', mutated);
        expect(source.file).to.equal('m.yaml');
        // Every 50th mutation also runs the whole loader (schema + project checks) on disk.
        if (i % 50 === 0) {
          await writeFile(path.join(dir, 'm.yaml'), mutated);
          const result = await loadProject(dir, { cwd: dir });
          expect(result.desired !== undefined || result.diagnostics.length > 0).to.equal(true);
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
