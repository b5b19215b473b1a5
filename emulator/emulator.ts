// The emulator as its users drive it (the HTTP front, `stageform local`, tests): one class over the
// world. Every call first applies the transitions due by now, then reports any change once.
import { EmulatedApiError, invalid } from './api-error.js';
import { EmulatorAdminError } from './errors.js';
import {
  failComposition,
  findStageArn,
  joinParticipant,
  leaveParticipant,
  listCompositionViews,
  setPublishing,
  listChannelStatus,
  listStageStatus,
  setDestinationState,
  startOutsideBroadcast,
  stopOutsideBroadcast,
  type ChannelStatus,
  stopCompositionExternally,
  type ParticipantJoin,
  type StageStatus,
} from './admin.js';
import { EventWebhook, eventsBetween, viewForEvents, type IvsEvent } from './event-bridge.js';
import { FaultInjector, type CallCounts, type FaultConfig } from './faults.js';
import { advanceWorld } from './lifecycle.js';
import { formatValidationFailures, modelOf, validateInput } from './model.js';
import { CHANNEL_OPERATIONS } from './operations/channels.js';
import { COMPOSITION_OPERATIONS, type ComposedView } from './operations/compositions.js';
import { CONFIGURATION_OPERATIONS } from './operations/configurations.js';
import { STAGE_OPERATIONS } from './operations/stages.js';
import { TAG_OPERATIONS } from './operations/tags.js';
import { seedWorld, type SeedDocument } from './seed.js';
import { resetWorld, snapshotWorld } from './snapshot.js';
import { World, type OperationTable } from './world.js';
import { isWorldEmpty, type Json, type WorldOptions, type WorldState } from './world-state.js';

const OPERATIONS: OperationTable = { ...COMPOSITION_OPERATIONS, ...STAGE_OPERATIONS, ...CONFIGURATION_OPERATIONS, ...TAG_OPERATIONS, ...CHANNEL_OPERATIONS };

export class Emulator {
  private readonly world: World;
  /** Faults, rate limits and call counters (applied by the HTTP front, not by in-process calls). */
  readonly faults: FaultInjector;
  /** Called after each call that changed the world (persistence hooks in here). */
  onChange?: (state: WorldState) => void;
  private webhook: EventWebhook | undefined;
  private eventsKept = false;
  private readonly recent: IvsEvent[] = [];

  /** A new world, or one restored from a snapshot (a state file). */
  constructor(options: WorldOptions, state?: WorldState) {
    this.world = new World(options, state);
    this.world.onChange = (changed) => this.onChange?.(changed);
    this.faults = new FaultInjector(options.randomSeed ?? 1);
  }

  configureFaults(faults: FaultConfig): void {
    this.faults.configure(faults);
    this.world.listingLagMs = this.faults.listingLagMs();
  }

  callCounts(): CallCounts {
    return this.faults.callCounts();
  }

  resetCounters(): void {
    this.faults.resetCounters();
  }

  get accountId(): string {
    return this.world.state.accountId;
  }
  get region(): string {
    return this.world.state.region;
  }

  now(): number {
    return this.world.now();
  }

  advanceClock(ms: number): void {
    this.run(() => {
      this.world.moveClock(ms);
      advanceWorld(this.world);
    });
  }

  /** The state as persisted (a deep copy). */
  snapshot(): WorldState {
    return this.run(() => snapshotWorld(this.world));
  }

  /** Runs one API operation on a decoded request (body and located members merged). */
  handle(operation: string, input: Json): Json {
    const model = modelOf(operation);
    const op = model?.operations[operation];
    const impl = OPERATIONS[operation];
    if (!model || !op || !impl) throw new EmulatedApiError('UnknownOperationException', `The emulator does not implement ${operation}`);
    return this.run(() => {
      if (op.input) {
        const failures = validateInput(model, op.input.shape, input);
        if (failures.length > 0) throw invalid(formatValidationFailures(failures));
      }
      return impl(this.world, input);
    });
  }

  // ---- control surface (tests, admin API, CLI) ----------------------------------------------

  /** Adds the seed's resources to the world. Account and region switch only while the world is empty. */
  seed(doc: SeedDocument): void {
    this.run(() => seedWorld(this.world, doc));
  }

  isEmpty(): boolean {
    return isWorldEmpty(this.world.state);
  }

  /** Resolves a stage by ARN, id or name. */
  stageArnOf(idOrName: string): string {
    return findStageArn(this.world, idOrName);
  }

