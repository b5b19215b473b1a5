import { expect } from 'chai';
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
    { name: 'a terminal, disabled (--no-color)', stderr: { isTTY: true, columns: 80 }, enabled: false, writes: false },
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
});
