import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliEnv, ROOT, runNode } from '../bench/child.js';

// dist/test/ -> dist/
const DIST = join(dirname(fileURLToPath(import.meta.url)), '..');

function listJs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listJs(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

/** The relative modules a compiled file imports: `eager` for top-level import/export-from, not for `import()`. */
function importedModules(file: string): { specifier: string; eager: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const eager = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]|^import\s+['"](\.[^'"]+)['"]/gm)].map((m) => ({ specifier: (m[1] ?? m[2])!, eager: true }));
  const lazy = [...text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => ({ specifier: m[1]!, eager: false }));
  return [...eager, ...lazy];
}

describe('SDK boundary', () => {
  it('GIVEN the compiled core/ WHEN searched THEN nothing writes the process environment', () => {
    const writers = listJs(join(DIST, 'core'))
      .filter((f) => /process\.env(\.\w+|\[[^\]]+\])\s*=[^=]/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(DIST, f).split('\\').join('/'));
    expect(writers).to.deep.equal([]);
  });

  it('GIVEN the compiled core/ and cli/ WHEN searched for the SDK package THEN only core/ivs/ivs-client.js loads it', () => {
    const files = ['core', 'cli'].flatMap((d) => listJs(join(DIST, d)));
    expect(files.length).to.be.greaterThan(5);
    const importers = files
      .filter((f) => /from\s+['"]@aws-sdk\/client-ivs-realtime['"]|import\(\s*['"]@aws-sdk\/client-ivs-realtime['"]|require\(\s*['"]@aws-sdk/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(DIST, f).split('\\').join('/'));
    expect(importers).to.deep.equal(['core/ivs/ivs-client.js']);
  });

  it('GIVEN the compiled core/ and cli/ WHEN searched THEN no module other than cli/connect.js loads core/ivs/ivs-client.js, and it only on demand', () => {
    // The SDK is heavy; commands that never call AWS (validate, show, --version) must not load it.
    // No other module imports it at all, so nothing reaches it eagerly, however indirectly.
    const files = ['core', 'cli'].flatMap((d) => listJs(join(DIST, d)));
    const loaders = files.filter((f) => importedModules(f).some((m) => m.specifier.endsWith('/ivs-client.js')));
    expect(loaders.map((f) => relative(DIST, f).split('\\').join('/'))).to.deep.equal(['cli/connect.js']);
    expect(importedModules(join(DIST, 'cli', 'connect.js')).filter((m) => m.specifier.endsWith('/ivs-client.js'))).to.deep.equal([
      { specifier: '../core/ivs/ivs-client.js', eager: false },
    ]);
  });

  it('GIVEN a fresh process without the warning switch WHEN a command connects and a call fails THEN nothing reaches stdout or stderr', async function () {
    this.timeout(20_000);
    // Core leaves the process environment alone; the CLI's connect sets the SDK's switch.
    const connectModule = new URL('../cli/connect.js', import.meta.url).href;
    const script = `
      const { connect } = await import(${JSON.stringify(connectModule)});
      const io = { stdout: process.stdout, stderr: process.stderr, cwd: '/', env: { AWS_ENDPOINT_URL_IVS_REALTIME: 'http://127.0.0.1:9' } };
      const settings = { project: 'p', region: 'us-east-1', rootDir: '/', configFile: '/stageform.yaml', rateLimits: { composition: 5, stage: 5, tag: 10 } };
      const connection = await connect(settings, { parallelism: 1 }, io);
      await connection.apiFor('us-east-1').listStages({}).catch(() => {});
      await connection.close();
    `;
    const env = cliEnv('', { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined });
    const result = await runNode(['--input-type=module', '-e', script], { cwd: ROOT, env });
    expect(result.code).to.equal(0);
    expect(result.stdout).to.equal('');
    expect(result.stderr).to.equal('');
  });
});
