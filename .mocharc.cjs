// mocha runs the built test files (dist/) in parallel worker processes, one per core and at least
// two: much of the suite waits on child processes and emulator delays, time a second worker uses.
// Every test file must therefore stand alone: free ports (port 0), its own temp directories,
// nothing left for another file (README, "Developing stageform").
// `npx mocha --no-parallel` runs them one after another; `--jobs N` sets the workers.
const { existsSync, readdirSync } = require('node:fs');
const { availableParallelism } = require('node:os');
const path = require('node:path');

const TEST_DIRS = ['dist/test', 'dist/emulator/test'];

// The longest files start first, so that no worker is left running one of them alone at the end.
// Only an ordering: every *.test.js under TEST_DIRS runs, listed here or not.
const LONGEST_FIRST = [
  'dist/test/reliability-scenarios.test.js',
  'dist/test/reliability-reconcile-kill.test.js',
  'dist/test/apply-cli.test.js',
  'dist/test/apply-safety.test.js',
  'dist/test/lifecycle-cli.test.js',
  'dist/test/package-install.test.js',
  'dist/test/documented-limits.test.js',
];

function testFiles(dir) {
  const absolute = path.join(__dirname, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true })
    .filter((name) => name.endsWith('.test.js'))
    .map((name) => `${dir}/${name.split(path.sep).join('/')}`)
    .sort();
}

const found = TEST_DIRS.flatMap(testFiles);
const spec = [...LONGEST_FIRST.filter((file) => found.includes(file)), ...found.filter((file) => !LONGEST_FIRST.includes(file))];

module.exports = {
  // Before a build there is nothing to order: the patterns make mocha say no test files were found.
  spec: spec.length > 0 ? spec : TEST_DIRS.map((dir) => `${dir}/**/*.test.js`),
  parallel: true,
  jobs: Math.max(2, availableParallelism()),
  timeout: 20000,
  reporter: 'spec',
};
