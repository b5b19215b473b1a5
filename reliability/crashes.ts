// Scenario 2: SIGKILL an apply at a random moment (after a random delay, or once the emulator has
// seen a random number of StartComposition calls), run it again, and check it converges with no
// duplicate and no unmanaged composition touched.
import {
  applyUntilConverged,
  createRandom,
  delay,
  duplicateAddresses,
  figure,
  pickInt,
  ScratchProject,
  snapshotUnmanaged,
  stageIds,
  startApply,
  startWorld,
  touchedUnmanaged,
  twoPerStage,
  until,
  unconvergedAddresses,
  type Figure,
} from './harness.js';

export interface CrashesOptions {
  readonly kills: number;
  readonly stages: number;
  readonly randomSeed?: number;
}

const SCENARIO = 'crashes';

export async function runCrashesScenario(options: CrashesOptions): Promise<Figure[]> {
  const random = createRandom(options.randomSeed ?? 11);
  const ids = stageIds(options.stages);
  const emulator = await startWorld(ids, 3);
  const project = new ScratchProject();
  try {
    const unmanaged = snapshotUnmanaged(emulator.handle);
    const duplicates = new Set<string>();
    const unconverged: string[] = [];
    let killedMidway = 0;
    let maxReruns = 0;
    let totalReruns = 0;
    for (let round = 0; round < options.kills; round++) {
      // Each round wants something new: layouts flip (replacements both ways), and every third
      // round drops the recordings of a few stages (deletes), which the next round brings back.
      const gap = round % 2 === 0 ? undefined : 4 + (round % 5);
      const dropped = round % 3 === 2 ? new Set(ids.slice(0, Math.ceil(ids.length / 3))) : new Set<string>();
      const desired = project.write(
        twoPerStage(
          ids,
          (i, name) => (name === 'recording' || round % 4 === 1 ? gap : undefined),
          (id, name) => !(dropped.has(id) && name === 'recording'),
        ),
      );

      const starts = (): number => emulator.handle.emulator.callCounts().calls.StartComposition ?? 0;
      const before = starts();
      const apply = startApply(project, emulator);
      if (random() < 0.5) {
        await delay(pickInt(random, 150, 1500));
      } else {
        const after = pickInt(random, 1, Math.max(1, ids.length));
        await until(() => starts() - before >= after || apply.child.exitCode !== null, 20_000);
      }
      const wasRunning = apply.child.exitCode === null;
      apply.child.kill('SIGKILL');
      await apply.done;
      if (wasRunning) killedMidway++;
      for (const d of duplicateAddresses(emulator.handle, true)) duplicates.add(`round ${round} after kill: ${d}`);

      const outcome = await applyUntilConverged(project, emulator, 3, () => {
        for (const d of duplicateAddresses(emulator.handle, true)) duplicates.add(`round ${round}: ${d}`);
      });
      for (const d of duplicateAddresses(emulator.handle)) duplicates.add(`round ${round} converged: ${d}`);
      maxReruns = Math.max(maxReruns, outcome.runs);
      totalReruns += outcome.runs;
      if (!outcome.converged) unconverged.push(`round ${round}: ${unconvergedAddresses(emulator.handle, desired).join('; ')}`);
    }
    const touched = touchedUnmanaged(emulator, unmanaged);
    return [
      figure(SCENARIO, `applies SIGKILLed mid-run`, `${killedMidway} of ${options.kills}`, `${options.kills}`, killedMidway > 0),
      figure(SCENARIO, 're-runs to converge after a kill (max; total)', `${maxReruns}; ${totalReruns}`, 'max 1 (at most 2)', maxReruns <= 2 && unconverged.length === 0, unconverged),
      figure(SCENARIO, 'duplicates (running per address > 1)', duplicates.size, '0', duplicates.size === 0, [...duplicates]),
      figure(SCENARIO, 'unmanaged compositions touched', touched.length, '0', touched.length === 0, touched),
    ];
  } finally {
    project.remove();
    await emulator.stop();
  }
}
