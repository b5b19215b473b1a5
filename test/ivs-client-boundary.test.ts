import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// dist/test/ -> dist/
const DIST = join(dirname(fileURLToPath(import.meta.url)), '..');

function listJs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listJs(path);
    return name.endsWith('.js') ? [path] : [];
  });
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

  it('GIVEN the compiled core/ and cli/ WHEN searched THEN no module other than cli/connect.js loads core/ivs/ivs-client.js eagerly at top level', () => {
    // The SDK is heavy; commands that never call AWS (validate, show, --version) must not load it.
    const files = ['core', 'cli'].flatMap((d) => listJs(join(DIST, d)));
    const eager = files
      .filter((f) => /^import\s[^(]*from\s+['"][./]+(core\/)?ivs-client\.js['"]/m.test(readFileSync(f, 'utf8')))
      .map((f) => relative(DIST, f).split('\\').join('/'));
    expect(eager.filter((f) => f.startsWith('cli/main') || f.startsWith('cli/commands/validate') || f.startsWith('cli/commands/show'))).to.deep.equal([]);
  });

  it('GIVEN a fresh process without the warning switch WHEN a command connects and a call fails THEN nothing reaches stdout or stderr', function () {
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
    const env = { ...process.env };
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
    expect(result.status).to.equal(0);
    expect(result.stdout).to.equal('');
    expect(result.stderr).to.equal('');
  });
});
