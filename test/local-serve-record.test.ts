// The record `local serve` leaves for `local admin`: written where it can be, one clear error where not.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '../core/model/diagnostics.js';
import { readServeRecord, recordServe } from '../cli/local-serve-record.js';

describe('local serve record', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'stageform-serve-record-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('GIVEN a project folder WHEN recorded THEN admin finds the endpoint, and forgetting removes it', () => {
    const forget = recordServe(dir, 'http://127.0.0.1:4566', 4242);
    expect(readServeRecord(dir)).to.deep.include({ pid: 4242, endpoint: 'http://127.0.0.1:4566' });
    forget();
    expect(readServeRecord(dir)).to.equal(undefined);
  });

  // Node's recursive mkdir loops forever where mkdir answers ENOENT under an existing parent (/proc).
  for (const [name, at] of [
    ['under a regular file', () => path.join(dir, 'file', 'project')],
    ['under /proc', () => '/proc/stageform-nope'],
  ] as const) {
    it(`GIVEN a folder ${name} WHEN recorded THEN CANNOT_WRITE naming the folder, at once`, () => {
      writeFileSync(path.join(dir, 'file'), '');
      expect(() => recordServe(at(), 'http://127.0.0.1:4566'))
        .to.throw(UserError)
        .with.property('code', 'CANNOT_WRITE');
    });
  }
});
