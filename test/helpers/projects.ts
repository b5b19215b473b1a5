// Throwaway project directories and emulators seeded with the live state a test describes, for the
// tests that run the built CLI (through bench/child.ts) or the commands in this process.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DesiredComposition, DesiredState } from '../../core/model/desired.js';
import { loadProject } from '../../core/load/load-project.js';
import { ownershipTags } from '../../core/model/ownership.js';
import { startEmulator, type EmulatorHandle, type EmulatorOptions, type SeedDocument } from '../../emulator/index.js';
import { cliEnv, runBuiltCli, startBuiltCli, type BuiltCliRun, type RunningChild } from '../../bench/child.js';
import { runCli } from '../../cli/main.js';
import { until as untilOrTimeout } from '../../reliability/harness.js';
import { ACCOUNT, REGION, echoSpec } from './builders.js';

const ARN = `arn:aws:ivs:${REGION}:${ACCOUNT}`;

export interface ManifestComposition {
  readonly name: string;
  readonly channel?: string;
  readonly s3?: boolean;
  readonly gridGap?: number;
  readonly tags?: Record<string, string>;
  readonly protect?: boolean;
  readonly adopt?: boolean;
}

/** A manifest for one stage, from a sketch of its compositions (ids from the test seeds). */
export function manifestYaml(name: string, stageId: string, compositions: readonly ManifestComposition[], extra = ''): string {
  const lines = ['apiVersion: stageform/v1', 'kind: StageCompositions', 'metadata:', `  name: ${name}`, 'spec:', `  stageArn: ${ARN}:stage/${stageId}`, extra, '  compositions:'].filter((l) => l !== '');
  for (const c of compositions) {
    lines.push(`    - name: ${c.name}`);
    if (c.gridGap !== undefined) lines.push('      layout:', '        grid:', `          gridGap: ${c.gridGap}`);
    lines.push('      destinations:');
    if (c.channel) lines.push('        - name: live', '          channel:', `            channelArn: ${ARN}:channel/${c.channel}`);
    if (c.s3 || !c.channel) {
      lines.push('        - name: archive', '          s3:', `            storageConfigurationArn: ${ARN}:storage-configuration/Store1`, '            encoderConfigurationArns:', `              - ${ARN}:encoder-configuration/Enc720p`);
    }
    if (c.tags) {
      lines.push('      tags:');
      for (const [k, v] of Object.entries(c.tags)) lines.push(`        ${k}: "${v}"`);
    }
    if (c.protect !== undefined) lines.push(`      protect: ${c.protect}`);
    if (c.adopt !== undefined) lines.push(`      adopt: ${c.adopt}`);
  }
  return lines.join('\n') + '\n';
}

export class TempProject {
  readonly dir = mkdtempSync(join(tmpdir(), 'stageform-plan-'));
  constructor(readonly project = 'studio', config = '') {
    writeFileSync(join(this.dir, 'stageform.yaml'), `project: ${project}\nregion: ${REGION}\n${config}`);
    mkdirSync(join(this.dir, 'stages'));
  }

  writeManifest(name: string, stageId: string, compositions: readonly ManifestComposition[], extra = ''): this {
    writeFileSync(join(this.dir, 'stages', `${name}.yaml`), manifestYaml(name, stageId, compositions, extra));
    return this;
  }

  writeFile(relative: string, text: string): this {
    writeFileSync(join(this.dir, relative), text);
    return this;
  }

