import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { cliEnv, ROOT, runBuiltCli } from '../bench/child.js';
import { runCli } from '../cli/main.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('stageform --version', () => {
  for (const flag of ['--version', '-V']) {
    it(`GIVEN the built binary WHEN run with ${flag} THEN it prints the package version and exits 0`, async () => {
      const { code, stdout, stderr } = await runBuiltCli([flag], { cwd: ROOT, env: cliEnv('') });
      expect(code).to.equal(0);
      expect(stdout).to.equal(`${VERSION}\n`);
      expect(stderr).to.equal('');
    });
  }

  it('GIVEN the command table WHEN asked for the version THEN it answers the same as the binary', async () => {
    let out = '';
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, cwd: ROOT, env: {} };
    expect(await runCli(['--version'], io)).to.equal(0);
    expect(out).to.equal(`${VERSION}\n`);
  });
});
