// The control surface beside the API (admin HTTP API, `stageform local admin`, tests): participants
// join and leave, compositions fail or are stopped by someone else, and status listings. Mistakes
// are EmulatorAdminErrors, not API errors: no SDK call made them.
import { EmulatorAdminError } from './errors.js';
import { finishComposition } from './lifecycle.js';
import { channelFeedOf } from './operations/channels.js';
import { stopComposition, viewComposition, type ComposedView } from './operations/compositions.js';
import { requireStage } from './operations/stages.js';
import type { World } from './world.js';
import { isPublishing, type ChannelRecord, type CompositionRecord, type StageRecord, type Tags } from './world-state.js';

export interface ParticipantJoin {
  participantId?: string;
  userId?: string;
  attributes?: Tags;
  /** false: the participant only subscribes (default true: publishes). */
  publish?: boolean;
}

/** A stage as status displays show it: session and connected participants. */
export interface StageStatus {
  arn: string;
  id: string;
  name?: string;
  activeSessionId?: string;
  tags: Tags;
  participants: { participantId: string; userId: string; publishing: boolean }[];
}

/** Resolves a stage by ARN, id or name. */
export function findStageArn(world: World, idOrName: string): string {
  const { stages } = world.state;
  const stage = stages.find((s) => s.arn === idOrName || s.id === idOrName) ?? stages.find((s) => s.name === idOrName);
  if (!stage) throw new EmulatorAdminError(`no stage "${idOrName}" in the emulator`);
  return stage.arn;
}

/**
 * A participant joins, publishing unless `publish` is false (a subscriber). The first one on a
 * stage without a session opens a new session; one joining while the session is still open (in the
 * minutes after the last publisher stopped) joins that session.
 */
export function joinParticipant(world: World, stageArnOrId: string, p: ParticipantJoin = {}): string {
  const stage = requireStage(world, findStageArn(world, stageArnOrId));
  if (!stage.activeSessionId) stage.activeSessionId = `st-${world.newId(() => false, 13)}`;
  const participantId = p.participantId ?? world.newId((x) => stage.participants.some((q) => q.participantId === x));
  if (stage.participants.some((q) => q.participantId === participantId && q.state === 'CONNECTED')) {
    throw new EmulatorAdminError(`participant ${participantId} is already on stage ${stage.arn}`);
  }
  const publishing = p.publish !== false;
  stage.participants.push({
    participantId,
    userId: p.userId ?? '',
    attributes: { ...(p.attributes ?? {}) },
    sessionId: stage.activeSessionId,
    state: 'CONNECTED',
    firstJoinTime: world.now(),
    publishing,
    published: publishing,
  });
  stage.lastLeftAt = undefined;
  updatePublishing(world, stage);
  world.markChanged();
  return participantId;
}

/** A connected participant starts (true) or stops (false) publishing; it stays connected. */
export function setPublishing(world: World, stageArnOrId: string, participantId: string, publishing: boolean): void {
  const stage = requireStage(world, findStageArn(world, stageArnOrId));
  const p = stage.participants.find((q) => q.participantId === participantId && q.state === 'CONNECTED');
  if (!p) throw new EmulatorAdminError(`participant ${participantId} is not on stage ${stage.arn}`);
  p.publishing = publishing;
  if (publishing) p.published = true;
  updatePublishing(world, stage);
  world.markChanged();
}

/**
 * One participant (or, without an id, everyone) leaves. The session ends sessionEndDelayMs after
 * the last publisher stopped (lifecycle.ts), not at once.
 */
export function leaveParticipant(world: World, stageArnOrId: string, participantId?: string): void {
  const stage = requireStage(world, findStageArn(world, stageArnOrId));
  const connected = stage.participants.filter((q) => q.state === 'CONNECTED' && (participantId === undefined || q.participantId === participantId));
  if (participantId !== undefined && connected.length === 0) throw new EmulatorAdminError(`participant ${participantId} is not on stage ${stage.arn}`);
  for (const q of connected) q.state = 'DISCONNECTED';
  if (!stage.participants.some((q) => q.state === 'CONNECTED')) stage.lastLeftAt = world.now();
  updatePublishing(world, stage);
  world.markChanged();
}

/** Keeps `emptySince` (since when nobody publishes) in step with the participants. */
function updatePublishing(world: World, stage: StageRecord): void {
  const anyone = stage.participants.some(isPublishing);
  if (anyone) stage.emptySince = null;
  else stage.emptySince ??= world.now();
}

