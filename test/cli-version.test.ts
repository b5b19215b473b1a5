import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runCli } from '../cli/main.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('stageform --version', () => {
  for (const flag of ['--version', '-V']) {
    it(`GIVEN the built binary WHEN run with ${flag} THEN it prints the package version and exits 0`, async () => {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['bin/stageform.js', flag], { cwd: ROOT });
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
