// Small versions of the reliability scenarios (reliability/run.ts runs them at full size): the
// built CLI against the emulator, with unmanaged compositions on every stage.
import { expect } from 'chai';
import { join } from 'node:path';
import { cliEnv, ROOT, runNode } from '../bench/child.js';
import { runBusyChannelScenario } from '../reliability/busy-channel.js';
import { runCrashesScenario } from '../reliability/crashes.js';
import { runFaultsScenario } from '../reliability/faults.js';
import type { Figure } from '../reliability/harness.js';
import { createRandom } from '../reliability/harness.js';
import { MUTATION_KINDS, mutate, runHostileScenario } from '../reliability/hostile.js';
import { runSafetyScenario } from '../reliability/safety.js';
import { runSecretsScenario } from '../reliability/secrets.js';
import { runStateFileScenario } from '../reliability/state-file.js';
import { runReconcileWeekScenario } from '../reliability/reconcile-week.js';
import { runScheduleWeekScenario } from '../reliability/schedule-week.js';

function failing(figures: readonly Figure[]): string[] {
  return figures.filter((f) => !f.pass).map((f) => `${f.figure} = ${f.value} (target ${f.target}) ${(f.details ?? []).join('; ')}`);
}

describe('reliability scenarios (small)', function () {
  this.timeout(60_000);
  before(() => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  });

  const cases: { name: string; run: () => Promise<Figure[]> }[] = [
    { name: '10% errors, 10% throttles and jitter on every call: create 8, change 2, remove 2', run: () => runFaultsScenario({ compositions: 8, changed: 2, removed: 2 }) },
    { name: 'an apply SIGKILLed 3 times at random moments, then re-run', run: () => runCrashesScenario({ kills: 3, stages: 3 }) },
    { name: '48 hostile mutations through the loader, validate (1 process) and apply (3 processes)', run: () => runHostileScenario({ mutations: 48, applySample: 3, validateBatch: 48 }) },
    { name: 'the emulator SIGKILLed 3 times while writing its state file', run: () => runStateFileScenario({ kills: 3 }) },
    { name: 'fake credentials (env and profile) against 3 endpoints', run: () => runSecretsScenario({ quick: true }) },
    { name: 'a channel busy from an outside broadcast, then from an undeclared stage (2 runs)', run: () => runBusyChannelScenario({ runs: 2 }) },
    { name: '2 signals after stop-first stops, 2 starts failing after the stop, 2 restart cycles with remembered tokens, a silent endpoint', run: () => runSafetyScenario({ runs: 2, requestTimeoutSeconds: 1 }) },
  ];
  for (const c of cases) {
    it(`GIVEN ${c.name} THEN every figure meets its target`, async () => {
      const figures = await c.run();
      expect(figures.length).to.be.greaterThan(0);
      expect(failing(figures)).to.deep.equal([]);
    });
  }
});

describe('reliability: manifest mutations', () => {
  const base = Buffer.from('apiVersion: stageform/v1\nkind: StageCompositions\nmetadata:\n  name: show\nspec:\n  compositions:\n    - name: a\n');
  for (const kind of MUTATION_KINDS) {
    it(`GIVEN the same seed WHEN mutating with ${kind} THEN the bytes are the same each time`, () => {
      const a = mutate(kind, base, createRandom(5));
      const b = mutate(kind, base, createRandom(5));
      expect(a.equals(b)).to.equal(true);
    });
  }
});

describe('npm run reliability: arguments', () => {
  const runReliability = (...args: string[]) => runNode([join(ROOT, 'dist', 'reliability', 'run.js'), ...args], { cwd: ROOT, env: cliEnv('') });

  it('GIVEN --only with a misspelt scenario WHEN run THEN it names the scenarios and exits 2, rather than passing 0 of 0 figures', async () => {
    const run = await runReliability('--only', 'fautls');
    expect(run.code).to.equal(2);
    expect(run.stderr).to.equal('reliability: unknown scenario fautls (one of faults, crashes, concurrency, hostile, state-file, secrets, busy-channel, safety, listing-lag, reconcile-week, reconcile-kill, schedule-week)\n');
    expect(run.stdout).to.equal('');
  });

  it('GIVEN an unknown flag WHEN run THEN it says so and exits 2', async () => {
    const run = await runReliability('--quik');
    expect(run.code).to.equal(2);
    expect(run.stderr).to.match(/^reliability: Unknown option '--quik'/);
  });
});

describe('reliability: the reconcile loop through simulated shows (small)', function () {
  this.timeout(60_000);
  it('GIVEN a simulated hour of shows, destination failures, stops every 20 min (a shortened 24-hour limit), 10% API faults and a kill THEN every figure meets its target', async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    const figures = await runReconcileWeekScenario({ days: 1 / 24, stages: 2, intervalMs: 60_000, kills: 1, faultRate: 0.1, compositionLimitMs: 20 * 60_000 });
    expect(failing(figures)).to.deep.equal([]);
    expect(figures.map((f) => f.figure)).to.have.length(4);
  });
});

describe('reliability: show schedules under the reconcile loop (small)', function () {
  this.timeout(120_000);
  it('GIVEN a simulated day of weekday, one-off, deny-interrupted and longer-than-the-limit windows (a 6-hour limit) at a 5-minute tick THEN every start, stop and limit restart is within one tick of its edge', async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    const figures = await runScheduleWeekScenario({ days: 1, intervalMs: 300_000, compositionLimitMs: 6 * 3_600_000 });
    expect(failing(figures)).to.deep.equal([]);
    // 5 openings and 5 closings on a Monday (two of each for the deny window); 3 limit stops in the 20-hour window.
    expect(figures.map((f) => f.value).slice(0, 3)).to.deep.equal([
      '5 of 5, latest 1.0 s after the edge',
      '5 of 5, latest 1.0 s after the edge',
      '3 of 3 limit stops, latest 1.0 s after the stop',
    ]);
  });
});
