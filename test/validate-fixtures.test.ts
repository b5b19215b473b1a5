// Every kind of mistake has a fixture; each must give its code at the offending node.
import { expect } from 'chai';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliEnv, runNode } from '../bench/child.js';
import { loadPaths } from '../core/load/load-project.js';
import type { Diagnostic } from '../core/model/diagnostics.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const INVALID = 'test/fixtures/invalid';
const PROJECTS = 'test/fixtures/invalid-projects';

interface Expected {
  readonly fixture: string;
  readonly code: string;
  readonly line: number;
  readonly column: number;
  /** A fragment the message or hint must contain. */
  readonly says?: string;
  /** Path of the reported file when it is not the fixture itself. */
  readonly file?: string;
}

const FILE_CASES: readonly Expected[] = [
  { fixture: 'yaml-syntax.yaml', code: 'YAML_SYNTAX', line: 7, column: 1 },
  { fixture: 'duplicate-key.yaml', code: 'DUPLICATE_KEY', line: 5, column: 3, says: '`name`' },
  { fixture: 'tab-indent.yaml', code: 'TAB_INDENT', line: 4, column: 1 },
  { fixture: 'alias-bomb.yaml', code: 'ALIAS_LIMIT', line: 6, column: 10 },
  { fixture: 'custom-tag.yaml', code: 'UNSUPPORTED_TAG', line: 4, column: 9, says: '!!js/function' },
  { fixture: 'empty.yaml', code: 'EMPTY_FILE', line: 1, column: 1 },
  { fixture: 'unknown-document.yaml', code: 'UNKNOWN_DOCUMENT', line: 1, column: 13, says: 'apps/v1' },
  { fixture: 'unknown-field.yaml', code: 'UNKNOWN_FIELD', line: 11, column: 11, says: 'did you mean `gridGap`?' },
  { fixture: 'invalid-type.yaml', code: 'INVALID_TYPE', line: 12, column: 17, says: 'quote it' },
  { fixture: 'empty-value.yaml', code: 'INVALID_TYPE', line: 4, column: 8, says: 'the value is empty' },
  { fixture: 'invalid-enum.yaml', code: 'INVALID_VALUE', line: 11, column: 29, says: 'did you mean `SQUARE`?' },
  { fixture: 'invalid-arn.yaml', code: 'INVALID_VALUE', line: 6, column: 13, says: 'stage ARN' },
  { fixture: 'invalid-range.yaml', code: 'INVALID_VALUE', line: 15, column: 47, says: '<= 10' },
  { fixture: 'invalid-name.yaml', code: 'INVALID_VALUE', line: 4, column: 9, says: 'morning-show' },
  { fixture: 'missing-field.yaml', code: 'MISSING_FIELD', line: 8, column: 7, says: '`destinations`' },
  { fixture: 'layout-conflict.yaml', code: 'LAYOUT_CONFLICT', line: 9, column: 7 },
  { fixture: 'destination-both.yaml', code: 'DESTINATION_CONFLICT', line: 11, column: 11 },
  { fixture: 'destination-two-channels.yaml', code: 'DESTINATION_CONFLICT', line: 11, column: 11 },
  { fixture: 'too-many-destinations.yaml', code: 'INVALID_VALUE', line: 9, column: 7, says: 'at most 2' },
  { fixture: 'duplicate-manifest.yaml', code: 'DUPLICATE_MANIFEST', line: 12, column: 9, says: 'duplicate-manifest.yaml:4:9' },
  { fixture: 'duplicate-composition.yaml', code: 'DUPLICATE_COMPOSITION', line: 10, column: 13 },
  { fixture: 'duplicate-stage.yaml', code: 'DUPLICATE_STAGE', line: 14, column: 13, says: 'manifest `show`' },
  { fixture: 'channel-conflict.yaml', code: 'CHANNEL_CONFLICT', line: 13, column: 34, says: 'a channel takes one broadcast' },
  { fixture: 'arn-mismatch.yaml', code: 'ARN_MISMATCH', line: 11, column: 38, says: 'eu-west-1' },
  { fixture: 'quota-account-default.yaml', code: 'QUOTA_EXCEEDED', line: 18, column: 13, says: 'quota "Compositions" (concurrent compositions per account and region) is 5 by default, and it is adjustable' },
  { fixture: 'reserved-tag.yaml', code: 'RESERVED_TAG', line: 11, column: 9, says: 'aws:' },
  { fixture: 'reserved-tag-value.yaml', code: 'RESERVED_TAG', line: 11, column: 17, says: 'the value of tag "source" starts with `aws:`' },
  { fixture: 'tag-characters.yaml', code: 'INVALID_VALUE', line: 11, column: 9, says: 'tag key "owner#team" contains "#"' },
  { fixture: 'tag-characters.yaml', code: 'INVALID_VALUE', line: 12, column: 15, says: 'the value of tag "note" contains "%"' },
  { fixture: 'too-many-tags.yaml', code: 'TOO_MANY_TAGS', line: 10, column: 7, says: '51 tags' },
  { fixture: 'invalid-schedule.yaml', code: 'UNKNOWN_TIME_ZONE', line: 8, column: 15, says: 'Europe/Atlantis' },
  { fixture: 'invalid-schedule.yaml', code: 'INVALID_SCHEDULE', line: 10, column: 15, says: 'not valid: ' },
  { fixture: 'invalid-schedule.yaml', code: 'INVALID_SCHEDULE', line: 20, column: 19, says: 'never matches' },
  { fixture: 'invalid-schedule.yaml', code: 'INVALID_SCHEDULE', line: 21, column: 23, says: 'is zero' },
  { fixture: 'invalid-schedule.yaml', code: 'INVALID_SCHEDULE', line: 23, column: 23, says: '"two hours" is not a duration' },
  { fixture: 'invalid-schedule.yaml', code: 'INVALID_SCHEDULE', line: 25, column: 18, says: 'is before start' },
  { fixture: 'invalid-schedule.yaml', code: 'INVALID_SCHEDULE', line: 27, column: 20, says: '"Christmas" is not an ISO 8601 date-time' },
  { fixture: 'invalid-schedule.yaml', code: 'INVALID_SCHEDULE', line: 28, column: 18, says: '"2026-12-26" is not an ISO 8601 date-time' },
  { fixture: 'invalid-schedule.yaml', code: 'MISSING_FIELD', line: 29, column: 13, says: '`end` is missing' },
];

