// What the emulated account holds, as plain JSON-serialisable records: the state file's content.
// Behaviour lives elsewhere: world.ts (clock, ids), lifecycle.ts, operations/, seed.ts, admin.ts.

export type Json = Record<string, unknown>;
export type Tags = Record<string, string>;
export type CompositionStateName = 'STARTING' | 'ACTIVE' | 'STOPPING' | 'FAILED' | 'STOPPED';
export type DestinationStateName = 'STARTING' | 'ACTIVE' | 'STOPPING' | 'RECONNECTING' | 'FAILED' | 'STOPPED';

export const STATE_KIND = 'stageform-emulator-state';
export const STATE_VERSION = 1;

export interface ParticipantRecord {
  participantId: string;
  userId: string;
  attributes: Tags;
  sessionId: string;
  state: 'CONNECTED' | 'DISCONNECTED';
  firstJoinTime: number;
}

export interface StageRecord {
  arn: string;
  id: string;
  name?: string;
  tags: Tags;
  seq: number;
  createdAt: number;
  activeSessionId?: string;
  /** When the stage last became empty of publishers (creation counts); null while someone publishes. */
  emptySince: number | null;
  participants: ParticipantRecord[];
  autoParticipantRecordingConfiguration?: Json;
}

export interface SimpleResource {
  arn: string;
  id: string;
  name?: string;
  tags: Tags;
  seq: number;
}
export interface EncoderRecord extends SimpleResource {
  video: Json;
}
export interface StorageRecord extends SimpleResource {
  s3: Json;
}

export interface DestinationRecord {
  id: string;
  state: DestinationStateName;
  configuration: Json;
  startTime?: number;
  endTime?: number;
  detail?: Json;
}

export interface CompositionRecord {
  arn: string;
  id: string;
  stageArn: string;
  seq: number;
  state: CompositionStateName;
  layout: Json;
  destinations: DestinationRecord[];
  tags: Tags;
  startTime: number;
  endTime?: number;
  readyAt: number;
  stopDoneAt?: number;
}

/** Everything the emulator knows; JSON-serialisable, and what the state file holds. */
export interface WorldState {
  kind: typeof STATE_KIND;
  version: typeof STATE_VERSION;
  accountId: string;
  region: string;
  clock: { offsetMs: number; manualNow: number };
  seq: number;
  stages: StageRecord[];
  channels: SimpleResource[];
  encoderConfigurations: EncoderRecord[];
  storageConfigurations: StorageRecord[];
  compositions: CompositionRecord[];
  /** `${accountId}:${token}` -> the composition it started and the request it came with. */
  idempotency: Record<string, IdempotencyRecord>;
}

export interface IdempotencyRecord {
  compositionArn: string;
  requestKey: string;
  /** Last time the token was used (emulator clock); absent in state files of older versions. */
  usedAt?: number;
  /** The composition as it last was, kept once it is purged: a reused token is answered with it. */
  finalView?: Json;
}

export interface WorldOptions {
  accountId: string;
  region: string;
  clock: 'real' | 'manual';
  startDelayMs: number;
  stopDelayMs: number;
  idleTimeoutMs: number;
  retentionMs: number;
  /** How long a token is remembered after its last use, also past its composition's retention; 0: forgotten with the composition. */
  tokenMemoryMs: number;
  /** No per-stage limit when absent: AWS documents none (IVS Real-Time "Service Quotas"). */
  compositionsPerStage?: number;
  /** The "Compositions" quota: concurrent compositions per account and region (AWS default 5, adjustable). */
  compositionsPerAccount: number;
  maxPageSize: number;
  randomSeed?: number;
}

/** Compositions in these states count against quotas, hold their channels and block deletes. */
const RUNNING_STATES: readonly CompositionStateName[] = ['STARTING', 'ACTIVE', 'STOPPING'];

export function isRunning(c: { state: CompositionStateName }): boolean {
  return RUNNING_STATES.includes(c.state);
}

export function emptyWorldState(accountId: string, region: string, now: number): WorldState {
  return {
    kind: STATE_KIND,
    version: STATE_VERSION,
    accountId,
    region,
    clock: { offsetMs: 0, manualNow: now },
    seq: 0,
    stages: [],
    channels: [],
    encoderConfigurations: [],
    storageConfigurations: [],
    compositions: [],
    idempotency: {},
  };
}

export function isWorldEmpty(s: WorldState): boolean {
  return s.stages.length + s.channels.length + s.encoderConfigurations.length + s.storageConfigurations.length + s.compositions.length === 0;
}
