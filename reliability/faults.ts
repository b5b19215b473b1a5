// Scenario 1: apply under injected faults on every operation (InternalServerException, throttling,
// latency jitter): create from empty, change some, remove some. Each phase must converge in one
// run (two at most), start no duplicates, leave unmanaged compositions alone and never report
// success that a fresh plan contradicts.
import {
  applyUntilConverged,
  checkFailureReport,
  duplicateAddresses,
  figure,
  ScratchProject,
  snapshotUnmanaged,
  stageIds,
  startWorld,
  touchedUnmanaged,
  twoPerStage,
  type Figure,
} from './harness.js';
import type { BuiltCliRun } from '../bench/child.js';

export interface FaultsOptions {
  /** Compositions in the first phase (two per stage). */
  readonly compositions: number;
  readonly changed: number;
  readonly removed: number;
  readonly errorRate?: number;
  readonly throttleRate?: number;
  readonly jitterMs?: number;
  readonly randomSeed?: number;
}

const SCENARIO = 'faults';

export async function runFaultsScenario(options: FaultsOptions): Promise<Figure[]> {
  const ids = stageIds(Math.ceil(options.compositions / 2));
  const emulator = await startWorld(ids, options.randomSeed ?? 7);
  const project = new ScratchProject();
  try {
    const unmanaged = snapshotUnmanaged(emulator.handle);
    emulator.handle.emulator.configureFaults({
      '*': { internalErrorRate: options.errorRate ?? 0.1, throttleRate: options.throttleRate ?? 0.1, jitterMs: options.jitterMs ?? 40 },
    });

    // The phases: everything from empty; `changed` compositions get a new layout (replace, both
    // orders); `removed` ones leave the manifests (delete).
    const changedKeys = new Set<string>();
    const order = ids.flatMap((id) => [`${id}/program`, `${id}/recording`]);
    for (let i = 0; i < options.changed; i++) changedKeys.add(order[(i * 3) % order.length]);
    const removedKeys = new Set(order.slice(order.length - options.removed));
    const changedGap = (i: number, name: string): number | undefined => (changedKeys.has(`${ids[i]}/${name}`) ? 8 : undefined);
    const phases: { name: string; stages: ReturnType<typeof twoPerStage> }[] = [
      { name: 'create', stages: twoPerStage(ids) },
      { name: 'change', stages: twoPerStage(ids, changedGap) },
      { name: 'remove', stages: twoPerStage(ids, changedGap, (id, name) => !removedKeys.has(`${id}/${name}`)) },
    ];

    const runsPerPhase: string[] = [];
    let maxRuns = 0;
    let unconverged = 0;
    let silentSuccess = 0;
    const reportProblems: string[] = [];
    let failedRuns = 0;
    const duplicatesSeen = new Set<string>();
    for (const phase of phases) {
      project.write(phase.stages);
      const onRun = (run: BuiltCliRun): void => {
        if (run.code !== 0) failedRuns++;
        reportProblems.push(...checkFailureReport(run));
        for (const d of duplicateAddresses(emulator.handle, true)) duplicatesSeen.add(`${phase.name}: ${d}`);
      };
      const outcome = await applyUntilConverged(project, emulator, 4, onRun);
      for (const d of duplicateAddresses(emulator.handle)) duplicatesSeen.add(`${phase.name} converged: ${d}`);
      runsPerPhase.push(`${phase.name}=${outcome.converged ? outcome.runs : `>${outcome.runs}`}`);
      maxRuns = Math.max(maxRuns, outcome.converged ? outcome.runs : Infinity);
      if (!outcome.converged) unconverged++;
      silentSuccess += outcome.silentSuccess;
    }
    const injected = emulator.handle.emulator.callCounts().injectedErrors;
    const injectedTotal = Object.values(injected).reduce((a, b) => a + b, 0);
    const touched = touchedUnmanaged(emulator, unmanaged);
    return [
      figure(SCENARIO, `apply runs to converge (${runsPerPhase.join(', ')})`, maxRuns === Infinity ? 'never' : maxRuns, '1 (at most 2)', maxRuns <= 2),
      figure(SCENARIO, 'duplicates (running per address > 1)', duplicatesSeen.size, '0', duplicatesSeen.size === 0, [...duplicatesSeen]),
      figure(SCENARIO, 'unmanaged compositions touched', touched.length, '0', touched.length === 0, touched),
      figure(SCENARIO, 'non-zero applies not naming each failure with a code', `${reportProblems.length} of ${failedRuns}`, '0', reportProblems.length === 0, reportProblems),
      figure(SCENARIO, 'exit-0 applies contradicted by plan (silent success)', silentSuccess, '0', silentSuccess === 0),
      figure(SCENARIO, 'faults injected (errors + throttles)', injectedTotal, '> 0', injectedTotal > 0),
    ].concat(unconverged > 0 ? [figure(SCENARIO, 'phases not converged in 4 runs', unconverged, '0', false)] : []);
  } finally {
    project.remove();
    await emulator.stop();
  }
}
