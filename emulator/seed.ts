// Seeding: the resources a seed document (or a YAML/JSON seed file) puts into the world. Seeded
// compositions are validated like StartComposition requests; any problem is an EmulatorSeedError.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { EmulatedApiError } from './api-error.js';
import { joinParticipant } from './admin.js';
import { EmulatorSeedError } from './errors.js';
import { formatValidationFailures, loadServiceModel, validateInput } from './model.js';
import { startComposition, type SeededCompositionState } from './operations/compositions.js';
import { createEncoder, createStorage } from './operations/configurations.js';
import { createStage } from './operations/stages.js';
import type { World } from './world.js';
import { isWorldEmpty, type Json, type Tags } from './world-state.js';

export interface SeedDocument {
  accountId?: string;
  region?: string;
  stages?: { id?: string; name?: string; tags?: Tags; participants?: { participantId?: string; userId?: string; attributes?: Tags; publish?: boolean }[] }[];
  /** `live: true`: an outside (RTMP) broadcast feeds the channel from the start. */
  channels?: { id?: string; name?: string; tags?: Tags; live?: boolean }[];
  encoderConfigurations?: { id?: string; name?: string; tags?: Tags; video?: Json }[];
  storageConfigurations?: { id?: string; name?: string; tags?: Tags; s3?: { bucketName?: string } }[];
  compositions?: {
    stageArn: string;
    layout?: Json;
    destinations: Json[];
    tags?: Tags;
    state?: SeededCompositionState;
  }[];
}

const ID_PATTERN = /^[a-zA-Z0-9-]+$/;
const SEEDABLE_STATES: readonly SeededCompositionState[] = ['ACTIVE', 'STARTING', 'FAILED', 'STOPPED'];

/** Reads a seed file (YAML or JSON) into a seed document; errors name the file. */
export function loadSeedFile(file: string): SeedDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new EmulatorSeedError(`${file}: cannot read the seed file (${(error as NodeJS.ErrnoException).code ?? 'I/O error'})`, { unreadable: true });
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    const line = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    throw new EmulatorSeedError(`${file}${line ? `:${line.line}:${line.col}` : ''}: the seed file is not valid YAML or JSON`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new EmulatorSeedError(`${file}: a seed file must be a mapping (stages, channels, ...)`);
  return doc as SeedDocument;
}

/** Adds the seed's resources to the world. Account and region switch only while the world is empty. */
export function seedWorld(world: World, doc: SeedDocument): void {
  const { state } = world;
  if (doc.accountId !== undefined || doc.region !== undefined) {
    const differs = (doc.accountId ?? state.accountId) !== state.accountId || (doc.region ?? state.region) !== state.region;
    if (differs) {
      if (!isWorldEmpty(state)) throw new EmulatorSeedError('seed: accountId/region can only change while the emulator is empty');
      state.accountId = doc.accountId ?? state.accountId;
      state.region = doc.region ?? state.region;
    }
  }
  const checkId = (id: string | undefined, what: string): string | undefined => {
    if (id !== undefined && !ID_PATTERN.test(id)) throw new EmulatorSeedError(`seed: ${what} id "${id}" must be letters, digits and dashes`);
    return id;
  };
  for (const s of doc.stages ?? []) {
    const { stage } = createStage(world, { name: s.name, tags: s.tags }, checkId(s.id, 'stage'));
    for (const p of s.participants ?? []) joinParticipant(world, stage.arn, p);
  }
  for (const c of doc.channels ?? []) {
    const id = checkId(c.id, 'channel') ?? world.newId((x) => state.channels.some((ch) => ch.id === x));
    if (c.live !== undefined && typeof c.live !== 'boolean') throw new EmulatorSeedError(`seed: channel ${c.id ?? c.name ?? ''}: live must be true or false`);
    state.channels.push({
      arn: world.arnFor('channel', id),
      id,
      ...(c.name !== undefined ? { name: c.name } : {}),
      tags: { ...(c.tags ?? {}) },
      seq: world.nextSeq(),
      ...(c.live ? { broadcast: { streamId: `st-${world.newId(() => false, 13)}`, startTime: world.now() } } : {}),
    });
  }
  for (const e of doc.encoderConfigurations ?? []) createEncoder(world, { name: e.name, tags: e.tags, video: e.video }, checkId(e.id, 'encoder configuration'));
  for (const s of doc.storageConfigurations ?? []) {
    const bucketName = s.s3?.bucketName ?? `${(s.name ?? s.id ?? 'emulated').toLowerCase()}-bucket`;
    createStorage(world, { name: s.name, tags: s.tags, s3: { bucketName } }, checkId(s.id, 'storage configuration'));
  }
  const model = loadServiceModel();
  for (const c of doc.compositions ?? []) {
    const compositionState = c.state ?? 'ACTIVE';
    if (!SEEDABLE_STATES.includes(compositionState)) {
      throw new EmulatorSeedError(`seed: composition on ${c.stageArn}: state must be ${SEEDABLE_STATES.join(', ')}, got "${String(compositionState)}"`);
    }
    const input = { stageArn: c.stageArn, layout: c.layout, destinations: c.destinations, tags: c.tags };
    const failures = validateInput(model, 'StartCompositionRequest', input);
    if (failures.length > 0) throw new EmulatorSeedError(`seed: composition on ${c.stageArn}: ${formatValidationFailures(failures)}`);
    try {
      startComposition(world, input, { state: compositionState });
    } catch (error) {
      if (error instanceof EmulatedApiError) throw new EmulatorSeedError(`seed: composition on ${c.stageArn}: ${error.message}`);
      throw error;
    }
  }
  world.markChanged();
}
