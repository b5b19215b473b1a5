// Encoder and storage configurations: Create, Get, List and Delete of each. A configuration that a
// running composition uses cannot be deleted (ConflictException).
import { EmulatedApiError } from '../api-error.js';
import { ENCODER_VIDEO_DEFAULTS } from '../defaults.js';
import { requireIn, type OperationTable, type World } from '../world.js';
import { isRunning, type EncoderRecord, type Json, type SimpleResource, type StorageRecord, type Tags } from '../world-state.js';
import { usesArn } from './compositions.js';
import { listResponse, paginate } from './paging.js';

const ENCODER = 'Encoder configuration';
const STORAGE = 'Storage configuration';

export const CONFIGURATION_OPERATIONS: OperationTable = {
  CreateEncoderConfiguration: (world, i) => ({ encoderConfiguration: viewEncoder(createEncoder(world, i)) }),
  GetEncoderConfiguration: (world, i) => ({ encoderConfiguration: viewEncoder(requireIn(world.state.encoderConfigurations, i.arn as string, ENCODER)) }),
  ListEncoderConfigurations: (world, i) =>
    listResponse('encoderConfigurations', paginate(world, 'encoder', world.state.encoderConfigurations, i), (e) => ({
      arn: e.arn,
      ...(e.name !== undefined ? { name: e.name } : {}),
      tags: { ...e.tags },
    })),
  DeleteEncoderConfiguration: (world, i) => {
    world.state.encoderConfigurations = withoutConfiguration(world, world.state.encoderConfigurations, i.arn as string, ENCODER);
    return {};
  },
  CreateStorageConfiguration: (world, i) => ({ storageConfiguration: viewStorage(createStorage(world, i)) }),
  GetStorageConfiguration: (world, i) => ({ storageConfiguration: viewStorage(requireIn(world.state.storageConfigurations, i.arn as string, STORAGE)) }),
  ListStorageConfigurations: (world, i) => listResponse('storageConfigurations', paginate(world, 'storage', world.state.storageConfigurations, i), viewStorage),
  DeleteStorageConfiguration: (world, i) => {
    world.state.storageConfigurations = withoutConfiguration(world, world.state.storageConfigurations, i.arn as string, STORAGE);
    return {};
  },
};

/** The fields every configuration record has, from a Create request (a fixed id when seeded). */
function newConfiguration(world: World, kind: string, list: readonly SimpleResource[], input: Json, fixedId?: string): SimpleResource {
  const id = fixedId ?? world.newId((candidate) => list.some((e) => e.id === candidate));
  return {
    arn: world.arnFor(kind, id),
    id,
    ...(input.name !== undefined ? { name: input.name as string } : {}),
    tags: { ...((input.tags as Tags | undefined) ?? {}) },
    seq: world.nextSeq(),
  };
}

export function createEncoder(world: World, input: Json, fixedId?: string): EncoderRecord {
  const list = world.state.encoderConfigurations;
  const record: EncoderRecord = { ...newConfiguration(world, 'encoder-configuration', list, input, fixedId), video: { ...ENCODER_VIDEO_DEFAULTS, ...((input.video as Json | undefined) ?? {}) } };
  list.push(record);
  world.markChanged();
  return record;
}

export function createStorage(world: World, input: Json, fixedId?: string): StorageRecord {
  const list = world.state.storageConfigurations;
  const record: StorageRecord = { ...newConfiguration(world, 'storage-configuration', list, input, fixedId), s3: { ...((input.s3 as Json | undefined) ?? {}) } };
  list.push(record);
  world.markChanged();
  return record;
}

function viewEncoder(e: EncoderRecord): Json {
  return { arn: e.arn, ...(e.name !== undefined ? { name: e.name } : {}), video: { ...e.video }, tags: { ...e.tags } };
}

function viewStorage(s: StorageRecord): Json {
  return { arn: s.arn, ...(s.name !== undefined ? { name: s.name } : {}), s3: { ...s.s3 }, tags: { ...s.tags } };
}

/** The list without the configuration `arn`, unless a running composition uses it. */
function withoutConfiguration<T extends SimpleResource>(world: World, list: readonly T[], arn: string, kind: string): T[] {
  const record = requireIn(list, arn, kind);
  const user = world.state.compositions.find((c) => isRunning(c) && usesArn(c, arn));
  if (user) throw new EmulatedApiError('ConflictException', `${arn} is used by running composition ${user.arn}`);
  world.markChanged();
  return list.filter((x) => x !== record);
}
