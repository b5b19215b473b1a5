// `npm run demo` end to end (after build): the real CLI on a copy of examples/ with the embedded
// emulator, twice in a row, as a user would run it.
import { expect } from 'chai';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEnv, ROOT, runNode, type ChildRun } from '../bench/child.js';

/** The demo starts its own emulator (--local): no endpoint is handed to it. */
function runDemo(root: string): Promise<ChildRun> {
  const env = cliEnv('', { AWS_ENDPOINT_URL_IVS_REALTIME: undefined, AWS_ENDPOINT_URL_IVS: undefined, STAGEFORM_DEMO_ROOT: root });
  return runNode([join(ROOT, 'scripts', 'demo.js')], { cwd: ROOT, env });
}

describe('npm run demo', function () {
  this.timeout(60_000);
  let root: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'stageform-demo-'));
    cpSync(join(ROOT, 'examples'), join(root, 'examples'), { recursive: true, filter: (src) => !src.includes('.stageform') });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const attempt of ['first', 'second']) {
    it(`GIVEN examples/ WHEN the demo runs (${attempt} time) THEN every step shows its command and behaves as explained`, async () => {
      const { code, stdout, stderr } = await runDemo(root);
      expect(code, stdout + stderr).to.equal(0);
      const commands = stdout.split('\n').filter((l) => l.startsWith('$ ')).map((l) => l.slice(2));
      expect(commands).to.deep.equal([
        'rm -rf examples/.stageform',
        'stageform plan --local --out examples/.stageform/plan.sfplan examples',
        'stageform apply --local examples/.stageform/plan.sfplan examples',
        'stageform plan --local --detailed-exitcode examples',
        'stageform local admin leave interview --local --dir examples',
        'stageform local admin advance 90s --local --dir examples',
        'stageform local admin fail morning-show/program --local --dir examples',
        'stageform drift --local examples',
      ]);
      expect(stdout).to.match(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed\./);
      // The full plan once (step 1), not again at apply.
      expect(stdout.match(/stageform will perform the following actions/g)).to.have.length(1);
      expect(stdout).to.include('No changes. Live compositions match the manifests.');
      expect(stdout).to.match(/drift: .*failed.*stopped-idle/);
      expect(stdout).to.include('# exit code 2, as expected');
      expect(stdout).to.include('Demo complete.');
      expect(stdout + stderr).to.not.match(/\n\s+at .*\.js:\d+/); // no stack trace
    });
  }
});
