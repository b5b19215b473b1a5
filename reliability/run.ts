// `npm run reliability [-- --quick] [-- --only NAME]`: every scenario at full size (or small with
// --quick), then one table: scenario, figure, value, target, pass/fail. Exit 1 when a figure fails.
import { parseArgs } from 'node:util';
import { runBusyChannelScenario } from './busy-channel.js';
import { runConcurrencyScenario } from './concurrency.js';
import { runCrashesScenario } from './crashes.js';
import { runFaultsScenario } from './faults.js';
import type { Figure } from './harness.js';
import { runHostileScenario } from './hostile.js';
import { runListingLagScenario } from './listing-lag.js';
import { runSafetyScenario } from './safety.js';
import { runSecretsScenario } from './secrets.js';
import { runStateFileScenario } from './state-file.js';
import { runReconcileWeekScenario } from './reconcile-week.js';
import { runReconcileKillScenario } from './reconcile-kill.js';
import { runScheduleWeekScenario } from './schedule-week.js';

interface Scenario {
  readonly name: string;
  run(quick: boolean): Promise<Figure[]>;
}

export const SCENARIOS: readonly Scenario[] = [
  { name: 'faults', run: (q) => runFaultsScenario(q ? { compositions: 16, changed: 4, removed: 4 } : { compositions: 50, changed: 10, removed: 10 }) },
  { name: 'crashes', run: (q) => runCrashesScenario(q ? { kills: 5, stages: 5 } : { kills: 20, stages: 10 }) },
  { name: 'concurrency', run: (q) => runConcurrencyScenario(q ? { rounds: 3, stages: 5 } : { rounds: 10, stages: 10 }) },
  { name: 'hostile', run: (q) => runHostileScenario(q ? { mutations: 200, applySample: 10 } : { mutations: 2000, applySample: 100 }) },
  { name: 'state-file', run: (q) => runStateFileScenario(q ? { kills: 5 } : { kills: 30 }) },
  { name: 'secrets', run: (q) => runSecretsScenario({ quick: q }) },
  { name: 'busy-channel', run: (q) => runBusyChannelScenario({ runs: q ? 4 : 20 }) },
  { name: 'safety', run: (q) => runSafetyScenario(q ? { runs: 5, requestTimeoutSeconds: 1 } : { runs: 20, requestTimeoutSeconds: 2 }) },
  { name: 'listing-lag', run: (q) => runListingLagScenario(q ? { rounds: 6, stages: 3 } : { rounds: 50, stages: 4 }) },
  {
    name: 'reconcile-week',
    run: (q) => runReconcileWeekScenario(q ? { days: 1, stages: 4, intervalMs: 60_000, kills: 3, faultRate: 0.1 } : { days: 7, stages: 10, intervalMs: 60_000, kills: 10, faultRate: 0.1 }),
  },
  { name: 'reconcile-kill', run: (q) => runReconcileKillScenario(q ? { kills: 6, showStages: 3, slackMs: 3000 } : { kills: 24, showStages: 4, slackMs: 3000 }) },
  { name: 'schedule-week', run: (q) => runScheduleWeekScenario({ days: q ? 2 : 7, intervalMs: 60_000 }) },
];

export function renderTable(figures: readonly Figure[]): string {
  const header = ['Scenario', 'Figure', 'Value', 'Target', 'Result'];
  const rows = figures.map((f) => [f.scenario, f.figure, f.value, f.target, f.pass ? 'pass' : 'FAIL']);
  const escape = (s: string): string => s.replace(/\|/g, '\\|');
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(escape).join(' | ')} |`)];
  const details = figures.filter((f) => !f.pass && f.details?.length).flatMap((f) => [`\n${f.scenario}: ${f.figure}:`, ...f.details!.map((d) => `  - ${d}`)]);
  return lines.join('\n') + '\n' + (details.length ? details.join('\n') + '\n' : '');
}

/** `--quick` and `--only a,b`; a thrown Error's message is for the user (an unknown flag or scenario). */
function parseRunArgs(argv: readonly string[]): { quick: boolean; only?: readonly string[] } {
  const { values } = parseArgs({ args: [...argv], options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
  const only = values.only?.split(',');
  const unknown = only?.filter((name) => !SCENARIOS.some((s) => s.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')} (one of ${SCENARIOS.map((s) => s.name).join(', ')})`);
  return { quick: values.quick, ...(only ? { only } : {}) };
}

async function main(argv: readonly string[]): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  let quick: boolean;
  let only: readonly string[] | undefined;
  try {
    ({ quick, only } = parseRunArgs(argv));
  } catch (error) {
    process.stderr.write(`reliability: ${(error as Error).message}\n`);
    return 2;
  }
  const figures: Figure[] = [];
  const began = Date.now();
  for (const scenario of SCENARIOS) {
    if (only && !only.includes(scenario.name)) continue;
    const t = Date.now();
    process.stderr.write(`${scenario.name}...`);
    figures.push(...(await scenario.run(quick)));
    process.stderr.write(` ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  }
  process.stdout.write(renderTable(figures));
  process.stdout.write(`\n${figures.filter((f) => f.pass).length} of ${figures.length} figures pass; ${quick ? 'quick' : 'full'} run took ${((Date.now() - began) / 1000).toFixed(0)} s.\n`);
  return figures.every((f) => f.pass) ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
