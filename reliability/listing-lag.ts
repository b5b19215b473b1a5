// Scenario: ListCompositions lags behind starts and stops (AWS does not promise it keeps up). Round
// after round, apply creations, replacements and restarts, then plan at once, with the listing
// 2 s behind: no composition may be started twice, and the plan right after an apply must show no
// changes (apply waits until the listing shows what it did; a plan has only the listing).
import { runBuiltCli, cliEnv } from '../bench/child.js';
import {
  checkFailureReport,
  duplicateAddresses,
  figure,
  isManaged,
  ScratchProject,
  stageIds,
  startApply,
  startWorld,
  twoPerStage,
  unconvergedAddresses,
  delay,
  type Figure,
} from './harness.js';

export interface ListingLagOptions {
  readonly rounds: number;
  readonly stages: number;
  /** How far ListCompositions is behind (default 2000 ms). */
  readonly lagMs?: number;
}

const SCENARIO = 'listing-lag';

export async function runListingLagScenario(options: ListingLagOptions): Promise<Figure[]> {
  const lagMs = options.lagMs ?? 2000;
  const ids = stageIds(options.stages);
  const emulator = await startWorld(ids, 11);
  emulator.handle.emulator.configureFaults({ ListCompositions: { listingLagMs: lagMs } });
  const project = new ScratchProject();
  try {
    const duplicates: string[] = [];
    const falseDrift: string[] = [];
    const unconverged: string[] = [];
    const problems: string[] = [];
    let restarts = 0;
    for (let round = 0; round < options.rounds; round++) {
      // Round 0 creates everything; later rounds change one layout in two (replacements, both
      // orders), leave a composition out and bring it back (creations and deletes), and every
      // third round someone stops one (a restart), long enough ago for the listing to show it.
      if (round % 3 === 2) {
        const running = emulator.handle.emulator.compositions().filter((c) => isManaged(c) && c.state === 'ACTIVE');
        const victim = running[round % Math.max(1, running.length)];
        if (victim) {
          emulator.handle.emulator.stopCompositionExternally(victim.arn);
          restarts++;
          await delay(lagMs + 200);
        }
      }
      const gap = round === 0 ? undefined : round % 4;
      const desired = project.write(
        twoPerStage(
          ids,
          (i, name) => (i % 2 === round % 2 || name === 'recording' ? gap : undefined),
          (id, name) => round === 0 || name === 'program' || ids.indexOf(id) !== round % ids.length,
        ),
      );
      const apply = await startApply(project, emulator).done;
      problems.push(...checkFailureReport(apply).map((p) => `round ${round}: ${p}`));
      if (apply.code !== 0) problems.push(`round ${round}: apply exit ${apply.code}: ${(apply.stdout + apply.stderr).split('\n').filter(Boolean).slice(-3).join(' | ')}`);
      const plan = await runBuiltCli(['plan', '--detailed-exitcode', '--no-color', project.dir], { cwd: project.dir, env: cliEnv(emulator.endpoint) });
      if (plan.code !== 0) {
        const lines = plan.stdout.split('\n').filter((l) => /^\s*(#|[-+~]|\S+\/\S+)/.test(l)).slice(0, 4);
        falseDrift.push(`round ${round}: plan exit ${plan.code}: ${lines.join(' | ')}`);
      }
      for (const d of duplicateAddresses(emulator.handle, true)) duplicates.push(`round ${round}: ${d}`);
      for (const u of unconvergedAddresses(emulator.handle, desired)) unconverged.push(`round ${round}: ${u}`);
    }
    return [
      figure(SCENARIO, `duplicate compositions (same spec twice), ${options.rounds} apply/plan rounds, listing ${lagMs / 1000} s behind`, duplicates.length, '0', duplicates.length === 0, duplicates),
      figure(SCENARIO, 'false drift: plan right after a successful apply shows changes', falseDrift.length, '0', falseDrift.length === 0, falseDrift),
      figure(SCENARIO, `addresses without exactly 1 running after apply (${restarts} restarts)`, unconverged.length, '0', unconverged.length === 0, unconverged),
      figure(SCENARIO, 'apply runs that failed or reported unclearly', problems.length, '0', problems.length === 0, problems),
    ];
  } finally {
    project.remove();
    await emulator.stop();
  }
}
