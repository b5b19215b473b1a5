// The benchmark's world: a project of N stage manifests, every tenth-or-so carrying one managed
// composition, and the emulator seed that makes those stages exist with a publisher on each (so
// IVS's idle stop never interferes with a measurement).
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmulator, type EmulatorHandle, type EmulatorOptions, type SeedDocument } from '../emulator/index.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const PROJECT = 'bench';
const ARN = `arn:aws:ivs:${REGION}:${ACCOUNT}`;
const STORAGE_ID = 'StorageBench1';
const ENCODER_ID = 'EncoderBench1';

export interface ProjectShape {
  readonly stages: number;
  readonly compositions: number;
}

export interface BenchProject {
  readonly dir: string;
  readonly stageArns: readonly string[];
  /** Manifest files that declare a composition, in stage order. */
  readonly composedFiles: readonly string[];
}

export function stageIdOf(index: number): string {
  return `Bench${String(index).padStart(7, '0')}`;
}

export function stageArnOf(index: number): string {
  return `${ARN}:stage/${stageIdOf(index)}`;
}

/** Which stages carry a composition: spread evenly over all of them. */
export function composedStageIndexes(shape: ProjectShape): number[] {
  const step = shape.stages / shape.compositions;
  return Array.from({ length: shape.compositions }, (_, i) => Math.floor(i * step));
}

export function writeBenchProject(dir: string, shape: ProjectShape): BenchProject {
  if (shape.compositions > shape.stages) throw new RangeError('at most one composition per stage in the bench project');
  writeFileSync(
    path.join(dir, 'stageform.yaml'),
    `project: ${PROJECT}\nregion: ${REGION}\nquotas:\n  compositionsPerAccount: ${Math.max(20, shape.compositions * 2)}\n`,
  );
  const composed = new Set(composedStageIndexes(shape));
  const stageArns: string[] = [];
  const composedFiles: string[] = [];
  for (let i = 0; i < shape.stages; i++) {
    const sub = path.join(dir, 'stages', `group-${String(Math.floor(i / 100)).padStart(3, '0')}`);
    mkdirSync(sub, { recursive: true });
    const file = path.join(sub, `stage-${i}.yaml`);
    writeFileSync(file, manifestText(i, composed.has(i)));
    stageArns.push(stageArnOf(i));
    if (composed.has(i)) composedFiles.push(file);
  }
  return { dir, stageArns, composedFiles };
}

function manifestText(index: number, withComposition: boolean): string {
  const head = `apiVersion: stageform/v1
kind: StageCompositions
metadata:
  name: stage-${index}
spec:
  stageArn: ${stageArnOf(index)}
`;
  if (!withComposition) return head + '  compositions: []\n';
  return (
    head +
    `  compositions:
    - name: recording
      layout:
        grid: { featuredParticipantAttribute: featured, gridGap: 2 }
      destinations:
        - name: archive
          s3:
            storageConfigurationArn: ${ARN}:storage-configuration/${STORAGE_ID}
            encoderConfigurationArns: [${ARN}:encoder-configuration/${ENCODER_ID}]
      tags: { show: bench-${index} }
`
  );
}

/**
 * Changes the layout of the first `count` composed manifests (a change that forces a replace) and
 * returns a function that puts them back.
 */
export function editManifests(project: BenchProject, count: number): () => void {
  const files = project.composedFiles.slice(0, count);
  const originals = files.map((file) => readFileSync(file, 'utf8'));
  files.forEach((file, i) => {
    const edited = originals[i].replace('gridGap: 2', 'gridGap: 8');
    if (edited === originals[i]) throw new Error(`${file}: nothing to edit`);
    writeFileSync(file, edited);
  });
  return () => files.forEach((file, i) => writeFileSync(file, originals[i]));
}

/** Every stage of the project with one publisher, and the configurations the manifests name. */
export function seedFor(shape: ProjectShape): SeedDocument {
  return {
    accountId: ACCOUNT,
    region: REGION,
    stages: Array.from({ length: shape.stages }, (_, i) => ({
      id: stageIdOf(i),
      name: `stage-${i}`,
      participants: [{ participantId: `host-${i}`, userId: `host-${i}`, attributes: { featured: 'true' } }],
    })),
    encoderConfigurations: [{ id: ENCODER_ID, name: 'bench-720p' }],
    storageConfigurations: [{ id: STORAGE_ID, name: 'bench-archive' }],
  };
}

/** The emulator's STARTING -> ACTIVE and STOPPING -> STOPPED in the reconcile and event-hint rows. */
export const START_DELAY_MS = 1000;
export const STOP_DELAY_MS = 1000;

/**
 * The bench project of `shape` in `dir` with `whenIdle`, and an emulator seeded for it on the manual
 * clock (`emulator` overrides; the event hint runs on the real one). `live`: a publisher on every stage.
 */
export async function worldFor(dir: string, shape: ProjectShape, live: boolean, whenIdle: 'skip' | 'start', emulator: EmulatorOptions = {}): Promise<EmulatorHandle> {
  mkdirSync(dir, { recursive: true });
  writeBenchProject(dir, shape);
  appendFileSync(path.join(dir, 'stageform.yaml'), `whenIdle: ${whenIdle}\n`);
  const seed = seedFor(shape);
  return startEmulator({
    clock: 'manual',
    seed: live ? seed : { ...seed, stages: seed.stages!.map(({ participants: _, ...s }) => s) },
    quotas: { compositionsPerAccount: Math.max(20, shape.compositions * 2) },
    startDelayMs: START_DELAY_MS,
    stopDelayMs: STOP_DELAY_MS,
    randomSeed: 11,
    ...emulator,
  });
}
