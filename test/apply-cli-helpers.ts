// A throwaway project and an emulator on a free port, and the built CLI run as a user runs it.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../emulator/index.js';
import { until as untilOrTimeout } from '../reliability/harness.js';
import { manifestYaml, type ManifestComposition } from './helpers/cli.js';

export { BIN, cliEnv, ROOT as REPO_ROOT } from '../bench/child.js';
export { runCli as runCliProcess, startCli, type CliRun } from '../reliability/harness.js';

export const PROJECT = 'cli-test';

const TEST_SEED = {
  stages: [
    { id: 'Show1', name: 'show', participants: [{ userId: 'host' }] },
    { id: 'News1', name: 'news', participants: [{ userId: 'anchor' }] },
  ],
  channels: [{ id: 'ChanShow1' }, { id: 'ChanNews1' }],
  encoderConfigurations: [{ id: 'Enc720p' }],
  storageConfigurations: [{ id: 'Store1' }],
};

export const DEFAULT_STAGES: Record<string, { stage: string; compositions: ManifestComposition[] }> = {
  show: { stage: 'Show1', compositions: [{ name: 'program', channel: 'ChanShow1', s3: true }, { name: 'recording', s3: true }] },
  news: { stage: 'News1', compositions: [{ name: 'program', channel: 'ChanNews1' }, { name: 'recording', s3: true, gridGap: 6 }] },
};

export class TestProject {
  readonly dir: string;
  constructor(stages: Record<string, { stage: string; compositions: ManifestComposition[] }> = DEFAULT_STAGES) {
    this.dir = mkdtempSync(join(tmpdir(), 'stageform-apply-'));
    // The emulator does not enforce AWS's request rates unless told to: pace the client faster so tests stay quick.
    writeFileSync(join(this.dir, 'stageform.yaml'), `project: ${PROJECT}\nregion: us-east-1\nrateLimits:\n  composition: 100\n  stage: 100\n  tag: 100\n`);
    mkdirSync(join(this.dir, 'stages'));
    for (const [name, s] of Object.entries(stages)) this.writeStage(name, s.stage, s.compositions);
  }
  writeStage(name: string, stageId: string, compositions: readonly ManifestComposition[]): void {
    writeFileSync(join(this.dir, 'stages', `${name}.yaml`), manifestYaml(name, stageId, compositions));
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  return startEmulator({ port: 0, clock: 'real', seed: TEST_SEED, startDelayMs: 60, stopDelayMs: 60, ...options });
}

/** Resolves once `predicate` holds, checking every few milliseconds (the emulator runs in this process); throws after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  if (!(await untilOrTimeout(predicate, timeoutMs))) throw new Error('condition not reached in time');
}
