import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliEnv, ROOT, runBuiltCli } from '../bench/child.js';
import { runCli } from '../cli/main.js';
import type { CliIo } from '../cli/io.js';
import { formatDiagnostics, readSourceFrom } from '../cli/print-diagnostics.js';


function captureIo(options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty },
    cwd: ROOT,
    env: options.env ?? {},
  };
  return { io, out: () => stdout, err: () => stderr };
}

describe('stageform validate', () => {
  it('GIVEN the examples WHEN validated THEN one summary line and exit 0', async () => {
    const c = captureIo();
    const code = await runCli(['validate', 'examples'], c.io);
    expect([code, c.out(), c.err()]).to.deep.equal([0, 'Success! 5 manifests, 6 compositions on 5 stages are valid.\n', '']);
  });

  it('GIVEN invalid files WHEN validated without a TTY THEN one plain line per error with its hint (CI logs keep the help), a count, and exit 1', async () => {
    const c = captureIo();
    const code = await runCli(['validate', 'test/fixtures/invalid/unknown-field.yaml', 'test/fixtures/invalid/layout-conflict.yaml'], c.io);
    expect(code).to.equal(1);
    expect(c.out()).to.equal('');
    expect(c.err()).to.equal(
      [
        'test/fixtures/invalid/layout-conflict.yaml:9:7: error[LAYOUT_CONFLICT]: a layout is either `grid` or `pip`, not both',
        '  hint: keep one of them; a composition has one layout',
        'test/fixtures/invalid/unknown-field.yaml:11:11: error[UNKNOWN_FIELD]: unknown field `gridgap` in `grid`',
        '  hint: did you mean `gridGap`?',
        '2 errors in 2 files.',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN a TTY WHEN errors are printed THEN each has a code frame, a caret under the column and its hint, in colour', async () => {
    const c = captureIo({ tty: true });
    await runCli(['validate', 'test/fixtures/invalid/unknown-field.yaml'], c.io);
    const lines = c.err().replace(/\u001b\[[0-9;]*m/g, '').split('\n');
    expect(lines.slice(0, 4)).to.deep.equal([
      'test/fixtures/invalid/unknown-field.yaml:11:11: error[UNKNOWN_FIELD]: unknown field `gridgap` in `grid`',
      '  11 |           gridgap: 4',
      '     |           ^',
      '  hint: did you mean `gridGap`?',
    ]);
    expect(c.err()).to.include('\u001b[');
  });

  it('GIVEN a TTY and --no-color or NO_COLOR WHEN errors are printed THEN there is no escape code', async () => {
    for (const [argv, env] of [[['--no-color'], {}], [[], { NO_COLOR: '1' }]] as const) {
      const c = captureIo({ tty: true, env });
      await runCli(['validate', ...argv, 'test/fixtures/invalid/unknown-field.yaml'], c.io);
      expect(c.err()).to.not.include('\u001b[');
    }
  });

  it('GIVEN --json WHEN there are errors THEN stdout is the diagnostics array and exit 1', async () => {
    const c = captureIo();
    const code = await runCli(['validate', '--json', 'test/fixtures/invalid/invalid-type.yaml'], c.io);
    expect(code).to.equal(1);
    expect(JSON.parse(c.out())).to.deep.equal([
      { file: 'test/fixtures/invalid/invalid-type.yaml', line: 12, column: 17, code: 'INVALID_TYPE', message: '`season` must be a string, got number 3', hint: 'quote it: "3"' },
    ]);
  });

  it('GIVEN --json WHEN all is valid THEN stdout is [] and exit 0', async () => {
    const c = captureIo();
    expect(await runCli(['validate', '--json', 'examples'], c.io)).to.equal(0);
    expect(JSON.parse(c.out())).to.deep.equal([]);
  });

  it('GIVEN control characters in a message WHEN formatted THEN they are escaped, not sent to the terminal', () => {
    const text = formatDiagnostics([{ file: 'a.yaml', line: 1, column: 1, code: 'YAML_SYNTAX', message: 'bad \u001b[2J key' }], { color: false, codeFrame: false });
    expect(text).to.equal('a.yaml:1:1: error[YAML_SYNTAX]: bad \\x1b[2J key\n');
  });

  it('GIVEN an error deep in a very long source line WHEN framed THEN only a window around the column is shown, caret under it', () => {
    const line = 'a'.repeat(5000) + 'X' + 'b'.repeat(5000);
    const text = formatDiagnostics([{ file: 'a.yaml', line: 1, column: 5001, code: 'YAML_SYNTAX', message: 'here' }], { color: false, codeFrame: true, readSource: () => line });
    const [, frame, caret] = text.split('\n');
    expect(frame.length).to.be.below(200);
    expect(frame[caret.indexOf('^')]).to.equal('X');
  });

  it('GIVEN a file over the size limit WHEN it is framed THEN it is not read: the error line and hint only', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'stageform-frame-'));
    try {
      await writeFile(path.join(dir, 'stageform.yaml'), 'project: big\nregion: us-east-1\n');
      await writeFile(path.join(dir, 'big.yaml'), `apiVersion: stageform/v1 # ${'x'.repeat(2 * 1024 * 1024)}\n`);
      expect(readSourceFrom(dir)('stageform.yaml')).to.equal('project: big\nregion: us-east-1\n');
      expect(readSourceFrom(dir)('big.yaml')).to.equal(undefined);
      const c = captureIo({ tty: true });
      expect(await runCli(['validate', '--no-color', dir], { ...c.io, cwd: dir })).to.equal(1);
      expect(c.err().split('\n').slice(0, 2)).to.deep.equal([
        'big.yaml:1:1: error[FILE_TOO_LARGE]: file is 2097180 bytes, more than the 1048576-byte limit for a manifest',
        '  hint: split it into several manifest files',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('GIVEN the built binary WHEN validating an alias bomb and a custom tag THEN errors, exit 1, no stack trace, nothing executed', async function () {
    this.timeout(20000);
    const result = await runBuiltCli(['validate', 'test/fixtures/invalid/alias-bomb.yaml', 'test/fixtures/invalid/custom-tag.yaml'], { cwd: ROOT, env: cliEnv('') });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.equal(
      [
        'test/fixtures/invalid/alias-bomb.yaml:6:10: error[ALIAS_LIMIT]: aliases expand to too many nodes (limit 100)',
        '  hint: write the values out instead of nesting anchors and aliases',
        'test/fixtures/invalid/custom-tag.yaml:4:9: error[UNSUPPORTED_TAG]: unsupported YAML tag `!!js/function`',
        '  hint: stageform reads plain YAML only; remove the tag (values are never executed)',
        '2 errors in 2 files.',
        '',
      ].join('\n'),
    );
    expect(result.stdout).to.equal('');
  });
});
