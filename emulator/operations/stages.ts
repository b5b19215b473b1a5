// CreateStage, GetStage, ListStages, UpdateStage, DeleteStage and ListParticipants.
import { randomBytes } from 'node:crypto';
import { EmulatedApiError, invalid } from '../api-error.js';
import { requireIn, type OperationTable, type World } from '../world.js';
import { isRunning, type Json, type StageRecord, type Tags } from '../world-state.js';
import { listResponse, paginate } from './paging.js';

export const STAGE_OPERATIONS: OperationTable = {
  CreateStage: (world, i) => createStage(world, i),
  GetStage: (world, i) => ({ stage: viewStage(requireStage(world, i.arn as string)) }),
  ListStages: (world, i) => listResponse('stages', paginate(world, 'stage', world.state.stages, i), summarizeStage),
  UpdateStage: (world, i) => updateStage(world, i),
  DeleteStage: (world, i) => {
    deleteStage(world, i.arn as string);
    return {};
  },
  ListParticipants: (world, i) => listParticipants(world, i),
};

export function requireStage(world: World, arn: string): StageRecord {
  return requireIn(world.state.stages, arn, 'Stage');
}

/** Creates a stage (with a fixed id when seeded); answers as CreateStage does, participant tokens included. */
export function createStage(world: World, input: Json, fixedId?: string): { stage: Json & { arn: string }; participantTokens: Json[] } {
  const now = world.now();
  const id = fixedId ?? world.newId((candidate) => world.state.stages.some((s) => s.id === candidate));
  const stage: StageRecord = {
    arn: world.arnFor('stage', id),
    id,
    ...(input.name !== undefined ? { name: input.name as string } : {}),
    tags: { ...((input.tags as Tags | undefined) ?? {}) },
    seq: world.nextSeq(),
    createdAt: now,
    emptySince: now,
    participants: [],
    ...(input.autoParticipantRecordingConfiguration ? { autoParticipantRecordingConfiguration: structuredClone(input.autoParticipantRecordingConfiguration as Json) } : {}),
  };
  world.state.stages.push(stage);
  world.markChanged();
  const tokenConfigs = (input.participantTokenConfigurations as Json[] | undefined) ?? [];
  const participantTokens = tokenConfigs.map((t) => {
    const duration = (t.duration as number | undefined) ?? 720;
    return {
      participantId: world.newId(() => false),
      token: `emulated.${randomBytes(24).toString('base64url')}`,
      userId: (t.userId as string | undefined) ?? '',
      attributes: (t.attributes as Tags | undefined) ?? {},
      duration,
      capabilities: (t.capabilities as string[] | undefined) ?? ['PUBLISH', 'SUBSCRIBE'],
      expirationTime: new Date(world.now() + duration * 60_000).toISOString(),
    };
  });
  return { stage: viewStage(stage), participantTokens };
}

function updateStage(world: World, input: Json): Json {
  const stage = requireStage(world, input.arn as string);
  if (input.name !== undefined) stage.name = input.name as string;
  if (input.autoParticipantRecordingConfiguration !== undefined) {
    stage.autoParticipantRecordingConfiguration = structuredClone(input.autoParticipantRecordingConfiguration as Json);
  }
  world.markChanged();
  return { stage: viewStage(stage) };
}

function deleteStage(world: World, arn: string): void {
  const stage = requireStage(world, arn);
  const running = world.state.compositions.filter((c) => c.stageArn === arn && isRunning(c));
  if (running.length > 0) {
    throw new EmulatedApiError('ConflictException', `Stage ${arn} has ${running.length} running composition(s); stop them first`);
  }
  world.state.stages = world.state.stages.filter((s) => s !== stage);
  world.markChanged();
}

const PARTICIPANT_FILTERS = ['filterByUserId', 'filterByPublished', 'filterByState', 'filterByRecordingState'] as const;

function listParticipants(world: World, input: Json): Json {
  // The model: "Only one of filterByUserId, filterByPublished, filterByState, or filterByRecordingState can be provided per request."
  const filters = PARTICIPANT_FILTERS.filter((f) => input[f] !== undefined);
  if (filters.length > 1) throw invalid(`Only one of ${PARTICIPANT_FILTERS.join(', ')} can be provided per request (got ${filters.join(', ')})`);
  // ListParticipants has no ResourceNotFoundException: an unknown stage or session lists nobody.
  const stage = world.state.stages.find((s) => s.arn === input.stageArn);
  const participants = (stage?.participants ?? []).filter(
    (p) =>
      p.sessionId === input.sessionId &&
      (input.filterByUserId === undefined || p.userId === input.filterByUserId) &&
      (input.filterByState === undefined || p.state === input.filterByState) &&
      (input.filterByPublished === undefined || (p.published !== false) === input.filterByPublished) &&
      (input.filterByRecordingState === undefined || input.filterByRecordingState === 'DISABLED'),
  );
  const numbered = participants.map((p, i) => ({ ...p, seq: i + 1 }));
  return listResponse('participants', paginate(world, 'participant', numbered, input), (p) => ({
    participantId: p.participantId,
    userId: p.userId,
    state: p.state,
    firstJoinTime: new Date(p.firstJoinTime).toISOString(),
    published: p.published !== false,
    recordingState: 'DISABLED',
    replicationType: 'NONE',
    redundantIngest: false,
  }));
}

function summarizeStage(s: StageRecord): Json & { arn: string } {
  return {
    arn: s.arn,
    ...(s.name !== undefined ? { name: s.name } : {}),
    ...(s.activeSessionId ? { activeSessionId: s.activeSessionId } : {}),
    tags: { ...s.tags },
  };
}

function viewStage(s: StageRecord): Json & { arn: string } {
  return {
    ...summarizeStage(s),
    autoParticipantRecordingConfiguration: s.autoParticipantRecordingConfiguration ?? { storageConfigurationArn: '', mediaTypes: ['AUDIO_VIDEO'] },
    endpoints: {
      events: 'wss://global.events.live-video.net',
      whip: 'https://global.whip.live-video.net',
      rtmp: `rtmp://${s.id}.global-contribute.live-video.net/app/`,
      rtmps: `rtmps://${s.id}.global-contribute.live-video.net:443/app/`,
    },
  };
}