  async load(): Promise<DesiredState> {
    const loaded = await loadProject(this.dir, { cwd: this.dir });
    if (!loaded.desired) throw new Error(`test project does not load: ${JSON.stringify(loaded.diagnostics)}`);
    return loaded.desired;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A seed composition that stageform started for `want` (same spec, ownership tags). */
export function managedSeed(desired: DesiredState, want: DesiredComposition, state?: 'ACTIVE' | 'FAILED' | 'STOPPED'): NonNullable<SeedDocument['compositions']>[number] {
  const echo = echoSpec(want.spec);
  return {
    stageArn: want.stageArn,
    layout: echo.layout as never,
    destinations: echo.destinations as never,
    tags: ownershipTags(desired.project, want.address, want.specHash, want.tags),
    ...(state ? { state } : {}),
  };
}

export function baseSeed(stages: readonly { id: string; active?: boolean }[], channels: readonly string[]): SeedDocument {
  return {
    accountId: ACCOUNT,
    region: REGION,
    stages: stages.map((s) => ({ id: s.id, name: s.id.toLowerCase(), ...(s.active === false ? {} : { participants: [{ userId: 'host' }] }) })),
    channels: channels.map((id) => ({ id })),
    encoderConfigurations: [{ id: 'Enc720p' }],
    storageConfigurations: [{ id: 'Store1' }],
  };
}

export async function startSeededEmulator(seed: SeedDocument, options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  return startEmulator({ port: 0, clock: 'manual', seed, ...options });
}

export type StageSketches = Record<string, { stage: string; compositions: ManifestComposition[] }>;

/** Two stages of two compositions each, on the stages and channels of `startTestEmulator`. */
export const DEFAULT_STAGES: StageSketches = {
  show: { stage: 'Show1', compositions: [{ name: 'program', channel: 'ChanShow1', s3: true }, { name: 'recording', s3: true }] },
  news: { stage: 'News1', compositions: [{ name: 'program', channel: 'ChanNews1' }, { name: 'recording', s3: true, gridGap: 6 }] },
};

/** A project of `stages` whose client is paced fast: the emulator enforces AWS's request rates only when told to. */
export class TestProject extends TempProject {
  constructor(stages: StageSketches = DEFAULT_STAGES) {
    super('cli-test', 'rateLimits:\n  composition: 100\n  stage: 100\n  tag: 100\n');
    for (const [name, s] of Object.entries(stages)) this.writeManifest(name, s.stage, s.compositions);
  }
}

/** The emulator `TestProject` runs against: real time, short start and stop delays. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const seed = baseSeed([{ id: 'Show1' }, { id: 'News1' }], ['ChanShow1', 'ChanNews1']);
  return startEmulator({ port: 0, clock: 'real', seed, startDelayMs: 60, stopDelayMs: 60, ...options });
}

/** Resolves once `predicate` holds, checking every few milliseconds (the emulator runs in this process); throws after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  if (!(await untilOrTimeout(predicate, timeoutMs))) throw new Error('condition not reached in time');
}

export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `runCli` in this process with the environment and directory the built CLI would get. It gets an
 * abort signal of its own, so apply installs no SIGINT/SIGTERM handlers in the test process.
 */
export async function runCliInProcess(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (chunk: string) => ((stdout += chunk), true) },
    stderr: { write: (chunk: string) => ((stderr += chunk), true) },
    cwd,
    env,
    signal: new AbortController().signal,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** What a suite of built-CLI tests works on; read it inside tests and hooks, where it is set. */
export interface CliTestBed {
  readonly handle: EmulatorHandle;
  readonly project: TestProject;
  /** `cliEnv` for the emulator. */
  readonly env: NodeJS.ProcessEnv;
  /** The built CLI in the project directory. */
  run(...args: string[]): Promise<BuiltCliRun>;
  start(...args: string[]): RunningChild<BuiltCliRun>;
  /**
   * The same command run in this process (no node start-up): for the setup steps of a test, such as
   * the apply a scenario starts from. What a test asserts about the CLI goes through `run`.
   */
  runInProcess(...args: string[]): Promise<InProcessRun>;
  /** Running (STARTING or ACTIVE) compositions per address; those without one counted as `unmanaged`. */
  runningByAddress(): Record<string, number>;
}

/**
 * Registers the mocha hooks of the calling `describe`: a fresh `startTestEmulator(emulator)` and
 * `TestProject` for each test (or, with `once`, one for the whole suite), removed afterwards.
 */
export function useCliTestBed(options: { emulator?: EmulatorOptions; once?: boolean } = {}): CliTestBed {
  let current: { handle: EmulatorHandle; project: TestProject; env: NodeJS.ProcessEnv } | undefined;
  const bed = (): NonNullable<typeof current> => {
    if (!current) throw new Error('the CLI test bed is used outside a test or hook');
    return current;
  };
  (options.once ? before : beforeEach)(async () => {
    const handle = await startTestEmulator(options.emulator);
    current = { handle, project: new TestProject(), env: cliEnv(handle.endpoint) };
  });
  (options.once ? after : afterEach)(async () => {
    await current?.handle.stop();
    current?.project.remove();
    current = undefined;
  });
  return {
    get handle() {
      return bed().handle;
    },
    get project() {
      return bed().project;
    },
    get env() {
      return bed().env;
    },
    run: (...args) => runBuiltCli(args, { cwd: bed().project.dir, env: bed().env }),
    start: (...args) => startBuiltCli(args, { cwd: bed().project.dir, env: bed().env }),
    runInProcess: (...args) => runCliInProcess(args, bed().project.dir, bed().env),
    runningByAddress() {
      const counts: Record<string, number> = {};
      for (const c of bed().handle.emulator.compositions()) {
        if (c.state !== 'STARTING' && c.state !== 'ACTIVE') continue;
        const address = c.tags['stageform:address'] ?? 'unmanaged';
        counts[address] = (counts[address] ?? 0) + 1;
      }
      return counts;
    },
  };
}