  /** A participant joins (publishing unless `publish: false`); the first one on a stage without a session opens one. */
  joinParticipant(stageArnOrId: string, participant: ParticipantJoin = {}): string {
    return this.run(() => joinParticipant(this.world, stageArnOrId, participant));
  }

  /** One participant (or, without an id, everyone) leaves; the session ends sessionEndDelayMs after the last publisher stopped. */
  leaveParticipant(stageArnOrId: string, participantId?: string): void {
    this.run(() => leaveParticipant(this.world, stageArnOrId, participantId));
  }

  /** A connected participant starts or stops publishing (it stays connected, subscribing). */
  setPublishing(stageArnOrId: string, participantId: string, publishing: boolean): void {
    this.run(() => setPublishing(this.world, stageArnOrId, participantId, publishing));
  }

  /** The composition fails (as on a broadcast failure), with every destination still running. */
  failComposition(arn: string): void {
    this.run(() => failComposition(this.world, arn));
  }

  setDestinationState(arn: string, destinationIndexOrId: number | string, state: 'ACTIVE' | 'RECONNECTING' | 'FAILED'): void {
    this.run(() => setDestinationState(this.world, arn, destinationIndexOrId, state));
  }

  /** An outside ("RTMP") broadcast starts feeding the channel (ARN, id or name); returns its stream id. */
  startOutsideBroadcast(channelArnOrId: string): string {
    return this.run(() => startOutsideBroadcast(this.world, channelArnOrId));
  }

  stopOutsideBroadcast(channelArnOrId: string): void {
    this.run(() => stopOutsideBroadcast(this.world, channelArnOrId));
  }

  /** Channels and what feeds each, for status displays. */
  channels(): ChannelStatus[] {
    return this.run(() => listChannelStatus(this.world));
  }

  stopCompositionExternally(arn: string): void {
    this.run(() => stopCompositionExternally(this.world, arn));
  }

  /** Every composition still visible (stopped and failed ones within retention too), oldest first. */
  compositions(): ComposedView[] {
    return this.run(() => listCompositionViews(this.world));
  }

  /** Stages with their session and connected participants, for status displays. */
  stages(): StageStatus[] {
    return this.run(() => listStageStatus(this.world));
  }

  // ---- EventBridge-shaped events (event-bridge.ts) ------------------------------------------

  /** Sends IVS's EventBridge events to `url` (POST, JSON, one per request); undefined stops sending. */
  setEventWebhook(url: string | undefined): void {
    // Checked here, so `local serve --event-webhook` and the admin API refuse the same URLs.
    if (url && !/^https?:$/.test(URL.canParse(url) ? new URL(url).protocol : '')) throw new EmulatorAdminError(`the event webhook must be an http(s) URL, got "${url}"`);
    this.webhook = url ? new EventWebhook(url) : undefined;
    this.eventsKept = true;
  }

  get eventWebhook(): { url: string; delivered: number; failed: number } | undefined {
    return this.webhook ? { url: this.webhook.url, delivered: this.webhook.delivered, failed: this.webhook.failed } : undefined;
  }

  /** The latest events (at most 100), oldest first; kept once a webhook was configured or `keepEvents` called. */
  recentEvents(): IvsEvent[] {
    return [...this.recent];
  }

  keepEvents(): void {
    this.eventsKept = true;
  }

  /** Resolves once every event sent to the webhook so far was answered. */
  async flushEvents(): Promise<void> {
    await this.webhook?.flush();
  }

  /** Empties the world (clock, faults and counters are kept). */
  reset(): void {
    resetWorld(this.world);
    this.world.commit();
  }

  /** Applies what is due by now, runs the action, and reports any change once (also when it throws). */
  private run<T>(action: () => T): T {
    const before = this.eventsKept ? viewForEvents(this.world.state) : undefined;
    advanceWorld(this.world);
    try {
      return action();
    } finally {
      this.world.commit();
      if (before) this.emitEvents(before);
    }
  }

  private emitEvents(before: ReturnType<typeof viewForEvents>): void {
    const events = eventsBetween(before, viewForEvents(this.world.state), { account: this.accountId, region: this.region, nowMs: this.world.now() });
    if (events.length === 0) return;
    this.recent.push(...events);
    this.recent.splice(0, Math.max(0, this.recent.length - 100));
    this.webhook?.send(events);
  }
}
