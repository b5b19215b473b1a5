// A throwaway project directory, an emulator seeded with the live state a test describes, and
// the built CLI run as a user runs it.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DesiredComposition, DesiredState } from '../../core/model/desired.js';
import { loadProject } from '../../core/load/load-project.js';
import { ownershipTags } from '../../core/model/ownership.js';
import { startEmulator, type EmulatorHandle, type EmulatorOptions, type SeedDocument } from '../../emulator/index.js';
import { ACCOUNT, REGION, echoSpec } from './builders.js';

export const BIN = join(fileURLToPath(new URL('../../..', import.meta.url)), 'bin', 'stageform.js');
const ARN = `arn:aws:ivs:${REGION}:${ACCOUNT}`;

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawned, not spawnSync: the emulator answers from this process. */
export function runCli(args: readonly string[], options: { cwd: string; endpoint: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: options.cwd,
    AWS_ENDPOINT_URL_IVS_REALTIME: options.endpoint,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'test-secret-never-printed',
    ...options.env,
  };
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

export interface ManifestComposition {
  readonly name: string;
  readonly channel?: string;
  readonly s3?: boolean;
  readonly gridGap?: number;
  readonly tags?: Record<string, string>;
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
