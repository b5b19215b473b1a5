// What `stageform local admin` acts on: a running `local serve` through its admin HTTP API, or (when
// asked with --local) the project's embedded emulator. Both answer the same few calls, so each
// admin action is written once.
import { UserError } from '../core/model/diagnostics.js';
import { EmulatorAdminError, type ChannelStatus, type ComposedView, type EmulatorHandle, type StageStatus } from '../emulator/index.js';

export type DestinationStateName = 'ACTIVE' | 'RECONNECTING' | 'FAILED';

export interface WorldStatus {
  /** The emulator's clock, epoch milliseconds. */
  readonly now: number;
  readonly stages: readonly StageStatus[];
  readonly compositions: readonly ComposedView[];
  /** Channels and what feeds each (absent from an emulator that predates them). */
  readonly channels?: readonly ChannelStatus[];
}

export interface AdminWorld {
  status(): Promise<WorldStatus>;
  /** A participant joins, publishing unless `publish` is false (a subscriber). */
  join(stageArn: string, userId?: string, publish?: boolean): Promise<string>;
  setPublishing(stageArn: string, participantId: string, publishing: boolean): Promise<void>;
  leave(stageArn: string, participantId?: string): Promise<void>;
  fail(arn: string): Promise<void>;
  setDestinationState(arn: string, destination: number, state: DestinationStateName): Promise<void>;
  stop(arn: string): Promise<void>;
  /** An outside (RTMP) broadcast starts feeding the channel (ARN, id or name); resolves to its stream id. */
  startBroadcast(channel: string): Promise<string>;
  stopBroadcast(channel: string): Promise<void>;
  /** Moves the clock; resolves to the new time (epoch milliseconds). */
  advance(ms: number): Promise<number>;
  close(): Promise<void>;
}

/** The embedded emulator of `--local` commands, already opened (and locked) by the caller. */
export function embeddedAdminWorld(handle: EmulatorHandle): AdminWorld {
  const { emulator } = handle;
  return {
    status: async () => ({ now: emulator.now(), stages: emulator.stages(), compositions: emulator.compositions(), channels: emulator.channels() }),
    join: async (stageArn, userId, publish) =>
      emulator.joinParticipant(stageArn, { ...(userId !== undefined ? { userId } : {}), ...(publish === false ? { publish: false } : {}) }),
    setPublishing: async (stageArn, participantId, publishing) => emulator.setPublishing(stageArn, participantId, publishing),
    leave: async (stageArn, participantId) => emulator.leaveParticipant(stageArn, participantId),
    fail: async (arn) => emulator.failComposition(arn),
    setDestinationState: async (arn, destination, state) => emulator.setDestinationState(arn, destination, state),
    stop: async (arn) => emulator.stopCompositionExternally(arn),
    startBroadcast: async (channel) => emulator.startOutsideBroadcast(channel),
    stopBroadcast: async (channel) => emulator.stopOutsideBroadcast(channel),
    advance: async (ms) => {
      emulator.advanceClock(ms);
      return emulator.now();
    },
    close: () => handle.stop(),
  };
}

/** How long one admin request may take before the emulator counts as not answering. */
const ADMIN_TIMEOUT_MS = 10_000;

/** A running emulator's admin HTTP API (emulator/README.md "Admin HTTP API"). */
export function servedAdminWorld(endpoint: string): AdminWorld {
  const call = async (method: 'GET' | 'POST', route: string, body?: object): Promise<Record<string, unknown>> => {
    const response = await requestAdmin(endpoint, method, route, body);
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    // The admin API answers 400/404 with {"error"} for what the world cannot do (no such stage...).
    if (!response.ok) throw new EmulatorAdminError(typeof answer.error === 'string' ? answer.error : `${method} ${route} answered ${response.status}`);
    return answer;
  };
  const send = async (route: string, body: object): Promise<void> => {
    await call('POST', route, body);
  };
  return {
    status: async () => {
      const state = await call('GET', 'state');
      return {
        now: Date.parse(String(state.now)),
        stages: state.stages as StageStatus[],
        compositions: state.compositions as ComposedView[],
        ...(Array.isArray(state.channels) ? { channels: state.channels as ChannelStatus[] } : {}),
      };
    },
    join: async (stage, userId, publish) =>
      String((await call('POST', 'participants/join', { stage, ...(userId !== undefined ? { userId } : {}), ...(publish === false ? { publish: false } : {}) })).participantId),
    setPublishing: (stage, participantId, publishing) => send('participants/publish', { stage, participantId, publishing }),
    leave: (stage, participantId) => send('participants/leave', { stage, ...(participantId !== undefined ? { participantId } : {}) }),
    fail: (arn) => send('compositions/fail', { arn }),
    setDestinationState: (arn, destination, state) => send('compositions/destination-state', { arn, destination, state }),
    stop: (arn) => send('compositions/stop', { arn }),
    startBroadcast: async (channel) => String((await call('POST', 'channels/broadcast/start', { channel })).streamId),
    stopBroadcast: (channel) => send('channels/broadcast/stop', { channel }),
    advance: async (ms) => Date.parse(String((await call('POST', 'clock/advance', { ms })).now)),
    close: async () => {},
  };
}

/** Whether an emulator answers its admin API at `endpoint` (a recorded serve may have died since). */
export async function isEmulatorAnswering(endpoint: string): Promise<boolean> {
  try {
    const response = await requestAdmin(endpoint, 'GET', 'clock');
    const answer = (await response.json()) as { now?: unknown };
    return response.ok && typeof answer.now === 'string';
  } catch {
    return false;
  }
}

async function requestAdmin(endpoint: string, method: 'GET' | 'POST', route: string, body?: object): Promise<Response> {
  const url = `${endpoint.replace(/\/+$/, '')}/_emulator/${route}`;
  try {
    return await fetch(url, {
      method,
      ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
      signal: AbortSignal.timeout(ADMIN_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new UserError('EMULATOR_UNREACHABLE', `the emulator at ${endpoint} does not answer (${cause})`, {
      hint: 'is `stageform local serve` still running? Start one with `stageform local serve`',
    });
  }
}
