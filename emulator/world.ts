// The emulated account: stages, channels, configurations and compositions, and the rules IVS applies
// to them. Time moves lazily: every call first advances the world to "now", so a manual clock needs
// no background timers and a real clock needs none either.
import { randomBytes } from 'node:crypto';
import { EmulatedApiError, invalid, notFound } from './api-error.js';
import { EmulatorAdminError, EmulatorSeedError } from './errors.js';
import { ENCODER_VIDEO_DEFAULTS, fillDestinationDefaults, fillLayoutDefaults } from './defaults.js';
import { createRandom, FaultInjector, type CallCounts, type FaultConfig } from './faults.js';
import { formatValidationFailures, loadServiceModel, toStableKey, validateInput, type ServiceModel } from './model.js';

type Json = Record<string, unknown>;
export type Tags = Record<string, string>;
export type CompositionStateName = 'STARTING' | 'ACTIVE' | 'STOPPING' | 'FAILED' | 'STOPPED';
export type DestinationStateName = 'STARTING' | 'ACTIVE' | 'STOPPING' | 'RECONNECTING' | 'FAILED' | 'STOPPED';

export const STATE_KIND = 'stageform-emulator-state';
export const STATE_VERSION = 1;

interface ParticipantRecord {
  participantId: string;
  userId: string;
  attributes: Tags;
  sessionId: string;
  state: 'CONNECTED' | 'DISCONNECTED';
  firstJoinTime: number;
}

interface StageRecord {
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

interface SimpleResource {
  arn: string;
  id: string;
  name?: string;
  tags: Tags;
  seq: number;
}
interface EncoderRecord extends SimpleResource {
  video: Json;
}
interface StorageRecord extends SimpleResource {
  s3: Json;
}

interface DestinationRecord {
  id: string;
  state: DestinationStateName;
  configuration: Json;
  startTime?: number;
  endTime?: number;
  detail?: Json;
}

interface CompositionRecord {
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
  idempotency: Record<string, { compositionArn: string; requestKey: string }>;
}

export interface SeedDocument {
  accountId?: string;
  region?: string;
  stages?: { id?: string; name?: string; tags?: Tags; participants?: { participantId?: string; userId?: string; attributes?: Tags }[] }[];
  channels?: { id?: string; name?: string; tags?: Tags }[];
  encoderConfigurations?: { id?: string; name?: string; tags?: Tags; video?: Json }[];
  storageConfigurations?: { id?: string; name?: string; tags?: Tags; s3?: { bucketName?: string } }[];
  compositions?: {
    stageArn: string;
    layout?: Json;
    destinations: Json[];
    tags?: Tags;
    state?: 'ACTIVE' | 'STARTING' | 'FAILED' | 'STOPPED';
  }[];
}

export interface WorldOptions {
  accountId: string;
  region: string;
  clock: 'real' | 'manual';
  startDelayMs: number;
  stopDelayMs: number;
  idleTimeoutMs: number;
  retentionMs: number;
  compositionsPerStage: number;
  compositionsPerAccount: number;
  maxPageSize: number;
  randomSeed?: number;
}

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

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ARN_PATTERN = /^arn:aws:ivs:([a-z0-9-]+):([0-9]+):([a-z-]+)\/([a-zA-Z0-9-]+)$/;
const RUNNING_STATES: readonly CompositionStateName[] = ['STARTING', 'ACTIVE', 'STOPPING'];
const ID_PATTERN = /^[a-zA-Z0-9-]+$/;
type SeedableState = NonNullable<NonNullable<SeedDocument['compositions']>[number]['state']>;
const SEEDABLE_STATES: readonly SeedableState[] = ['ACTIVE', 'STARTING', 'FAILED', 'STOPPED'];

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

export class Emulator {
  private state: WorldState;
  private readonly options: WorldOptions;
  private readonly model: ServiceModel;
  private readonly idRandom: (() => number) | undefined;
  private dirty = false;
  /** Faults, rate limits and call counters (applied by the HTTP front, not by in-process calls). */
  readonly faults: FaultInjector;
  /** Called after each call that changed the world (persistence hooks in here). */
  onChange?: (state: WorldState) => void;

  constructor(options: WorldOptions, state?: WorldState) {
    this.options = options;
    this.model = loadServiceModel();
    this.state = state ?? emptyWorldState(options.accountId, options.region, Date.now());
    this.idRandom = options.randomSeed === undefined ? undefined : createRandom(options.randomSeed ^ 0x5eed);
    this.faults = new FaultInjector(options.randomSeed ?? 1);
  }

  configureFaults(faults: FaultConfig): void {
    this.faults.configure(faults);
  }

  callCounts(): CallCounts {
    return this.faults.callCounts();
  }

