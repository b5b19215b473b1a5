// The README's tables of codes are a contract users grep and alert on: each lists exactly the
// members of the union the code carries, so a new code cannot ship undocumented.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPLY_ERROR_CODES } from '../core/model/apply-result.js';
import { DIAGNOSTIC_CODES } from '../core/model/diagnostics.js';
import { DRIFT_KINDS, WARNING_CODES } from '../core/model/plan.js';
import { ROOT as REPO_ROOT } from '../bench/child.js';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** The backquoted names in the first column of the first table under the heading `### title`. */
function codesInTable(title: string): string[] {
  const lines = README.split('\n');
  const start = lines.findIndex((l) => /^#{2,4} /.test(l) && l.replace(/^#+ /, '').trim() === title);
  expect(start, `README has no section "${title}"`).to.be.greaterThan(-1);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^#{1,4} /.test(l));
  const section = end === -1 ? rest : rest.slice(0, end);
  const first = section.findIndex((l) => l.startsWith('|'));
  expect(first, `"${title}" has no table`).to.be.greaterThan(-1);
  const rows: string[] = [];
  for (const line of section.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|')[1]);
  }
  return rows.flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1])).sort();
}

describe('README tables of codes', () => {
  const tables: { title: string; members: readonly string[] }[] = [
    { title: 'Error codes', members: DIAGNOSTIC_CODES },
    { title: 'Warning codes', members: WARNING_CODES },
    { title: 'Drift kinds', members: DRIFT_KINDS },
    { title: 'Apply error codes', members: APPLY_ERROR_CODES },
  ];
  for (const { title, members } of tables) {
    it(`GIVEN README "${title}" THEN it lists exactly the union's members, each once`, () => {
      expect(codesInTable(title)).to.deep.equal([...members].sort());
    });
  }
});
