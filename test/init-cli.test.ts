// `stageform init` through the built CLI: the scaffold validates, and nothing is ever overwritten.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuiltCli } from '../bench/child.js';
import { projectNameFor } from '../cli/commands/init.js';

describe('stageform init (built CLI)', function () {
  this.timeout(60_000);
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'stageform-init-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const run = (...args: string[]) => runBuiltCli(args, { cwd: root, env: { ...process.env, AWS_REGION: '' } });

  it('GIVEN an empty directory WHEN init THEN stageform.yaml, an example manifest with the schema modeline and a .gitignore are written, and validate passes', async () => {
    const result = await run('init', 'Night Show', '--region', 'eu-west-1');
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.include('Wrote Night Show/stageform.yaml\n');
    const dir = join(root, 'Night Show');
    expect(readFileSync(join(dir, 'stageform.yaml'), 'utf8')).to.include('project: night-show\nregion: eu-west-1\n');
    expect(readFileSync(join(dir, 'stages', 'example.yaml'), 'utf8')).to.match(/^# yaml-language-server: \$schema=\.\.\/node_modules\/stageform\/schema\/stage-compositions\.schema\.json\n/);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).to.include('.stageform/');
    const validate = await run('validate', 'Night Show');
    expect(validate.code, validate.stdout + validate.stderr).to.equal(0);
  });

  it('GIVEN a directory with a stageform.yaml WHEN init THEN it refuses, names the file, and writes nothing', async () => {
    writeFileSync(join(root, 'stageform.yaml'), 'project: mine\nregion: us-east-1\n');
    const result = await run('init');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/^Error: FILE_EXISTS: stageform\.yaml already exists; init never overwrites a file\n/);
    expect(readFileSync(join(root, 'stageform.yaml'), 'utf8')).to.equal('project: mine\nregion: us-east-1\n');
    expect(() => readFileSync(join(root, '.gitignore'))).to.throw();
  });

  it('GIVEN directory names THEN the project name is one the schema accepts', () => {
    expect(['Night Show', '__x__', '!!!', 'a'.repeat(80)].map(projectNameFor)).to.deep.equal(['night-show', 'x', 'my-project', 'a'.repeat(63)]);
  });
});
