// Invalid flag values and conflicting flags: one line naming the flag, the value and what is
// accepted, exit 1, before anything is loaded or called.
import { expect } from 'chai';
import { runCli } from '../cli/main.js';
import type { CliIo } from '../cli/io.js';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: '/nonexistent', env: {} };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

describe('flag errors', () => {
  const cases: { argv: string[]; error: string }[] = [
    { argv: ['plan', '--parallelism', '0'], error: "error: option '--parallelism <n>' argument '0' is invalid. Expected a whole number, 1 or more." },
    { argv: ['plan', '--parallelism', 'abc'], error: "error: option '--parallelism <n>' argument 'abc' is invalid. Expected a whole number, 1 or more." },
    { argv: ['apply', '--parallelism', '2.5'], error: "error: option '--parallelism <n>' argument '2.5' is invalid. Expected a whole number, 1 or more." },
    { argv: ['plan', '--region', 'bogus region!'], error: "error: option '--region <region>' argument 'bogus region!' is invalid. Expected an AWS region name like us-east-1 or eu-west-2." },
    { argv: ['drift', '--region', 'US-EAST-1'], error: "error: option '--region <region>' argument 'US-EAST-1' is invalid. Expected an AWS region name like us-east-1 or eu-west-2." },
    { argv: ['plan', '--format', 'yaml'], error: "error: option '--format <format>' argument 'yaml' is invalid. Allowed choices are human, json, markdown, github." },
    { argv: ['plan', '--json', '--format', 'markdown'], error: "error: option '--json' cannot be used with option '--format <format>'" },
    { argv: ['show', 'plan.sfplan', '--format', 'markdown', '--json'], error: "error: option '--json' cannot be used with option '--format <format>'" },
    { argv: ['validate', '--json', '--format', 'github'], error: "error: option '--json' cannot be used with option '--format <format>'" },
  ];
  for (const { argv, error } of cases) {
    it(`GIVEN stageform ${argv.join(' ')} THEN exit 1 with one error line naming the accepted values`, async () => {
      const result = await run(argv);
      expect(result.code).to.equal(1);
      expect(result.stdout).to.equal('');
      expect(result.stderr.split('\n')[0]).to.equal(error);
    });
  }
});

describe('the apply hint after plan --out', () => {
  it('GIVEN connection flags and a project directory THEN the hint repeats them, quoted for a shell where needed', async () => {
    const { applyCommandLine } = await import('../cli/commands/plan.js');
    expect(applyCommandLine('plan.sfplan', '.', {})).to.equal('stageform apply plan.sfplan');
    expect(applyCommandLine('out/p.sfplan', 'examples', { local: true, region: 'eu-west-1', profile: "media's" })).to.equal(
      "stageform apply --local --region eu-west-1 --profile 'media'\\''s' out/p.sfplan examples",
    );
  });
});