/** The composition fails (as on a broadcast failure), with every destination still running. */
export function failComposition(world: World, arn: string): void {
  const c = requireAdminComposition(world, arn);
  if (c.state === 'STOPPED' || c.state === 'FAILED') throw new EmulatorAdminError(`composition ${arn} is already ${c.state}`);
  finishComposition(world, c, 'FAILED', world.now());
}

export function setDestinationState(world: World, arn: string, destinationIndexOrId: number | string, state: 'ACTIVE' | 'RECONNECTING' | 'FAILED'): void {
  const c = requireAdminComposition(world, arn);
  const d = typeof destinationIndexOrId === 'number' ? c.destinations[destinationIndexOrId] : c.destinations.find((x) => x.id === destinationIndexOrId);
  if (!d) throw new EmulatorAdminError(`composition ${arn} has no destination ${destinationIndexOrId}`);
  if (c.state === 'STOPPED' || c.state === 'FAILED') throw new EmulatorAdminError(`composition ${arn} is ${c.state}`);
  d.state = state;
  if (state === 'FAILED') d.endTime = world.now();
  if (c.destinations.every((x) => x.state === 'FAILED')) finishComposition(world, c, 'FAILED', world.now());
  world.markChanged();
}

/** A channel as status displays show it: what feeds it, if anything. */
export interface ChannelStatus {
  arn: string;
  id: string;
  name?: string;
  /** 'outside' (an RTMP broadcast), a composition ARN, or absent when the channel is idle. */
  fedBy?: string;
}

/** Resolves a channel by ARN, id or name. */
function findChannel(world: World, idOrName: string): ChannelRecord {
  const { channels } = world.state;
  const channel = channels.find((c) => c.arn === idOrName || c.id === idOrName) ?? channels.find((c) => c.name === idOrName);
  if (!channel) throw new EmulatorAdminError(`no channel "${idOrName}" in the emulator`);
  return channel;
}

/** An encoder outside IVS Real-Time starts broadcasting to the channel (RTMP); the channel is live until it stops. */
export function startOutsideBroadcast(world: World, channelArnOrId: string): string {
  const channel = findChannel(world, channelArnOrId);
  const feed = channelFeedOf(world, channel.arn);
  if (feed) throw new EmulatorAdminError(`channel ${channel.arn} is already live (fed by ${feed.kind === 'outside' ? 'an outside broadcast' : feed.arn})`);
  channel.broadcast = { streamId: `st-${world.newId(() => false, 13)}`, startTime: world.now() };
  world.markChanged();
  return channel.broadcast.streamId;
}

export function stopOutsideBroadcast(world: World, channelArnOrId: string): void {
  const channel = findChannel(world, channelArnOrId);
  if (!channel.broadcast) throw new EmulatorAdminError(`channel ${channel.arn} has no outside broadcast`);
  delete channel.broadcast;
  world.markChanged();
}

export function listChannelStatus(world: World): ChannelStatus[] {
  return [...world.state.channels]
    .sort((a, b) => a.seq - b.seq)
    .map((c) => {
      const feed = channelFeedOf(world, c.arn);
      return {
        arn: c.arn,
        id: c.id,
        ...(c.name !== undefined ? { name: c.name } : {}),
        ...(feed ? { fedBy: feed.kind === 'outside' ? 'outside' : feed.arn } : {}),
      };
    });
}

/** Stopped by someone else, as if StopComposition were called. */
export function stopCompositionExternally(world: World, arn: string): void {
  requireAdminComposition(world, arn);
  stopComposition(world, arn);
}

function requireAdminComposition(world: World, arn: string): CompositionRecord {
  const c = world.state.compositions.find((x) => x.arn === arn);
  if (!c) throw new EmulatorAdminError(`no composition ${arn} in the emulator`);
  return c;
}

/** Every composition still visible (stopped and failed ones within retention too), oldest first. */
export function listCompositionViews(world: World): ComposedView[] {
  return [...world.state.compositions].sort((a, b) => a.seq - b.seq).map(viewComposition);
}

/** Stages with their session and connected participants, oldest first. */
export function listStageStatus(world: World): StageStatus[] {
  return [...world.state.stages]
    .sort((a, b) => a.seq - b.seq)
    .map((s) => ({
      arn: s.arn,
      id: s.id,
      ...(s.name !== undefined ? { name: s.name } : {}),
      ...(s.activeSessionId ? { activeSessionId: s.activeSessionId } : {}),
      tags: { ...s.tags },
      participants: s.participants
        .filter((p) => p.state === 'CONNECTED')
        .map((p) => ({ participantId: p.participantId, userId: p.userId, publishing: isPublishing(p) })),
    }));
}
