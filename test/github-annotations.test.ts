// `--format github`: diagnostics as GitHub Actions workflow commands, placed by repository path,
// with GitHub's escaping; and the hints that piped (CI) output keeps.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/main.js';
import type { CliIo } from '../cli/io.js';
import { formatGithubAnnotations, githubRepoPath } from '../cli/print-diagnostics.js';

const CONFIG = 'project: media-prod\nregion: us-east-1\n';
const MANIFEST = `apiVersion: stageform/v1
kind: StageCompositions
metadata:
  name: show
spec:
  stageArn: arn:aws:ivs:us-east-1:123456789012:stage/Show1
  compositions:
    - name: program
      layout:
        grid:
          gridGapp: 4
      destinations:
        - name: live
          channel:
            channelArn: arn:aws:ivs:us-east-1:123456789012:channel/Chan1
`;

describe('GitHub annotations', () => {
  let repo: string;
  before(() => {
    repo = mkdtempSync(join(tmpdir(), 'stageform-gh-'));
    mkdirSync(join(repo, 'live', 'stages'), { recursive: true });
    writeFileSync(join(repo, 'live', 'stageform.yaml'), CONFIG);
    writeFileSync(join(repo, 'live', 'stages', 'show.yaml'), MANIFEST);
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: join(repo, 'live'), env };
    return { code: await runCli(argv, io), stdout, stderr };
  }

  it('GIVEN a message, hint and path with GitHub metacharacters THEN they are escaped as the runner expects', () => {
    const text = formatGithubAnnotations([{ file: 'a,b:c.yaml', line: 3, column: 7, code: 'YAML_SYNTAX', message: '100% wrong\nreally', hint: 'fix it' }]);
    expect(text).to.equal('::error file=a%2Cb%3Ac.yaml,line=3,col=7,title=YAML_SYNTAX::100%25 wrong%0Areally%0Ahint: fix it\n');
  });

  it('GIVEN GITHUB_WORKSPACE above the project THEN paths are relative to the repository root', () => {
    expect(githubRepoPath(join(repo, 'live'), { GITHUB_WORKSPACE: repo })('stages/show.yaml')).to.equal('live/stages/show.yaml');
    expect(githubRepoPath(join(repo, 'live'), {})('stages/show.yaml')).to.equal('stages/show.yaml');
  });

  it('GIVEN an unknown field WHEN validate --format github runs in a workflow THEN stdout holds one ::error per problem with the hint, exit 1', async () => {
    const result = await run(['validate', '--format', 'github', '.'], { GITHUB_WORKSPACE: repo });
    expect(result.code).to.equal(1);
    expect(result.stdout).to.equal('::error file=live/stages/show.yaml,line=11,col=11,title=UNKNOWN_FIELD::unknown field `gridGapp` in `grid`%0Ahint: did you mean `gridGap`?\n');
    expect(result.stderr).to.equal('1 error in 1 file.\n');
  });

  it('GIVEN an unknown field WHEN plan --format github runs THEN the same annotation, and nothing is called', async () => {
    const result = await run(['plan', '--format', 'github', '--local', '.'], { GITHUB_WORKSPACE: repo });
    expect(result.code).to.equal(1);
    expect(result.stdout).to.match(/^::error file=live\/stages\/show\.yaml,line=11,col=11,title=UNKNOWN_FIELD::.*did you mean `gridGap`\?\n$/);
  });

  it('GIVEN piped output (no terminal) WHEN validate finds an unknown field THEN the hint is printed, without a code frame', async () => {
    const result = await run(['validate', '.']);
    expect(result.stderr).to.equal('stages/show.yaml:11:11: error[UNKNOWN_FIELD]: unknown field `gridGapp` in `grid`\n  hint: did you mean `gridGap`?\n1 error in 1 file.\n');
  });
});