const PROJECT_CASES: readonly Expected[] = [
  { fixture: 'quota-account', file: 'two.yaml', code: 'QUOTA_EXCEEDED', line: 8, column: 13, says: 'is 2 as set in stageform.yaml, and it is adjustable' },
  { fixture: 'duplicate-config', file: 'nested/stageform.yaml', code: 'DUPLICATE_CONFIG', line: 1, column: 1 },
  { fixture: 'config-errors', file: 'stageform.yaml', code: 'UNKNOWN_FIELD', line: 2, column: 1, says: 'did you mean `region`?' },
  { fixture: 'config-errors', file: 'stageform.yaml', code: 'INVALID_VALUE', line: 1, column: 10, says: 'Media_Prod' },
  { fixture: 'config-errors', file: 'stageform.yaml', code: 'MISSING_FIELD', line: 1, column: 1, says: '`region`' },
  { fixture: 'reserved-config-tag', file: 'stageform.yaml', code: 'RESERVED_TAG', line: 5, column: 3 },
  { fixture: 'reserved-config-tag-value', file: 'stageform.yaml', code: 'RESERVED_TAG', line: 5, column: 11, says: 'the value of tag "origin" starts with `aws:`' },
  { fixture: 'config-timezone', file: 'stageform.yaml', code: 'UNKNOWN_TIME_ZONE', line: 3, column: 11, says: 'Mars/Olympus_Mons' },
];

function matches(expected: Expected, file: string) {
  return (d: { file: string; code: string; line: number; column: number; message: string; hint?: string }) =>
    d.file === file && d.code === expected.code && d.line === expected.line && d.column === expected.column && (!expected.says || `${d.message} ${d.hint ?? ''}`.includes(expected.says));
}

