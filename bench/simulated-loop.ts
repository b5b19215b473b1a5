// The reconcile loop (core/pipeline/reconcile-loop.ts) on the emulator's manual clock: the loop's
// clock is the emulator's, and every sleep (between ticks, and apply's polls) moves the world on,
// applying the scripted events that fall due on the way. A simulated day takes seconds; API calls
// are real HTTP to the in-process emulator. No client rate limiter runs (its buckets would pace in
// real time): calls per tick are counted and compared with the limits arithmetically.
import { createIvsApi } from '../core/ivs/ivs-client.js';
import type { IvsApi } from '../core/ivs/ivs-api.js';
import { runReconcileLoop, type ReconcileLoopEvent, type ReconcileLoopOutcome } from '../core/pipeline/reconcile-loop.js';
import type { ReconcilePolicy } from '../core/pipeline/reconcile-policy.js';
import type { EmulatorHandle } from '../emulator/index.js';

export interface WorldEvent {
  /** Emulator clock, epoch ms. */
  readonly atMs: number;
  readonly label: string;
  /** Changes the world (join, leave, fail...); may schedule more events through `schedule`. */
  apply(schedule: (event: WorldEvent) => void): void;
}

export interface SimulatedLoopOptions {
  readonly handle: EmulatorHandle;
  readonly dir: string;
  readonly policy?: ReconcilePolicy;
  readonly intervalMs?: number;
  /** Stop once the emulator clock passes this. */
  readonly untilMs?: number;
  readonly maxTicks?: number;
  readonly events?: readonly WorldEvent[];
  /** Calls per SDK request, first included (default the SDK's 5). */
  readonly maxAttempts?: number;
  onEvent?(event: ReconcileLoopEvent, nowMs: number): void;
  /** 'freeze': this sleep never ends, and the loop stands where it is for good (a killed process). */
  onSleep?(ms: number, nowMs: number): 'freeze' | void;
}

/** A scheduler of world events on the emulator clock, shared by the loop's sleeps. */
export class WorldScript {
  private readonly queue: WorldEvent[] = [];
  constructor(private readonly handle: EmulatorHandle, events: readonly WorldEvent[] = []) {
    for (const e of events) this.schedule(e);
  }

  schedule = (event: WorldEvent): void => {
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1].atMs > event.atMs) i--;
    this.queue.splice(i, 0, event);
  };

  /** Moves the clock by ms, applying each event when its moment comes. */
  advance(ms: number): void {
    const emulator = this.handle.emulator;
    const target = emulator.now() + ms;
    while (this.queue.length > 0 && this.queue[0].atMs <= target) {
      const event = this.queue.shift()!;
      if (event.atMs > emulator.now()) emulator.advanceClock(event.atMs - emulator.now());
      event.apply(this.schedule);
    }
    if (target > emulator.now()) emulator.advanceClock(target - emulator.now());
  }
}

export async function runSimulatedLoop(options: SimulatedLoopOptions, script = new WorldScript(options.handle, options.events)): Promise<ReconcileLoopOutcome> {
  const { handle } = options;
  const apis = new Map<string, IvsApi>();
  const apiFor = (region: string): IvsApi => {
    let api = apis.get(region);
    if (!api) {
      api = createIvsApi({ region, endpoint: handle.endpoint, env: {}, ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}) });
      apis.set(region, api);
    }
    return api;
  };
  const stop = new AbortController();
  return runReconcileLoop(
    {
      dir: options.dir,
      cwd: options.dir,
      policy: options.policy ?? 'heal',
      intervalMs: options.intervalMs,
      budgetShare: 0.5,
      parallelism: 10,
      waitTimeoutMs: 120_000,
      maxTicks: options.maxTicks,
    },
    {
      connect: async (settings) => ({ apiFor, endpoint: handle.endpoint, region: settings.region, close: async () => {} }),
      now: () => handle.emulator.now(),
      sleep: async (ms) => {
        if (options.onSleep?.(ms, handle.emulator.now()) === 'freeze') return new Promise<void>(() => {});
        script.advance(ms);
        if (options.untilMs !== undefined && handle.emulator.now() >= options.untilMs) stop.abort();
      },
      signal: stop.signal,
      onEvent: (event) => options.onEvent?.(event, handle.emulator.now()),
    },
  );
}
