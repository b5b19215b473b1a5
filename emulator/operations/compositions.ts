// StartComposition, GetComposition, ListCompositions, StopComposition: validation of references,
// idempotency tokens, quotas, one broadcast per channel, and the responses with AWS's defaults.
import { EmulatedApiError, invalid } from '../api-error.js';
import { fillDestinationDefaults, fillLayoutDefaults } from '../defaults.js';
import { advanceComposition } from '../lifecycle.js';
import { toStableKey } from '../model.js';
import { requireIn, type OperationTable, type World } from '../world.js';
import { isRunning, type CompositionRecord, type CompositionStateName, type DestinationRecord, type DestinationStateName, type Json, type Tags } from '../world-state.js';
import { listResponse, paginate } from './paging.js';
import { requireStage } from './stages.js';
import { checkTagRules } from './tags.js';

/** A composition as tests see it: the GetComposition answer. */
export interface ComposedView {
  arn: string;
  stageArn: string;
  state: CompositionStateName;
  layout: Json;
  destinations: { id: string; state: DestinationStateName; configuration: Json; startTime?: string; endTime?: string; detail?: Json }[];
  tags: Tags;
  startTime?: string;
  endTime?: string;
}

/** The states a seed file may give a composition it starts. */
export type SeededCompositionState = 'ACTIVE' | 'STARTING' | 'FAILED' | 'STOPPED';

export const COMPOSITION_OPERATIONS: OperationTable = {
  StartComposition: (world, i) => ({ composition: startComposition(world, i) }),
  GetComposition: (world, i) => ({ composition: viewComposition(requireComposition(world, i.arn as string)) }),
  ListCompositions: (world, i) => listCompositions(world, i),
  StopComposition: (world, i) => {
    stopComposition(world, i.arn as string);
    return {};
  },
};

/** Starts a composition; a seeded one starts in the given state, and skips idempotency and quotas. */
export function startComposition(world: World, input: Json, seeded?: { state: SeededCompositionState }): ComposedView {
  const { state } = world;
  const stageArn = input.stageArn as string;
  const destinations = input.destinations as Json[];
  const layout = input.layout as Json | undefined;
  if (layout?.grid && layout?.pip) throw invalid('layout: specify exactly one of grid or pip');
  destinations.forEach((d, i) => {
    if (Boolean(d.channel) === Boolean(d.s3)) throw invalid(`destinations.${i + 1}: specify exactly one of channel or s3`);
  });
  if (!seeded) checkTagRules((input.tags as Tags | undefined) ?? {});
  const stage = requireStage(world, stageArn);
  for (const d of destinations) {
    const channel = d.channel as Json | undefined;
    if (channel) {
      requireIn(state.channels, channel.channelArn as string, 'Channel');
      if (channel.encoderConfigurationArn) requireIn(state.encoderConfigurations, channel.encoderConfigurationArn as string, 'Encoder configuration');
    }
    const s3 = d.s3 as Json | undefined;
    if (s3) {
      requireIn(state.storageConfigurations, s3.storageConfigurationArn as string, 'Storage configuration');
      for (const arn of s3.encoderConfigurationArns as string[]) requireIn(state.encoderConfigurations, arn, 'Encoder configuration');
    }
  }

  const token = input.idempotencyToken as string | undefined;
  const tokenKey = token ? `${state.accountId}:${token}` : undefined;
  const requestKey = toStableKey({ stageArn, layout, destinations, tags: input.tags ?? {} });
  if (tokenKey && !seeded) {
    const known = state.idempotency[tokenKey];
    const existing = known && state.compositions.find((c) => c.arn === known.compositionArn);
    if (known && (existing || known.finalView)) {
      if (known.requestKey !== requestKey) {
        throw new EmulatedApiError('ConflictException', 'The idempotency token was already used with different request parameters; use a new token');
      }
      known.usedAt = world.now();
      world.markChanged();
      // A remembered token: the original composition in its current state, ended and purged or not.
      return existing ? viewComposition(existing) : (structuredClone(known.finalView) as unknown as ComposedView);
    }
  }

  if (!seeded) {
    const running = state.compositions.filter(isRunning);
    const { compositionsPerStage, compositionsPerAccount } = world.options;
    // AWS documents no per-stage quota; the emulator limits a stage only when configured to.
    if (compositionsPerStage !== undefined && running.filter((c) => c.stageArn === stageArn).length >= compositionsPerStage) {
      throw new EmulatedApiError('ServiceQuotaExceededException', `Stage ${stageArn} already has ${compositionsPerStage} compositions (emulator option quotas.compositionsPerStage)`);
    }
    if (running.length >= compositionsPerAccount) {
      throw new EmulatedApiError(
        'ServiceQuotaExceededException',
        `The account already has ${compositionsPerAccount} concurrent compositions in this region (quota "Compositions", adjustable)`,
      );
    }
  }

  const now = world.now();
  const id = world.newId((candidate) => state.compositions.some((c) => c.id === candidate));
  const arn = world.arnFor('composition', id);
  const initial = seeded?.state ?? 'STARTING';
  const record: CompositionRecord = {
    arn,
    id,
    stageArn,
    seq: world.nextSeq(),
    state: initial,
    layout: fillLayoutDefaults(layout),
    destinations: [],
    tags: { ...((input.tags as Tags | undefined) ?? {}) },
    startTime: now,
    readyAt: initial === 'STARTING' ? now + world.options.startDelayMs : now,
  };
  for (const d of destinations) {
    const destinationId = world.newId((candidate) => record.destinations.some((x) => x.id === candidate));
    const configuration = fillDestinationDefaults(d);
    const dest: DestinationRecord = { id: destinationId, state: record.state, configuration };
    if (dest.state === 'ACTIVE') dest.startTime = now;
    if (dest.state === 'STOPPED' || dest.state === 'FAILED') dest.endTime = now;
    if (d.s3) dest.detail = { s3: { recordingPrefix: `${stage.id}/${stage.activeSessionId ?? 'st-none'}/${id}/composite` } };
    // A channel takes one broadcast: a second composition broadcasting to it fails on that destination.
    const channelArn = (d.channel as Json | undefined)?.channelArn as string | undefined;
    if (channelArn && (dest.state === 'STARTING' || dest.state === 'ACTIVE') && isChannelInUse(world, channelArn)) {
      dest.state = 'FAILED';
      dest.endTime = now;
    }
    record.destinations.push(dest);
  }
  if (record.destinations.every((d) => d.state === 'FAILED') && record.state !== 'STOPPED') record.state = 'FAILED';
  if (record.state === 'STOPPED' || record.state === 'FAILED') record.endTime = now;
  state.compositions.push(record);
  if (tokenKey && !seeded) state.idempotency[tokenKey] = { compositionArn: arn, requestKey, usedAt: now };
  world.markChanged();
  // Started on an empty stage with a zero idle timeout: due at once.
  advanceComposition(world, record, now);
  return viewComposition(record);
}

