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

  it('GIVEN a fresh process without the warning switch WHEN a client is built and a call fails THEN nothing reaches stdout or stderr', function () {
    this.timeout(20_000);
    const client = new URL('../core/ivs/ivs-client.js', import.meta.url).href;
    const script = `
      const { createIvsApi } = await import(${JSON.stringify(client)});
      const api = createIvsApi({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', env: {}, maxAttempts: 1 });
      await api.listStages({}).catch(() => {});
    `;
    const env = { ...process.env };
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
    expect(result.status).to.equal(0);
    expect(result.stdout).to.equal('');
    expect(result.stderr).to.equal('');
  });
});
