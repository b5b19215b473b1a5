// Scenario 3: three applies of the same project started at the same moment, round after round, each
// round wanting something new. Exactly one composition must run per address afterwards, and what
// the losers tell the user must be one clear line per problem, never a stack trace.
import {
  applyUntilConverged,
  checkFailureReport,
  duplicateAddresses,
  figure,
  ScratchProject,
  snapshotUnmanaged,
  stageIds,
  startApply,
  startWorld,
  touchedUnmanaged,
  twoPerStage,
  unconvergedAddresses,
  type Figure,
} from './harness.js';

export interface ConcurrencyOptions {
  readonly rounds: number;
  readonly stages: number;
  /** Applies started at once (3). */
  readonly applies?: number;
}

const SCENARIO = 'concurrency';

export async function runConcurrencyScenario(options: ConcurrencyOptions): Promise<Figure[]> {
  const ids = stageIds(options.stages);
  const emulator = await startWorld(ids, 5);
  const project = new ScratchProject();
  const applies = options.applies ?? 3;
  try {
    const unmanaged = snapshotUnmanaged(emulator.handle);
    const wrongCounts: string[] = [];
    const duplicates: string[] = [];
    const reportProblems: string[] = [];
    const errorKinds = new Map<string, number>();
    let failedRuns = 0;
    let followUps = 0;
    for (let round = 0; round < options.rounds; round++) {
      const gap = round === 0 ? undefined : round % 3;
      const desired = project.write(twoPerStage(ids, (i, name) => (name === 'recording' || i % 2 === round % 2 ? gap : undefined)));
      const runs = await Promise.all(Array.from({ length: applies }, () => startApply(project, emulator).done));
      for (const run of runs) {
        if (run.code !== 0) failedRuns++;
        reportProblems.push(...checkFailureReport(run));
        for (const line of (run.stdout + run.stderr).split('\n')) {
          const code = /: failed: ([A-Za-z]+):/.exec(line)?.[1] ?? /^Error: (?:\S+ failed: )?([A-Za-z]+)/.exec(line)?.[1];
          if (code) errorKinds.set(code, (errorKinds.get(code) ?? 0) + 1);
        }
      }
      for (const d of duplicateAddresses(emulator.handle, true)) duplicates.push(`round ${round}: ${d}`);
      // All three ended: a start-first replacement may still be running its old spec when the
      // apply that would stop it lost a race, but nothing may be missing or doubled once one
      // apply of the same manifests has succeeded.
      const succeeded = runs.some((r) => r.code === 0);
      if (!succeeded) {
        const outcome = await applyUntilConverged(project, emulator, 2);
        followUps += outcome.runs;
      }
      const wrong = unconvergedAddresses(emulator.handle, desired);
      for (const w of wrong) wrongCounts.push(`round ${round}: ${w}`);
    }
    const touched = touchedUnmanaged(emulator, unmanaged);
    const kinds = [...errorKinds].sort().map(([k, n]) => `${k} x${n}`).join(', ') || 'none';
    return [
      figure(SCENARIO, `addresses without exactly 1 running, after ${options.rounds} rounds of ${applies} applies`, wrongCounts.length, '0', wrongCounts.length === 0, wrongCounts),
      figure(SCENARIO, 'duplicates (same spec running twice)', duplicates.length, '0', duplicates.length === 0, duplicates),
      figure(SCENARIO, `errors surfaced (${kinds})`, `${failedRuns} of ${options.rounds * applies} runs`, 'clear', true),
      figure(SCENARIO, 'errors unclear (no code, stack trace, odd exit)', reportProblems.length, '0', reportProblems.length === 0, reportProblems),
      figure(SCENARIO, 'follow-up applies needed (no run of a round succeeded)', followUps, '0', followUps === 0),
      figure(SCENARIO, 'unmanaged compositions touched', touched.length, '0', touched.length === 0, touched),
    ];
  } finally {
    project.remove();
    await emulator.stop();
  }
}
