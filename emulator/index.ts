// The local IVS Real-Time emulator: start it on a port, or open a project's embedded one (--local).
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { EmulatorError, EmulatorSeedError } from './errors.js';
import type { FaultConfig } from './faults.js';
import { acquireLock, readStateFile, writeStateFile } from './persistence.js';
import { createRequestHandler } from './server.js';
import { Emulator } from './emulator.js';
import { loadSeedFile, type SeedDocument } from './seed.js';
import type { WorldOptions } from './world-state.js';

export { Emulator } from './emulator.js';
export { loadSeedFile } from './seed.js';
export type { SeedDocument } from './seed.js';
export type { ComposedView } from './operations/compositions.js';
export type { ChannelStatus, StageStatus, ParticipantJoin } from './admin.js';
export type { WorldState, Tags } from './world-state.js';
export type { FaultConfig, OperationFaults, CallCounts } from './faults.js';
export type { IvsEvent } from './event-bridge.js';
export { EmulatorError, EmulatorSeedError, EmulatorStateError, EmulatorLockError, EmulatorAdminError, type EmulatorErrorCode } from './errors.js';

export interface EmulatorOptions {
  /** 0 = a free port (default 0). */
  port?: number;
  /** Default 127.0.0.1: loopback only unless told otherwise. */
  host?: string;
  accountId?: string;
  region?: string;
  /** Persist here (atomically) after every change. */
  stateFile?: string;
  /** Object or path to YAML/JSON; applied when the state is empty (no state file yet). */
  seed?: SeedDocument | string;
  /** manual: time moves only by advanceClock (default real). */
  clock?: 'real' | 'manual';
  startDelayMs?: number;
  stopDelayMs?: number;
  idleTimeoutMs?: number;
  /** A stage session ends this long after its last publisher stopped, once nobody is connected (default 180000). */
  sessionEndDelayMs?: number;
  /** A composition stops when it has run this long (default 24 h, AWS's quota). */
  maxDurationMs?: number;
  retentionMs?: number;
  /** How long an idempotency token is remembered after its last use (default 24 h); 0: forgotten with its composition. */
  tokenMemoryMs?: number;
  quotas?: { compositionsPerStage?: number; compositionsPerAccount?: number };
  maxPageSize?: number;
  faults?: FaultConfig;
  randomSeed?: number;
  /** POST IVS's EventBridge events here (emulator/event-bridge.ts); also settable through the admin API. */
  eventWebhook?: string;
}

/** "a few minutes after the last participant stops publishing" (IVS user guide, Stage health): we choose 3. */
export const DEFAULT_SESSION_END_DELAY_MS = 180_000;
/** "Composition: max duration: 24 hours, not adjustable" (IVS user guide, Service Quotas). */
export const MAX_COMPOSITION_DURATION_MS = 24 * 3_600_000;
/** AWS documents no expiry for StartComposition's tokens: remember them a day, so stageform cannot rely on forgetting. */
export const DEFAULT_TOKEN_MEMORY_MS = 24 * 60 * 60 * 1000;

export interface EmulatorHandle {
  readonly endpoint: string;
  readonly emulator: Emulator;
  stop(): Promise<void>;
}

/** Builds the in-process world from options (state file and seed included), without any HTTP. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const worldOptions: WorldOptions = {
    accountId: options.accountId ?? '123456789012',
    region: options.region ?? 'us-east-1',
    clock: options.clock ?? 'real',
    startDelayMs: options.startDelayMs ?? 1000,
    stopDelayMs: options.stopDelayMs ?? 1000,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    sessionEndDelayMs: options.sessionEndDelayMs ?? DEFAULT_SESSION_END_DELAY_MS,
    maxDurationMs: options.maxDurationMs ?? MAX_COMPOSITION_DURATION_MS,
    retentionMs: options.retentionMs ?? 300_000,
    tokenMemoryMs: options.tokenMemoryMs ?? DEFAULT_TOKEN_MEMORY_MS,
    ...(options.quotas?.compositionsPerStage !== undefined ? { compositionsPerStage: options.quotas.compositionsPerStage } : {}),
    compositionsPerAccount: options.quotas?.compositionsPerAccount ?? 5,
    maxPageSize: options.maxPageSize ?? 100,
    ...(options.randomSeed !== undefined ? { randomSeed: options.randomSeed } : {}),
  };
  const saved = options.stateFile ? readStateFile(options.stateFile) : undefined;
  const emulator = new Emulator(worldOptions, saved);
  if (!saved && options.seed !== undefined) {
    const seedFile = typeof options.seed === 'string' ? options.seed : undefined;
    const doc = seedFile ? loadSeedFile(seedFile) : (options.seed as SeedDocument);
    try {
      emulator.seed(doc);
    } catch (error) {
      // A participant twice on one stage (EmulatorAdminError) or a list that is not one (TypeError) is a bad seed too.
      if (error instanceof EmulatorError || error instanceof TypeError) {
        throw new EmulatorSeedError(`${seedFile ?? 'seed'}: ${error.message}`);
      }
      throw error;
    }
  }
  if (options.faults) emulator.configureFaults(options.faults);
  if (options.eventWebhook) emulator.setEventWebhook(options.eventWebhook);
  if (options.stateFile) {
    const file = options.stateFile;
    emulator.onChange = (state) => writeStateFile(file, state);
    if (!saved) writeStateFile(file, emulator.snapshot());
  }
  return emulator;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const emulator = createEmulator(options);
  const server = createServer(createRequestHandler(emulator));
  // The SDK keeps connections alive; close idle ones promptly on stop.
  server.keepAliveTimeout = 1000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://${shownHost}:${address.port}`,
    emulator,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

export const LOCAL_STATE_DIR = '.stageform';
export const LOCAL_STATE_FILE = 'emulator-state.json';
export const LOCAL_LOCK_FILE = 'emulator.lock';
export const LOCAL_SEED_FILE = 'stageform.seed.yaml';

/** The project's embedded emulator for `--local`: persistent state under .stageform/, locked against other processes. */
export async function openLocalEmulator(projectDir: string, options: EmulatorOptions & { lockTimeoutMs?: number } = {}): Promise<EmulatorHandle> {
  const stateDir = join(projectDir, LOCAL_STATE_DIR);
  const release = await acquireLock(join(stateDir, LOCAL_LOCK_FILE), options.lockTimeoutMs ?? 30_000);
  try {
    const seedFile = join(projectDir, LOCAL_SEED_FILE);
    const handle = await startEmulator({
      clock: 'real',
      startDelayMs: 200,
      stopDelayMs: 200,
      ...options,
      stateFile: join(stateDir, LOCAL_STATE_FILE),
      ...(options.seed === undefined && existsSync(seedFile) ? { seed: seedFile } : {}),
    });
    return {
      endpoint: handle.endpoint,
      emulator: handle.emulator,
      async stop() {
        try {
          await handle.stop();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
