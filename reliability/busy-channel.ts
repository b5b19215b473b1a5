// Scenario: a channel already live from another source when a replacement would move a program
// onto it: an outside (RTMP) broadcast, or a composition on a stage the project does not declare.
// Preflight must refuse every such plan before anything is applied: no StopComposition, the live
// program untouched, one clear error line naming the channel.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARN,
  checkFailureReport,
  figure,
  manifestText,
  ScratchProject,
  stageArn,
  stageIds,
  startApply,
  startWorld,
  unconvergedAddresses,
  channelId,
  type Figure,
} from './harness.js';

export interface BusyChannelOptions {
  /** Applies against a busy channel, alternating outside broadcasts and undeclared-stage compositions. */
  readonly runs: number;
}

const SCENARIO = 'busy-channel';
const ELSEWHERE = 'Elsewhere1';

export async function runBusyChannelScenario(options: BusyChannelOptions): Promise<Figure[]> {
  const [stage] = stageIds(1) as [string];
  const emulator = await startWorld([stage], 7);
  const project = new ScratchProject();
  const name = stage.toLowerCase();
  try {
    emulator.handle.emulator.seed({ stages: [{ id: ELSEWHERE, participants: [{ userId: 'someone-else' }] }] });
    const desired = project.write({ [stage]: [{ name: 'program', channel: true }, { name: 'recording' }] });
    const first = await startApply(project, emulator).done;
    if (first.code !== 0) throw new Error(`busy-channel: the first apply failed: ${first.stderr}`);

    let refused = 0;
    const stops: string[] = [];
    const unclear: string[] = [];
    const dark: string[] = [];
    for (let run = 0; run < options.runs; run++) {
      const busy = `Busy${run}`;
      const outside = run % 2 === 0;
      emulator.handle.emulator.seed({ channels: [{ id: busy, live: outside }] });
      if (!outside) {
        emulator.handle.emulator.seed({ compositions: [{ stageArn: stageArn(ELSEWHERE), destinations: [{ channel: { channelArn: `${ARN}:channel/${busy}` } }] }] });
      }
      // The program moves to the busy channel with a new layout: a stop-first replacement.
      const text = manifestText(name, stage, [{ name: 'program', channel: true, gridGap: 3 + run }, { name: 'recording' }]).replace(`channel/${channelId(stage)}`, `channel/${busy}`);
      project.write({});
      writeManifest(project.dir, name, text);
      const before = emulator.writes.length;
      const result = await startApply(project, emulator).done;
      const newStops = emulator.writes.slice(before).filter((w) => w.operation === 'StopComposition' || w.operation === 'StartComposition');
      if (result.code === 1 && new RegExp(`error\\[CHANNEL_BUSY\\]: ${name}/program needs channel ${ARN}:channel/${busy}`).test(result.stderr)) refused++;
      for (const w of newStops) stops.push(`run ${run} (${outside ? 'outside broadcast' : 'undeclared stage'}): ${w.operation} ${w.target}`);
      unclear.push(...checkFailureReport(result).map((p) => `run ${run}: ${p}`));
      for (const w of unconvergedAddresses(emulator.handle, desired)) dark.push(`run ${run}: ${w}`);
    }
    const percent = options.runs === 0 ? 100 : Math.round((refused / options.runs) * 100);
    return [
      figure(SCENARIO, `a busy channel refused at plan (${options.runs} runs, outside broadcasts and undeclared-stage compositions)`, `${percent}% (${refused} of ${options.runs})`, '100%', refused === options.runs),
      figure(SCENARIO, 'StopComposition (or StartComposition) calls while the channel was busy', stops.length, '0', stops.length === 0, stops),
      figure(SCENARIO, 'addresses left without exactly 1 running composition', dark.length, '0', dark.length === 0, dark),
      figure(SCENARIO, 'errors unclear (no code, stack trace, odd exit)', unclear.length, '0', unclear.length === 0, unclear),
    ];
  } finally {
    project.remove();
    await emulator.stop();
  }
}

function writeManifest(dir: string, name: string, text: string): void {
  writeFileSync(join(dir, 'stages', `${name}.yaml`), text);
}