  resetCounters(): void {
    this.faults.resetCounters();
  }

  get accountId(): string {
    return this.state.accountId;
  }
  get region(): string {
    return this.state.region;
  }

  // ---- clock --------------------------------------------------------------------------------

  now(): number {
    return this.options.clock === 'manual' ? this.state.clock.manualNow : Date.now() + this.state.clock.offsetMs;
  }

  advanceClock(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new EmulatorAdminError(`advanceClock: expected a duration >= 0 ms, got ${ms}`);
    if (this.options.clock === 'manual') this.state.clock.manualNow += ms;
    else this.state.clock.offsetMs += ms;
    this.dirty = true;
    this.tick();
    this.commit();
  }

  /** Processes every transition due by now. */
  private tick(): void {
    const now = this.now();
    const stages = new Map(this.state.stages.map((st) => [st.arn, st]));
    const kept: CompositionRecord[] = [];
    for (const c of this.state.compositions) {
      this.advanceComposition(c, now, stages);
      if ((c.state === 'STOPPED' || c.state === 'FAILED') && c.endTime !== undefined && c.endTime + this.options.retentionMs <= now) {
        this.forgetTokensOf(c.arn);
        this.dirty = true;
        continue;
      }
      kept.push(c);
    }
    this.state.compositions = kept;
  }

  private advanceComposition(c: CompositionRecord, now: number, stages?: ReadonlyMap<string, StageRecord>): void {
    const idleAt = this.idleAt(c, stages);
    if (c.state === 'STARTING' && c.readyAt <= now && (idleAt === undefined || c.readyAt <= idleAt)) {
      c.state = 'ACTIVE';
      for (const d of c.destinations) {
        if (d.state === 'STARTING') {
          d.state = 'ACTIVE';
          d.startTime = c.readyAt;
        }
      }
      this.dirty = true;
    }
    if ((c.state === 'STARTING' || c.state === 'ACTIVE') && idleAt !== undefined && idleAt <= now) {
      this.finish(c, 'STOPPED', idleAt);
    }
    if (c.state === 'STOPPING' && c.stopDoneAt !== undefined && c.stopDoneAt <= now) {
      this.finish(c, 'STOPPED', c.stopDoneAt);
    }
  }

  /** IVS stops a composition once its stage has had no publisher for the idle timeout. */
  private idleAt(c: CompositionRecord, stages?: ReadonlyMap<string, StageRecord>): number | undefined {
    const stage = stages ? stages.get(c.stageArn) : this.state.stages.find((s) => s.arn === c.stageArn);
    if (!stage || stage.emptySince === null) return undefined;
    return Math.max(stage.emptySince, c.startTime) + this.options.idleTimeoutMs;
  }

  private finish(c: CompositionRecord, state: 'STOPPED' | 'FAILED', at: number): void {
    c.state = state;
    c.endTime = at;
    c.stopDoneAt = undefined;
    for (const d of c.destinations) {
      if (d.state === 'FAILED' || d.state === 'STOPPED') continue;
      d.state = state;
      d.endTime = at;
    }
    this.dirty = true;
  }

  private forgetTokensOf(arn: string): void {
    for (const [key, entry] of Object.entries(this.state.idempotency)) {
      if (entry.compositionArn === arn) delete this.state.idempotency[key];
    }
  }

  private commit(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.onChange?.(this.state);
  }

  /** The state as persisted (a deep copy). */
  snapshot(): WorldState {
    this.tick();
    this.commit();
    return structuredClone(this.state);
  }

  // ---- the API ------------------------------------------------------------------------------

  /** Runs one API operation on a decoded request (body and located members merged). */
  handle(operation: string, input: Json): Json {
    const op = this.model.operations[operation];
    const impl = this.operations[operation];
    if (!op || !impl) throw new EmulatedApiError('UnknownOperationException', `The emulator does not implement ${operation}`);
    this.tick();
    try {
      if (op.input) {
        const failures = validateInput(this.model, op.input.shape, input);
        if (failures.length > 0) throw invalid(formatValidationFailures(failures));
      }
      return impl(input);
    } finally {
      this.commit();
    }
  }

