import { expect } from 'chai';
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
  it('GIVEN the compiled core/ and cli/ WHEN searched for the SDK package THEN only core/ivs-client.js loads it', () => {
    const files = ['core', 'cli'].flatMap((d) => listJs(join(DIST, d)));
    expect(files.length).to.be.greaterThan(5);
    const importers = files
      .filter((f) => /from\s+['"]@aws-sdk\/client-ivs-realtime['"]|import\(\s*['"]@aws-sdk\/client-ivs-realtime['"]|require\(\s*['"]@aws-sdk/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(DIST, f).split('\\').join('/'));
    expect(importers).to.deep.equal(['core/ivs-client.js']);
  });

  it('GIVEN the compiled core/ and cli/ WHEN searched THEN no module other than cli/connect.js loads core/ivs-client.js eagerly at top level', () => {
    // The SDK is heavy; commands that never call AWS (validate, show, --version) must not load it.
    const files = ['core', 'cli'].flatMap((d) => listJs(join(DIST, d)));
    const eager = files
      .filter((f) => /^import\s[^(]*from\s+['"][./]+(core\/)?ivs-client\.js['"]/m.test(readFileSync(f, 'utf8')))
      .map((f) => relative(DIST, f).split('\\').join('/'));
    expect(eager.filter((f) => f.startsWith('cli/main') || f.startsWith('cli/commands/validate') || f.startsWith('cli/commands/show'))).to.deep.equal([]);
  });
});
