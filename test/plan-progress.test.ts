import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { CliIo } from '../cli/io.js';
import { createObserveSpinner } from '../cli/observe-spinner.js';

describe('plan progress on stderr', () => {
  function io(stderr: { isTTY?: boolean; columns?: number }): CliIo & { err: () => string } {
    let err = '';
    const stream = { write: (c: string) => ((err += c), true), ...stderr, cursorTo: () => true, moveCursor: () => true, clearLine: () => true };
    return { stdout: { write: () => true }, stderr: stream, cwd: '/', env: {}, err: () => err };
  }
  const cases: { name: string; stderr: { isTTY?: boolean; columns?: number }; enabled: boolean; writes: boolean }[] = [
    { name: 'not a terminal', stderr: {}, enabled: true, writes: false },
    { name: 'a terminal with no width', stderr: { isTTY: true, columns: 0 }, enabled: true, writes: false },
    { name: 'a terminal, disabled', stderr: { isTTY: true, columns: 80 }, enabled: false, writes: false },
    { name: 'a terminal', stderr: { isTTY: true, columns: 80 }, enabled: true, writes: true },
  ];
  for (const c of cases) {
    it(`GIVEN ${c.name} THEN ${c.writes ? 'a spinner' : 'nothing at all'}`, async () => {
      const streams = io(c.stderr);
      const progress = await createObserveSpinner(streams, { enabled: c.enabled });
      progress.update({ phase: 'ListCompositions', done: 1, total: 3 });
      progress.stop();
      expect(streams.err().length > 0).to.equal(c.writes);
    });
  }

  // In a child process with FORCE_COLOR, so the colour library ora uses would colour if asked.
  for (const color of [true, false]) {
    it(`GIVEN a terminal and colour ${color ? 'on' : 'off (--no-color, NO_COLOR)'} THEN a spinner ${color ? 'in cyan' : 'without colour'}`, async () => {
      const script = `
        const { createObserveSpinner } = await import(${JSON.stringify(new URL('../cli/observe-spinner.js', import.meta.url).href)});
        let err = '';
        const stderr = { isTTY: true, columns: 80, write: (c) => ((err += c), true), cursorTo: () => true, moveCursor: () => true, clearLine: () => true };
        const progress = await createObserveSpinner({ stdout: stderr, stderr, cwd: '/', env: {} }, { enabled: true, color: ${color} });
        progress.stop();
        process.stdout.write(JSON.stringify(err));`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, FORCE_COLOR: '1' } });
      const err = JSON.parse(stdout) as string;
      expect(err).to.include('Reading live compositions');
      expect(err.includes('\u001b[36m')).to.equal(color);
    });
  }
});
