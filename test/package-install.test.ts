// The package as users get it: `npm pack` of this repository, installed into an empty project
// (its dependencies come from the registry, or the npm cache when warm), runs the examples flow
// from there. Costs one npm install: ~10-30 s with a warm cache.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT as REPO_ROOT } from '../bench/child.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** npm's own variables (set when this runs under `npm test`) would leak the repository's config into the install. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1', ...extra };
}

function run(command: string, args: readonly string[], cwd: string, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd, env: cleanEnv(), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the npm package, installed from its tarball', function () {
  this.timeout(240_000);
  let work: string;
  let project: string;
  let packed: string[];

  before(async function () {
    work = mkdtempSync(join(tmpdir(), 'stageform-pack-'));
    // `npm test` has just built dist/; prepack would build it again (and rewrite files other tests load).
    const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], REPO_ROOT);
    expect(pack.code, pack.stderr).to.equal(0);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    packed = info.files.map((f) => f.path);
    project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'media-prod', private: true }) + '\n');
    const install = await run('npm', ['install', join(work, info.filename), '--prefer-offline', '--no-audit', '--no-fund'], project, 180_000);
    expect(install.code, install.stderr).to.equal(0);
    cpSync(join(REPO_ROOT, 'examples'), join(project, 'examples'), { recursive: true, filter: (src) => !src.includes('.stageform') });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('GIVEN package.json WHEN packed or installed from git THEN it builds first', () => {
    const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.prepack).to.equal('npm run build');
    expect(scripts.prepare).to.equal('npm run build');
  });

  it('GIVEN the tarball WHEN listed THEN it holds what runs, the license and the changelog, and no tests, benchmarks or source maps', () => {
    for (const file of ['bin/stageform.js', 'dist/cli/main.js', 'dist/emulator/index.js', 'emulator/model/ivs-realtime.service-2.json', 'emulator/model/ivs.service-2.json', 'schema/stageform-config.schema.json', 'schema/stage-compositions.schema.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'action.yml']) {
      expect(packed, file).to.include(file);
    }
    expect(packed.filter((f) => /^dist\/(test|bench|reliability|emulator\/test)\/|\.map$|\.ts$/.test(f))).to.deep.equal([]);
  });

  it('GIVEN the README WHEN it links a file of the repository or a schema modeline THEN the installed package holds it', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const installed = join(project, 'node_modules', 'stageform');
    const modelines = [...readme.matchAll(/\$schema=(?:\.\.\/)*node_modules\/stageform\/(\S+)/g)].map((m) => m[1]);
    expect(modelines).to.have.length.greaterThan(0);
    const shippedLinks = [...readme.matchAll(/\]\(((?:emulator|schema)\/[^)#\s]+)/g)].map((m) => m[1]);
    for (const file of [...modelines, ...shippedLinks]) expect(existsSync(join(installed, file)), file).to.equal(true);
  });

  it('GIVEN the installed package WHEN npx stageform runs the examples flow THEN version, validate, plan --local and apply --local succeed', async () => {
    const version = await run('npx', ['--no', '--', 'stageform', '--version'], project);
    expect(version.stdout.trim()).to.equal((JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version);

    const validate = await run('npx', ['--no', '--', 'stageform', 'validate', 'examples'], project);
    expect(validate.code, validate.stderr).to.equal(0);
    expect(validate.stdout).to.match(/^Success!/);

    const plan = await run('npx', ['--no', '--', 'stageform', 'plan', '--local', '--detailed-exitcode', 'examples'], project);
    expect(plan.code, plan.stderr).to.equal(2);
    expect(plan.stdout).to.match(/Plan: \d+ to add/);

    const apply = await run('npx', ['--no', '--', 'stageform', 'apply', '--local', '--auto-approve', 'examples'], project, 120_000);
    expect(apply.code, apply.stderr).to.equal(0);

    const again = await run('npx', ['--no', '--', 'stageform', 'plan', '--local', '--detailed-exitcode', 'examples'], project);
    expect(again.code, again.stdout + again.stderr).to.equal(0);
  });
});
