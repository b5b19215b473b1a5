// Scenario 5: `stageform local serve --state FILE` hammered with mutating calls and SIGKILLed at
// random moments, then restarted on the same file: the state must be the old or the new one,
// never corrupt, and the emulator must come up on it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IvsApi } from '../core/ivs/ivs-api.js';
import { createIvsApi } from '../core/ivs/ivs-client.js';
import { readStateFile } from '../emulator/persistence.js';
import { cliEnv, startBuiltCli, type BuiltCliRun, type RunningChild } from '../bench/child.js';
import { ARN, createRandom, delay, figure, pickInt, REGION, stageArn, stageIds, until, worldSeed, type Figure } from './harness.js';

export interface StateFileOptions {
  readonly kills: number;
  readonly randomSeed?: number;
}

const SCENARIO = 'emulator state file';

async function startServe(dir: string, file: string, seedFile: string): Promise<{ cli: RunningChild<BuiltCliRun>; endpoint: string | undefined }> {
  const cli = startBuiltCli(['local', 'serve', '--port', '0', '--state', file, '--seed', seedFile], { cwd: dir, env: cliEnv('') });
  let out = '';
  cli.child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const listening = (): string | undefined => /listening on (http:\/\/\S+)/.exec(out)?.[1];
  await until(() => listening() !== undefined || cli.child.exitCode !== null, 10_000);
  return { cli, endpoint: listening() };
}

/** Mutating calls, many in flight, until stopped; failures (quota, not found, the kill) are expected. */
function hammer(api: IvsApi, random: () => number, ids: readonly string[]): { stop(): void } {
  let running = true;
  const arns: string[] = [];
  const worker = async (): Promise<void> => {
    while (running) {
      const roll = random();
      try {
        if (roll < 0.4 || arns.length === 0) {
          const started = await api.startComposition({
            stageArn: stageArn(ids[pickInt(random, 0, ids.length - 1)]),
            idempotencyToken: `t-${pickInt(random, 0, 1e9)}`,
            layout: { grid: {} },
            destinations: [{ s3: { storageConfigurationArn: `${ARN}:storage-configuration/Store1`, encoderConfigurationArns: [`${ARN}:encoder-configuration/Enc720p`] } }],
            tags: { 'stageform:project': 'hammer', round: String(pickInt(random, 0, 1e9)) },
          });
          arns.push(started.arn);
        } else if (roll < 0.7) {
          await api.tagResource(arns[pickInt(random, 0, arns.length - 1)], { touched: String(pickInt(random, 0, 1e9)) });
        } else {
          await api.stopComposition(arns.splice(pickInt(random, 0, arns.length - 1), 1)[0]);
        }
      } catch {
        if (!running) return;
      }
    }
  };
  for (let i = 0; i < 8; i++) void worker();
  return { stop: () => (running = false) };
}

export async function runStateFileScenario(options: StateFileOptions): Promise<Figure[]> {
  const random = createRandom(options.randomSeed ?? 31);
  const dir = mkdtempSync(join(tmpdir(), 'stageform-state-'));
  const file = join(dir, 'state.json');
  const seedFile = join(dir, 'seed.json');
  const ids = stageIds(20);
  writeFileSync(seedFile, JSON.stringify({ ...worldSeed(ids), compositions: [] }));
  let corrupt = 0;
  let restartFailures = 0;
  let killedWhileWriting = 0;
  let lastSeq = 0;
  const problems: string[] = [];
  try {
    for (let round = 0; round < options.kills; round++) {
      const { cli, endpoint } = await startServe(dir, file, seedFile);
      if (!endpoint) {
        restartFailures++;
        cli.child.kill('SIGKILL');
        const done = await cli.done;
        problems.push(`round ${round}: serve did not come up: ${done.stderr.trim().slice(0, 200)}`);
        break;
      }
      const api = createIvsApi({ region: REGION, endpoint, env: { AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' }, maxAttempts: 1 });
      const load = hammer(api, random, ids);
      await delay(pickInt(random, 30, 400));
      cli.child.kill('SIGKILL');
      await cli.done;
      load.stop();
      killedWhileWriting++;
      try {
        lastSeq = Math.max(lastSeq, readStateFile(file)?.seq ?? 0);
      } catch (error) {
        corrupt++;
        problems.push(`round ${round}: ${(error as Error).message}`);
        // Start the next round from a fresh file so that every kill is judged on its own.
        rmSync(file, { force: true });
      }
    }
    // The last state must load in a fresh emulator too.
    const { cli, endpoint } = await startServe(dir, file, seedFile);
    if (!endpoint) restartFailures++;
    cli.child.kill('SIGTERM');
    await cli.done;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    figure(SCENARIO, `emulator SIGKILLed under 8 streams of writes`, killedWhileWriting, `${options.kills}`, killedWhileWriting === options.kills),
    figure(SCENARIO, 'corrupt state files after a kill', `${corrupt} of ${killedWhileWriting}`, '0', corrupt === 0, problems),
    figure(SCENARIO, 'changes persisted before the kills (state sequence number)', lastSeq, '> 0', lastSeq > 0),
    figure(SCENARIO, 'restarts on the saved state that failed', restartFailures, '0', restartFailures === 0),
  ];
}