  private readonly operations: Record<string, (input: Json) => Json> = {
    StartComposition: (i) => ({ composition: this.startComposition(i) }),
    GetComposition: (i) => ({ composition: this.viewComposition(this.requireComposition(i.arn as string)) }),
    ListCompositions: (i) => this.listCompositions(i),
    StopComposition: (i) => {
      this.stopComposition(i.arn as string);
      return {};
    },
    CreateStage: (i) => this.createStage(i),
    GetStage: (i) => ({ stage: this.viewStage(this.requireStage(i.arn as string)) }),
    ListStages: (i) => {
      const page = this.paginate('stage', this.state.stages, i);
      return { stages: page.items.map((s) => this.summarizeStage(s)), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
    UpdateStage: (i) => this.updateStage(i),
    DeleteStage: (i) => {
      this.deleteStage(i.arn as string);
      return {};
    },
    ListParticipants: (i) => this.listParticipants(i),
    CreateEncoderConfiguration: (i) => ({ encoderConfiguration: this.viewEncoder(this.createEncoder(i)) }),
    GetEncoderConfiguration: (i) => ({ encoderConfiguration: this.viewEncoder(this.requireIn(this.state.encoderConfigurations, i.arn as string, 'Encoder configuration')) }),
    ListEncoderConfigurations: (i) => {
      const page = this.paginate('encoder', this.state.encoderConfigurations, i);
      return {
        encoderConfigurations: page.items.map((e) => ({ arn: e.arn, ...(e.name !== undefined ? { name: e.name } : {}), tags: { ...e.tags } })),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },
    DeleteEncoderConfiguration: (i) => {
      this.deleteConfiguration('encoder', i.arn as string);
      return {};
    },
    CreateStorageConfiguration: (i) => ({ storageConfiguration: this.viewStorage(this.createStorage(i)) }),
    GetStorageConfiguration: (i) => ({ storageConfiguration: this.viewStorage(this.requireIn(this.state.storageConfigurations, i.arn as string, 'Storage configuration')) }),
    ListStorageConfigurations: (i) => {
      const page = this.paginate('storage', this.state.storageConfigurations, i);
      return { storageConfigurations: page.items.map((s) => this.viewStorage(s)), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
    DeleteStorageConfiguration: (i) => {
      this.deleteConfiguration('storage', i.arn as string);
      return {};
    },
    TagResource: (i) => {
      this.tagResource(i.resourceArn as string, i.tags as Tags);
      return {};
    },
    UntagResource: (i) => {
      const resource = this.requireTaggable(i.resourceArn as string);
      for (const key of i.tagKeys as string[]) delete resource.tags[key];
      this.dirty = true;
      return {};
    },
    ListTagsForResource: (i) => ({ tags: { ...this.requireTaggable(i.resourceArn as string).tags } }),
  };

  // ---- compositions -------------------------------------------------------------------------

  private startComposition(input: Json, seeded?: { state: SeedableState }): ComposedView {
    const stageArn = input.stageArn as string;
    const destinations = input.destinations as Json[];
    const layout = input.layout as Json | undefined;
    if (layout?.grid && layout?.pip) throw invalid('layout: specify exactly one of grid or pip');
    destinations.forEach((d, i) => {
      if (Boolean(d.channel) === Boolean(d.s3)) throw invalid(`destinations.${i + 1}: specify exactly one of channel or s3`);
    });
    const stage = this.requireStage(stageArn);
    for (const d of destinations) {
      const channel = d.channel as Json | undefined;
      if (channel) {
        this.requireIn(this.state.channels, channel.channelArn as string, 'Channel');
        if (channel.encoderConfigurationArn) this.requireIn(this.state.encoderConfigurations, channel.encoderConfigurationArn as string, 'Encoder configuration');
      }
      const s3 = d.s3 as Json | undefined;
      if (s3) {
        this.requireIn(this.state.storageConfigurations, s3.storageConfigurationArn as string, 'Storage configuration');
        for (const arn of s3.encoderConfigurationArns as string[]) this.requireIn(this.state.encoderConfigurations, arn, 'Encoder configuration');
      }
    }

    const token = input.idempotencyToken as string | undefined;
    const tokenKey = token ? `${this.state.accountId}:${token}` : undefined;
    const requestKey = toStableKey({ stageArn, layout, destinations, tags: input.tags ?? {} });
    if (tokenKey && !seeded) {
      const known = this.state.idempotency[tokenKey];
      const existing = known && this.state.compositions.find((c) => c.arn === known.compositionArn);
      if (known && existing) {
        if (known.requestKey !== requestKey) {
          throw new EmulatedApiError('ConflictException', 'The idempotency token was already used with different request parameters; use a new token');
        }
        return this.viewComposition(existing);
      }
    }

    if (!seeded) {
      const running = this.state.compositions.filter((c) => c.state !== 'STOPPED' && c.state !== 'FAILED');
      if (running.filter((c) => c.stageArn === stageArn).length >= this.options.compositionsPerStage) {
        throw new EmulatedApiError('ServiceQuotaExceededException', `Stage ${stageArn} already has ${this.options.compositionsPerStage} compositions (quota: concurrent compositions per stage)`);
      }
      if (running.length >= this.options.compositionsPerAccount) {
        throw new EmulatedApiError('ServiceQuotaExceededException', `The account already has ${this.options.compositionsPerAccount} compositions (quota: concurrent compositions per account)`);
      }
    }

    const now = this.now();
    const id = this.newId((candidate) => this.state.compositions.some((c) => c.id === candidate));
    const arn = this.arnFor('composition', id);
    const initial = seeded?.state ?? 'STARTING';
    const record: CompositionRecord = {
      arn,
      id,
      stageArn,
      seq: ++this.state.seq,
      state: initial,
      layout: fillLayoutDefaults(layout),
      destinations: [],
      tags: { ...((input.tags as Tags | undefined) ?? {}) },
      startTime: now,
      readyAt: initial === 'STARTING' ? now + this.options.startDelayMs : now,
    };
    for (const d of destinations) {
      const destinationId = this.newId((candidate) => record.destinations.some((x) => x.id === candidate));
      const configuration = fillDestinationDefaults(d);
      const dest: DestinationRecord = { id: destinationId, state: record.state, configuration };
      if (dest.state === 'ACTIVE') dest.startTime = now;
      if (dest.state === 'STOPPED' || dest.state === 'FAILED') dest.endTime = now;
      if (d.s3) dest.detail = { s3: { recordingPrefix: `${stage.id}/${stage.activeSessionId ?? 'st-none'}/${id}/composite` } };
      // A channel takes one broadcast: a second composition broadcasting to it fails on that destination.
      const channelArn = (d.channel as Json | undefined)?.channelArn as string | undefined;
      if (channelArn && (dest.state === 'STARTING' || dest.state === 'ACTIVE') && this.channelInUse(channelArn)) {
        dest.state = 'FAILED';
        dest.endTime = now;
      }
      record.destinations.push(dest);
    }
    if (record.destinations.every((d) => d.state === 'FAILED') && record.state !== 'STOPPED') record.state = 'FAILED';
    if (record.state === 'STOPPED' || record.state === 'FAILED') record.endTime = now;
    this.state.compositions.push(record);
    if (tokenKey && !seeded) this.state.idempotency[tokenKey] = { compositionArn: arn, requestKey };
    this.dirty = true;
    // Started on an empty stage with a zero idle timeout: due at once.
    this.advanceComposition(record, now);
    return this.viewComposition(record);
  }

  private channelInUse(channelArn: string): boolean {
    return this.state.compositions.some(
      (c) =>
        RUNNING_STATES.includes(c.state) &&
        c.destinations.some((d) => (d.configuration.channel as Json | undefined)?.channelArn === channelArn && d.state !== 'FAILED' && d.state !== 'STOPPED'),
    );
  }

  private stopComposition(arn: string): void {
    const c = this.requireComposition(arn);
    // Stopping what is already stopping, stopped or failed changes nothing and succeeds (idempotent).
    if (c.state !== 'STARTING' && c.state !== 'ACTIVE') return;
    c.state = 'STOPPING';
    c.stopDoneAt = this.now() + this.options.stopDelayMs;
    for (const d of c.destinations) if (d.state !== 'FAILED' && d.state !== 'STOPPED') d.state = 'STOPPING';
    this.dirty = true;
    this.advanceComposition(c, this.now());
  }

  private listCompositions(input: Json): Json {
    const byStage = input.filterByStageArn as string | undefined;
    const byEncoder = input.filterByEncoderConfigurationArn as string | undefined;
    const matching = this.state.compositions.filter(
      (c) =>
        (!byStage || c.stageArn === byStage) &&
        (!byEncoder || c.destinations.some((d) => JSON.stringify(d.configuration).includes(`"${byEncoder}"`))),
    );
    const page = this.paginate('composition', matching, input);
    return {
      compositions: page.items.map((c) => ({
        arn: c.arn,
        stageArn: c.stageArn,
        destinations: c.destinations.map((d) => ({ id: d.id, state: d.state, ...formatTimes(d) })),
        state: c.state,
        tags: { ...c.tags },
        ...formatTimes(c),
      })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  }

  private requireComposition(arn: string): CompositionRecord {
    const c = this.state.compositions.find((x) => x.arn === arn);
    if (!c) throw notFound('Composition', arn);
    return c;
  }

  private viewComposition(c: CompositionRecord): ComposedView {
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

  // ---- stages -------------------------------------------------------------------------------

  private createStage(input: Json, fixedId?: string): Json {
    const id = fixedId ?? this.newId((candidate) => this.state.stages.some((s) => s.id === candidate));
    const stage: StageRecord = {
      arn: this.arnFor('stage', id),
      id,
      ...(input.name !== undefined ? { name: input.name as string } : {}),
      tags: { ...((input.tags as Tags | undefined) ?? {}) },
      seq: ++this.state.seq,
      createdAt: this.now(),
      emptySince: this.now(),
      participants: [],
      ...(input.autoParticipantRecordingConfiguration ? { autoParticipantRecordingConfiguration: structuredClone(input.autoParticipantRecordingConfiguration as Json) } : {}),
    };
    this.state.stages.push(stage);
    this.dirty = true;
    const tokenConfigs = (input.participantTokenConfigurations as Json[] | undefined) ?? [];
    const participantTokens = tokenConfigs.map((t) => {
      const duration = (t.duration as number | undefined) ?? 720;
      return {
        participantId: this.newId(() => false),
        token: `emulated.${randomBytes(24).toString('base64url')}`,
        userId: (t.userId as string | undefined) ?? '',
        attributes: (t.attributes as Tags | undefined) ?? {},
        duration,
        capabilities: (t.capabilities as string[] | undefined) ?? ['PUBLISH', 'SUBSCRIBE'],
        expirationTime: new Date(this.now() + duration * 60_000).toISOString(),
      };
    });
    return { stage: this.viewStage(stage), participantTokens };
  }

  private updateStage(input: Json): Json {
    const stage = this.requireStage(input.arn as string);
    if (input.name !== undefined) stage.name = input.name as string;
    if (input.autoParticipantRecordingConfiguration !== undefined) {
      stage.autoParticipantRecordingConfiguration = structuredClone(input.autoParticipantRecordingConfiguration as Json);
    }
    this.dirty = true;
    return { stage: this.viewStage(stage) };
  }

  private deleteStage(arn: string): void {
    const stage = this.requireStage(arn);
    const running = this.state.compositions.filter((c) => c.stageArn === arn && c.state !== 'STOPPED' && c.state !== 'FAILED');
    if (running.length > 0) {
      throw new EmulatedApiError('ConflictException', `Stage ${arn} has ${running.length} running composition(s); stop them first`);
    }
    this.state.stages = this.state.stages.filter((s) => s !== stage);
    this.dirty = true;
  }

  private listParticipants(input: Json): Json {
    // ListParticipants has no ResourceNotFoundException: an unknown stage or session lists nobody.
    const stage = this.state.stages.find((s) => s.arn === input.stageArn);
    const participants = (stage?.participants ?? []).filter(
      (p) =>
        p.sessionId === input.sessionId &&
        (input.filterByUserId === undefined || p.userId === input.filterByUserId) &&
        (input.filterByState === undefined || p.state === input.filterByState) &&
        (input.filterByPublished === undefined || input.filterByPublished === true),
    );
    const numbered = participants.map((p, i) => ({ ...p, seq: i + 1 }));
    const page = this.paginate('participant', numbered, input);
    return {
      participants: page.items.map((p) => ({
        participantId: p.participantId,
        userId: p.userId,
        state: p.state,
        firstJoinTime: new Date(p.firstJoinTime).toISOString(),
        published: true,
        recordingState: 'DISABLED',
        replicationType: 'NONE',
        redundantIngest: false,
      })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  }

  private requireStage(arn: string): StageRecord {
    const stage = this.state.stages.find((s) => s.arn === arn);
    if (!stage) throw notFound('Stage', arn);
    return stage;
  }

  private summarizeStage(s: StageRecord): Json {
    return {
      arn: s.arn,
      ...(s.name !== undefined ? { name: s.name } : {}),
      ...(s.activeSessionId ? { activeSessionId: s.activeSessionId } : {}),
      tags: { ...s.tags },
    };
  }

  private viewStage(s: StageRecord): Json {
    return {
      ...this.summarizeStage(s),
      autoParticipantRecordingConfiguration: s.autoParticipantRecordingConfiguration ?? { storageConfigurationArn: '', mediaTypes: ['AUDIO_VIDEO'] },
      endpoints: {
        events: 'wss://global.events.live-video.net',
        whip: 'https://global.whip.live-video.net',
        rtmp: `rtmp://${s.id}.global-contribute.live-video.net/app/`,
        rtmps: `rtmps://${s.id}.global-contribute.live-video.net:443/app/`,
      },
    };
  }

  // ---- configurations -----------------------------------------------------------------------

  private createEncoder(input: Json, fixedId?: string): EncoderRecord {
    const id = fixedId ?? this.newId((candidate) => this.state.encoderConfigurations.some((e) => e.id === candidate));
    const record: EncoderRecord = {
      arn: this.arnFor('encoder-configuration', id),
      id,
      ...(input.name !== undefined ? { name: input.name as string } : {}),
      video: { ...ENCODER_VIDEO_DEFAULTS, ...((input.video as Json | undefined) ?? {}) },
      tags: { ...((input.tags as Tags | undefined) ?? {}) },
      seq: ++this.state.seq,
    };
    this.state.encoderConfigurations.push(record);
    this.dirty = true;
    return record;
  }

  private createStorage(input: Json, fixedId?: string): StorageRecord {
    const id = fixedId ?? this.newId((candidate) => this.state.storageConfigurations.some((e) => e.id === candidate));
    const record: StorageRecord = {
      arn: this.arnFor('storage-configuration', id),
      id,
      ...(input.name !== undefined ? { name: input.name as string } : {}),
      s3: { ...((input.s3 as Json | undefined) ?? {}) },
      tags: { ...((input.tags as Tags | undefined) ?? {}) },
      seq: ++this.state.seq,
    };
    this.state.storageConfigurations.push(record);
    this.dirty = true;
    return record;
  }

  private viewEncoder(e: EncoderRecord): Json {
    return { arn: e.arn, ...(e.name !== undefined ? { name: e.name } : {}), video: { ...e.video }, tags: { ...e.tags } };
  }

  private viewStorage(s: StorageRecord): Json {
    return { arn: s.arn, ...(s.name !== undefined ? { name: s.name } : {}), s3: { ...s.s3 }, tags: { ...s.tags } };
  }

  private deleteConfiguration(kind: 'encoder' | 'storage', arn: string): void {
    const list: SimpleResource[] = kind === 'encoder' ? this.state.encoderConfigurations : this.state.storageConfigurations;
    const record = this.requireIn(list, arn, kind === 'encoder' ? 'Encoder configuration' : 'Storage configuration');
    const user = this.state.compositions.find(
      (c) => c.state !== 'STOPPED' && c.state !== 'FAILED' && c.destinations.some((d) => JSON.stringify(d.configuration).includes(`"${arn}"`)),
    );
    if (user) throw new EmulatedApiError('ConflictException', `${arn} is used by running composition ${user.arn}`);
    if (kind === 'encoder') this.state.encoderConfigurations = this.state.encoderConfigurations.filter((e) => e !== record);
    else this.state.storageConfigurations = this.state.storageConfigurations.filter((s) => s !== record);
    this.dirty = true;
  }

  // ---- tags ---------------------------------------------------------------------------------

  private requireTaggable(arn: string): { tags: Tags } {
    const all: { arn: string; tags: Tags }[] = [
      ...this.state.stages,
      ...this.state.compositions,
      ...this.state.channels,
      ...this.state.encoderConfigurations,
      ...this.state.storageConfigurations,
    ];
    const found = all.find((r) => r.arn === arn);
    if (!found) {
      if (!ARN_PATTERN.test(arn)) throw invalid(`Value at 'resourceArn' failed to satisfy constraint: not a valid IVS ARN: ${arn}`);
      throw notFound('Resource', arn);
    }
    return found;
  }

  private tagResource(arn: string, tags: Tags): void {
    const resource = this.requireTaggable(arn);
    const reserved = Object.keys(tags).find((k) => k.toLowerCase().startsWith('aws:'));
    if (reserved) throw invalid(`Tag keys starting with "aws:" are reserved: ${reserved}`);
    const merged = { ...resource.tags, ...tags };
    if (Object.keys(merged).length > 50) throw invalid('A resource can have at most 50 tags');
    resource.tags = merged;
    this.dirty = true;
  }

  // ---- paging and ids -----------------------------------------------------------------------

  /** Stable order (creation sequence); the token names the last item returned. */
  private paginate<T extends { seq: number }>(kind: string, items: readonly T[], input: Json): { items: T[]; nextToken?: string } {
    const sorted = [...items].sort((a, b) => a.seq - b.seq);
    let after = 0;
    const token = input.nextToken as string | undefined;
    if (token) {
      const decoded = Buffer.from(token, 'base64').toString('utf8');
      const match = /^v1:([a-z]+):(\d+)$/.exec(decoded);
      if (!match || match[1] !== kind) throw invalid('The nextToken is not valid for this operation');
      after = Number(match[2]);
    }
    const size = Math.min((input.maxResults as number | undefined) ?? 100, this.options.maxPageSize);
    const rest = sorted.filter((x) => x.seq > after);
    const page = rest.slice(0, size);
    const nextToken = rest.length > size ? Buffer.from(`v1:${kind}:${page[page.length - 1]!.seq}`).toString('base64') : undefined;
    return { items: page, ...(nextToken ? { nextToken } : {}) };
  }

  private arnFor(kind: string, id: string): string {
    return `arn:aws:ivs:${this.state.region}:${this.state.accountId}:${kind}/${id}`;
  }

  private newId(taken: (candidate: string) => boolean, length = 12): string {
    for (;;) {
      let id = '';
      const bytes = randomBytes(length);
      for (let i = 0; i < length; i++) {
        const r = this.idRandom ? Math.floor(this.idRandom() * ID_ALPHABET.length) : bytes[i]! % ID_ALPHABET.length;
        id += ID_ALPHABET[r];
      }
      if (!taken(id)) return id;
    }
  }

  private requireIn<T extends { arn: string }>(list: readonly T[], arn: string, kind: string): T {
    const found = list.find((x) => x.arn === arn);
    if (!found) throw notFound(kind, arn);
    return found;
  }

  // ---- control surface (tests, admin API, CLI) ----------------------------------------------

  /** Adds the seed's resources to the world. Account and region switch only while the world is empty. */
  seed(doc: SeedDocument): void {
    this.tick();
    if (doc.accountId !== undefined || doc.region !== undefined) {
      const differs = (doc.accountId ?? this.state.accountId) !== this.state.accountId || (doc.region ?? this.state.region) !== this.state.region;
      if (differs) {
        if (!this.isEmpty()) throw new EmulatorSeedError('seed: accountId/region can only change while the emulator is empty');
        this.state.accountId = doc.accountId ?? this.state.accountId;
        this.state.region = doc.region ?? this.state.region;
      }
    }
    const checkId = (id: string | undefined, what: string): string | undefined => {
      if (id !== undefined && !ID_PATTERN.test(id)) throw new EmulatorSeedError(`seed: ${what} id "${id}" must be letters, digits and dashes`);
      return id;
    };
    for (const s of doc.stages ?? []) {
      const { stage } = this.createStage({ name: s.name, tags: s.tags }, checkId(s.id, 'stage')) as { stage: { arn: string } };
      for (const p of s.participants ?? []) this.joinParticipant(stage.arn, p);
    }
    for (const c of doc.channels ?? []) {
      const id = checkId(c.id, 'channel') ?? this.newId((x) => this.state.channels.some((ch) => ch.id === x));
      this.state.channels.push({ arn: this.arnFor('channel', id), id, ...(c.name !== undefined ? { name: c.name } : {}), tags: { ...(c.tags ?? {}) }, seq: ++this.state.seq });
    }
    for (const e of doc.encoderConfigurations ?? []) this.createEncoder({ name: e.name, tags: e.tags, video: e.video }, checkId(e.id, 'encoder configuration'));
    for (const s of doc.storageConfigurations ?? []) {
      this.createStorage({ name: s.name, tags: s.tags, s3: { bucketName: s.s3?.bucketName ?? `${(s.name ?? s.id ?? 'emulated').toLowerCase()}-bucket` } }, checkId(s.id, 'storage configuration'));
    }
    for (const c of doc.compositions ?? []) {
      const state = c.state ?? 'ACTIVE';
      if (!SEEDABLE_STATES.includes(state)) throw new EmulatorSeedError(`seed: composition on ${c.stageArn}: state must be ${SEEDABLE_STATES.join(', ')}, got "${String(state)}"`);
      const input = { stageArn: c.stageArn, layout: c.layout, destinations: c.destinations, tags: c.tags };
      const failures = validateInput(this.model, 'StartCompositionRequest', input);
      if (failures.length > 0) throw new EmulatorSeedError(`seed: composition on ${c.stageArn}: ${formatValidationFailures(failures)}`);
      try {
        this.startComposition(input, { state });
      } catch (error) {
        if (error instanceof EmulatedApiError) throw new EmulatorSeedError(`seed: composition on ${c.stageArn}: ${error.message}`);
        throw error;
      }
    }
    this.dirty = true;
    this.commit();
  }

  isEmpty(): boolean {
    const s = this.state;
    return s.stages.length + s.channels.length + s.encoderConfigurations.length + s.storageConfigurations.length + s.compositions.length === 0;
  }

  /** Resolves a stage by ARN, id or name. */
  stageArnOf(idOrName: string): string {
    const stage = this.state.stages.find((s) => s.arn === idOrName || s.id === idOrName) ?? this.state.stages.find((s) => s.name === idOrName);
    if (!stage) throw new EmulatorAdminError(`no stage "${idOrName}" in the emulator`);
    return stage.arn;
  }

  /** A publishing participant joins; the first one on an empty stage opens a new session. */
  joinParticipant(stageArnOrId: string, p: { participantId?: string; userId?: string; attributes?: Tags } = {}): string {
    this.tick();
    const stage = this.requireStage(this.stageArnOf(stageArnOrId));
    if (!stage.activeSessionId) stage.activeSessionId = `st-${this.newId(() => false, 13)}`;
    const participantId = p.participantId ?? this.newId((x) => stage.participants.some((q) => q.participantId === x));
    if (stage.participants.some((q) => q.participantId === participantId && q.state === 'CONNECTED')) {
      throw new EmulatorAdminError(`participant ${participantId} is already on stage ${stage.arn}`);
    }
    stage.participants.push({
      participantId,
      userId: p.userId ?? '',
      attributes: { ...(p.attributes ?? {}) },
      sessionId: stage.activeSessionId,
      state: 'CONNECTED',
      firstJoinTime: this.now(),
    });
    stage.emptySince = null;
    this.dirty = true;
    this.commit();
    return participantId;
  }

  /** One participant (or, without an id, everyone) leaves; the last one out ends the session. */
  leaveParticipant(stageArnOrId: string, participantId?: string): void {
    this.tick();
    const stage = this.requireStage(this.stageArnOf(stageArnOrId));
    const connected = stage.participants.filter((q) => q.state === 'CONNECTED' && (participantId === undefined || q.participantId === participantId));
    if (participantId !== undefined && connected.length === 0) throw new EmulatorAdminError(`participant ${participantId} is not on stage ${stage.arn}`);
    for (const q of connected) q.state = 'DISCONNECTED';
    if (!stage.participants.some((q) => q.state === 'CONNECTED')) {
      stage.activeSessionId = undefined;
      stage.emptySince = this.now();
    }
    this.dirty = true;
    this.commit();
  }

  /** The composition fails (as on a broadcast failure), with every destination still running. */
  failComposition(arn: string): void {
    this.tick();
    const c = this.requireAdminComposition(arn);
    if (c.state === 'STOPPED' || c.state === 'FAILED') throw new EmulatorAdminError(`composition ${arn} is already ${c.state}`);
    this.finish(c, 'FAILED', this.now());
    this.commit();
  }

  setDestinationState(arn: string, destinationIndexOrId: number | string, state: 'ACTIVE' | 'RECONNECTING' | 'FAILED'): void {
    this.tick();
    const c = this.requireAdminComposition(arn);
    const d = typeof destinationIndexOrId === 'number' ? c.destinations[destinationIndexOrId] : c.destinations.find((x) => x.id === destinationIndexOrId);
    if (!d) throw new EmulatorAdminError(`composition ${arn} has no destination ${destinationIndexOrId}`);
    if (c.state === 'STOPPED' || c.state === 'FAILED') throw new EmulatorAdminError(`composition ${arn} is ${c.state}`);
    d.state = state;
    if (state === 'FAILED') d.endTime = this.now();
    if (c.destinations.every((x) => x.state === 'FAILED')) this.finish(c, 'FAILED', this.now());
    this.dirty = true;
    this.commit();
  }

  stopCompositionExternally(arn: string): void {
    this.tick();
    this.requireAdminComposition(arn);
    this.stopComposition(arn);
    this.commit();
  }

  private requireAdminComposition(arn: string): CompositionRecord {
    const c = this.state.compositions.find((x) => x.arn === arn);
    if (!c) throw new EmulatorAdminError(`no composition ${arn} in the emulator`);
    return c;
  }

  /** Every composition still visible (stopped and failed ones within retention too), oldest first. */
  compositions(): ComposedView[] {
    this.tick();
    this.commit();
    return [...this.state.compositions].sort((a, b) => a.seq - b.seq).map((c) => this.viewComposition(c));
  }

  /** Stages with their session and connected participants, for status displays. */
  stages(): { arn: string; id: string; name?: string; activeSessionId?: string; tags: Tags; participants: { participantId: string; userId: string }[] }[] {
    this.tick();
    this.commit();
    return [...this.state.stages]
      .sort((a, b) => a.seq - b.seq)
      .map((s) => ({
        arn: s.arn,
        id: s.id,
        ...(s.name !== undefined ? { name: s.name } : {}),
        ...(s.activeSessionId ? { activeSessionId: s.activeSessionId } : {}),
        tags: { ...s.tags },
        participants: s.participants.filter((p) => p.state === 'CONNECTED').map((p) => ({ participantId: p.participantId, userId: p.userId })),
      }));
  }

  /** Empties the world (clock, faults and counters are kept). */
  reset(): void {
    const clock = this.state.clock;
    this.state = emptyWorldState(this.state.accountId, this.state.region, clock.manualNow);
    this.state.clock = clock;
    this.dirty = true;
    this.commit();
  }
}

function formatTimes(x: { startTime?: number; endTime?: number }): { startTime?: string; endTime?: string } {
  return {
    ...(x.startTime !== undefined ? { startTime: new Date(x.startTime).toISOString() } : {}),
    ...(x.endTime !== undefined ? { endTime: new Date(x.endTime).toISOString() } : {}),
  };
}
