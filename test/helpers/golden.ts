// Golden files: a rendering is compared with the file checked in under test/golden/. They are
// rewritten only when UPDATE_GOLDEN is exactly "1" (any other value, even "true", compares), and
// a rewritten file is reviewed like code.
import { expect } from 'chai';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../../bench/child.js';

const GOLDEN_DIR = join(ROOT, 'test', 'golden');

/** `file` is relative to test/golden/ in the source tree (the tests run from dist/). */
export function expectGolden(file: string, actual: string): void {
  const path = join(GOLDEN_DIR, file);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `test/golden/${file} is missing: run the tests with UPDATE_GOLDEN=1 and review it`).to.equal(true);
  expect(actual, `test/golden/${file} differs: review the change, then UPDATE_GOLDEN=1`).to.equal(readFileSync(path, 'utf8'));
}