describe('validate: one fixture per mistake', () => {
  for (const c of FILE_CASES) {
    it(`GIVEN ${c.fixture} WHEN it is validated THEN ${c.code} at ${c.line}:${c.column}`, async () => {
      const file = `${INVALID}/${c.fixture}`;
      const { diagnostics, desired } = await loadPaths([file], { cwd: ROOT });
      expect(desired).to.equal(undefined);
      expect(diagnostics.find(matches(c, file)), JSON.stringify(diagnostics, null, 1)).to.not.equal(undefined);
    });
  }
  for (const c of PROJECT_CASES) {
    it(`GIVEN project ${c.fixture} WHEN it is validated THEN ${c.code} in ${c.file} at ${c.line}:${c.column}`, async () => {
      const { diagnostics } = await loadPaths([`${PROJECTS}/${c.fixture}`], { cwd: ROOT });
      expect(diagnostics.find(matches(c, `${PROJECTS}/${c.fixture}/${c.file}`)), JSON.stringify(diagnostics, null, 1)).to.not.equal(undefined);
    });
  }

  it('GIVEN the whole invalid folder WHEN validated at once THEN every fixture error is reported, sorted by file, line and column', async () => {
    const { diagnostics } = await loadPaths([INVALID], { cwd: ROOT });
    // Messages may name another file now (e.g. the first `show` manifest), so only code and position are compared.
    for (const c of FILE_CASES) expect(diagnostics.some(matches({ ...c, says: undefined }, `${INVALID}/${c.fixture}`)), c.fixture).to.equal(true);
    const keys = diagnostics.map((d) => [d.file, d.line, d.column] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    expect(keys).to.deep.equal(sorted);
  });

  it('GIVEN exclude patterns WHEN the project is validated THEN excluded files are not read and others still are', async () => {
    const { diagnostics, files } = await loadPaths([`${PROJECTS}/exclude`], { cwd: ROOT });
    expect(files.map((f) => path.relative(ROOT, f))).to.deep.equal([`${PROJECTS}/exclude/stageform.yaml`, `${PROJECTS}/exclude/stray.yaml`]);
    expect(diagnostics.map((d) => `${d.file}:${d.code}`)).to.deep.equal([`${PROJECTS}/exclude/stray.yaml:UNKNOWN_DOCUMENT`]);
  });

  describe('files that are not YAML text', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'stageform-bytes-'));
      await writeFile(path.join(dir, 'stageform.yaml'), 'project: bytes\nregion: us-east-1\n');
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    const cases: { name: string; bytes: Buffer; code: string; line: number; column: number; maxFileBytes?: number }[] = [
      { name: 'a NUL byte', bytes: Buffer.from('apiVersion: x\nab\u0000cd\n'), code: 'BINARY_FILE', line: 2, column: 3 },
      { name: 'a stray Latin-1 byte', bytes: Buffer.concat([Buffer.from('a: 1\nname: caf'), Buffer.from([0xe9]), Buffer.from('\n')]), code: 'INVALID_UTF8', line: 2, column: 10 },
      { name: 'a truncated UTF-8 sequence', bytes: Buffer.concat([Buffer.from('é: '), Buffer.from([0xe2, 0x82])]), code: 'INVALID_UTF8', line: 1, column: 4 },
      { name: 'more bytes than the cap', bytes: Buffer.from('a: 1\n'.repeat(100)), code: 'FILE_TOO_LARGE', line: 1, column: 1, maxFileBytes: 100 },
      { name: 'only whitespace', bytes: Buffer.from('\n\n   \n'), code: 'EMPTY_FILE', line: 1, column: 1 },
      { name: '20,000 nested lists', bytes: Buffer.from('a: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n'), code: 'NESTING_TOO_DEEP', line: 1, column: 1 },
    ];
    for (const c of cases) {
      it(`GIVEN a file with ${c.name} WHEN loaded THEN ${c.code} at ${c.line}:${c.column}`, async () => {
        await writeFile(path.join(dir, 'bad.yaml'), c.bytes);
        const { diagnostics } = await loadPaths([dir], { cwd: dir, maxFileBytes: c.maxFileBytes });
        expect(diagnostics.map((d) => [d.file, d.code, d.line, d.column])).to.deep.equal([['bad.yaml', c.code, c.line, c.column]]);
      });
    }

    it('GIVEN a 500,000-character value or key WHEN loaded THEN the error line quotes only the start of it', async () => {
      const huge = 'x'.repeat(500_000);
      await writeFile(path.join(dir, 'bad.yaml'), `apiVersion: ${huge}\nkind: StageCompositions\n`);
      await writeFile(path.join(dir, 'worse.yaml'), `apiVersion: stageform/v1\nkind: StageCompositions\nmetadata: { name: a }\nspec: { ${huge}: 1 }\n`);
      const { diagnostics } = await loadPaths([dir], { cwd: dir });
      expect(diagnostics.map((d) => [d.file, d.code])).to.deep.include.members([
        ['bad.yaml', 'UNKNOWN_DOCUMENT'],
        ['worse.yaml', 'UNKNOWN_FIELD'],
      ]);
      for (const d of diagnostics) expect(d.message.length, d.message.slice(0, 200)).to.be.below(400);
      expect(diagnostics.find((d) => d.file === 'bad.yaml')?.message).to.contain('more characters');
    });

    it('GIVEN a sub-folder that cannot be listed WHEN loaded THEN FILE_UNREADABLE names it, and there is no desired state', async () => {
      const locked = path.join(dir, 'locked');
      await mkdir(locked);
      await writeFile(path.join(locked, 'show.yaml'), 'apiVersion: stageform/v1\n');
      await chmod(locked, 0o000);
      // Root lists any folder: the loader runs in a child for which file modes apply even as root.
      const script = `
        const { loadPaths } = await import(${JSON.stringify(new URL('../core/load/load-project.js', import.meta.url).href)});
        const dir = process.argv[1];
        const { diagnostics, desired } = await loadPaths([dir], { cwd: dir });
        process.stdout.write(JSON.stringify({ diagnostics, desired: desired ?? null }));
      `;
      try {
        const run = await runNode(['--input-type=module', '-e', script, dir], { cwd: dir, env: cliEnv(''), enforceFilePermissions: true });
        expect(run.code, run.stderr).to.equal(0);
        const { diagnostics, desired } = JSON.parse(run.stdout) as { diagnostics: Diagnostic[]; desired: unknown };
        expect(diagnostics.map((d) => [d.file, d.code, d.line, d.column])).to.deep.equal([['locked', 'FILE_UNREADABLE', 1, 1]]);
        expect(desired).to.equal(null);
      } finally {
        await chmod(locked, 0o700);
      }
    });

    it('GIVEN no stageform.yaml in the folder or above WHEN loaded THEN MISSING_CONFIG', async () => {
      await rm(path.join(dir, 'stageform.yaml'));
      const { diagnostics } = await loadPaths([dir], { cwd: dir });
      expect(diagnostics.map((d) => d.code)).to.deep.equal(['MISSING_CONFIG']);
    });
  });
});