function isChannelInUse(world: World, channelArn: string): boolean {
  return world.state.compositions.some(
    (c) =>
      isRunning(c) &&
      c.destinations.some((d) => (d.configuration.channel as Json | undefined)?.channelArn === channelArn && d.state !== 'FAILED' && d.state !== 'STOPPED'),
  );
}

export function stopComposition(world: World, arn: string): void {
  const c = requireComposition(world, arn);
  // Stopping what is already stopping, stopped or failed changes nothing and succeeds (idempotent).
  if (c.state !== 'STARTING' && c.state !== 'ACTIVE') return;
  c.state = 'STOPPING';
  c.stopDoneAt = world.now() + world.options.stopDelayMs;
  for (const d of c.destinations) if (d.state !== 'FAILED' && d.state !== 'STOPPED') d.state = 'STOPPING';
  world.markChanged();
  advanceComposition(world, c, world.now());
}

/** Whether any destination of the composition names this ARN (a storage or encoder configuration). */
export function usesArn(c: CompositionRecord, arn: string): boolean {
  return c.destinations.some((d) => JSON.stringify(d.configuration).includes(`"${arn}"`));
}

function listCompositions(world: World, input: Json): Json {
  const byStage = input.filterByStageArn as string | undefined;
  const byEncoder = input.filterByEncoderConfigurationArn as string | undefined;
  const matching = world.state.compositions.filter((c) => (!byStage || c.stageArn === byStage) && (!byEncoder || usesArn(c, byEncoder)));
  return listResponse('compositions', paginate(world, 'composition', matching, input), (c) => ({
    arn: c.arn,
    stageArn: c.stageArn,
    destinations: c.destinations.map((d) => ({ id: d.id, state: d.state, ...formatTimes(d) })),
    state: c.state,
    tags: { ...c.tags },
    ...formatTimes(c),
  }));
}

function requireComposition(world: World, arn: string): CompositionRecord {
  return requireIn(world.state.compositions, arn, 'Composition');
}

export function viewComposition(c: CompositionRecord): ComposedView {
  return {
    arn: c.arn,
    stageArn: c.stageArn,
    state: c.state,
    layout: structuredClone(c.layout),
    destinations: c.destinations.map((d) => ({
      id: d.id,
      state: d.state,
      configuration: structuredClone(d.configuration),
      ...formatTimes(d),
      ...(d.detail ? { detail: structuredClone(d.detail) } : {}),
    })),
    tags: { ...c.tags },
    ...formatTimes(c),
  };
}

function formatTimes(x: { startTime?: number; endTime?: number }): { startTime?: string; endTime?: string } {
  return {
    ...(x.startTime !== undefined ? { startTime: new Date(x.startTime).toISOString() } : {}),
    ...(x.endTime !== undefined ? { endTime: new Date(x.endTime).toISOString() } : {}),
  };
}
