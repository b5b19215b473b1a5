// A simulated week of shows for `stageform reconcile` on the emulator's manual clock: publishers
// join and leave at random, destinations fail, a 24/7 stage meets the 24-hour limit, 10% of API
// calls fail, and the loop is killed mid-tick now and then (frozen where it stood, as a SIGKILLed
// process is, and a fresh loop started with no memory of it). Every simulated minute checks:
//   - coverage: a stage with a publisher that declares a `whenIdle: skip` composition has one
//     ACTIVE, except within one tick plus the start (and, after a stop, the stop) of an event;
//   - no duplicates: never two healthy running compositions for one address;
//   - nothing unmanaged is written to.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorldScript, runSimulatedLoop, type WorldEvent } from '../bench/simulated-loop.js';
import { createRandom, figure, runningPerAddress, SIMULATED_START_MS as START_MS, SIMULATED_STOP_MS as STOP_MS, startSimulatedWorld, stageArn, unmanagedSeeds, writeProject, type Figure } from './harness.js';

export interface ReconcileWeekOptions {
  readonly days: number;
  readonly stages: number;
  readonly intervalMs: number;
  /** Loop kills over the run. */
  readonly kills: number;
  readonly faultRate: number;
  readonly randomSeed?: number;
  /** IVS's longest composition (24 h); the small version shortens it to see a few stops. */
  readonly compositionLimitMs?: number;
}

const DAY_MS = 24 * 3_600_000;
const ALWAYS = 'AlwaysOn1';

export async function runReconcileWeekScenario(options: ReconcileWeekOptions): Promise<Figure[]> {
  const random = createRandom(options.randomSeed ?? 17);
  const showIds = Array.from({ length: options.stages }, (_, i) => `Show${String(i).padStart(4, '0')}`);
  const ids = [...showIds, ALWAYS];
  const limitMs = options.compositionLimitMs ?? DAY_MS;
  const dir = mkdtempSync(path.join(tmpdir(), 'stageform-reconcile-week-'));
  writeProject(dir, { whenIdle: 'skip' }, Object.fromEntries(ids.map((id) => [id, [{ name: 'recording', archiveName: null }]])));
  const world = await startSimulatedWorld({
    stages: ids.map((id) => ({ id, name: id.toLowerCase(), ...(id === ALWAYS ? { participants: [{ userId: 'anchor' }] } : {}) })),
    compositions: unmanagedSeeds(ids),
    compositionsPerAccount: 500,
    maxDurationMs: limitMs,
  });
  const { emulator } = world.handle;
  const unmanaged = new Set(emulator.compositions().map((c) => c.arn));
  try {
    const began = emulator.now();
    const endMs = began + options.days * DAY_MS;
    const publishers = new Map<string, string | undefined>(ids.map((id) => [id, id === ALWAYS ? 'anchor' : undefined]));
    /** Per stage: since when the loop is allowed not to cover it (the last event's moment + allowance). */
    const graceUntil = new Map<string, number>();
    const allowance = options.intervalMs + START_MS;
    const grace = (id: string, extraMs = 0): void => {
      graceUntil.set(id, Math.max(graceUntil.get(id) ?? 0, emulator.now() + allowance + extraMs));
    };
    const events: WorldEvent[] = [];
    const address = (id: string): string => `${id.toLowerCase()}/recording`;

    // Shows: idle gaps of 30 min to 6 h, shows of 20 min to 3 h.
    for (const id of showIds) {
      let t = began + Math.floor(random() * 3_600_000);
      while (t < endMs) {
        const length = 20 * 60_000 + Math.floor(random() * 160 * 60_000);
        const joinAt = t;
        events.push({
          atMs: joinAt,
          label: `join ${id}`,
          apply: (schedule) => {
            if (publishers.get(id) === undefined) grace(id);
            const participant = emulator.joinParticipant(stageArn(id));
            publishers.set(id, participant);
            schedule({ atMs: joinAt + length, label: `leave ${id}`, apply: () => {
              emulator.leaveParticipant(stageArn(id), participant);
              publishers.set(id, undefined);
            } });
          },
        });
        t += length + 30 * 60_000 + Math.floor(random() * 330 * 60_000);
      }
    }
    // Destination failures: about two a day across the stages, on whatever is running.
    for (let t = began + 3_600_000; t < endMs; t += Math.floor(random() * DAY_MS)) {
      const id = ids[Math.floor(random() * ids.length)];
      events.push({
        atMs: t,
        label: `destination failed ${id}`,
        apply: () => {
          const [running] = (runningPerAddress(world.handle).get(address(id)) ?? []).filter((c) => c.state === 'ACTIVE');
          if (!running) return;
          emulator.setDestinationState(running.arn, 0, 'FAILED');
          grace(id);
        },
      });
    }
    // Every simulated minute: the checks. The emulator ends compositions at the limit itself (as
    // IVS does): on the 24/7 stage, and on a show's stage when the limit is shortened. Each such
    // stop is an event, allowed one tick + stop + start from the moment it ended.
    let minutes = 0;
    let uncovered = 0;
    let duplicates = 0;
    const limitStops = new Set<string>();
    const uncoveredDetails: string[] = [];
    for (let t = began + 60_000; t <= endMs; t += 60_000) {
      events.push({
        atMs: t,
        label: 'check',
        apply: () => {
          for (const c of emulator.compositions()) {
            const id = ids.find((i) => c.tags['stageform:address'] === address(i));
            if (id === undefined || limitStops.has(c.arn) || !c.startTime || !c.endTime) continue;
            const endedMs = Date.parse(c.endTime);
            if (endedMs - Date.parse(c.startTime) < limitMs) continue;
            limitStops.add(c.arn);
            graceUntil.set(id, Math.max(graceUntil.get(id) ?? 0, endedMs + allowance + STOP_MS));
          }
          const runningNow = runningPerAddress(world.handle);
          for (const id of ids) {
            const running = runningNow.get(address(id)) ?? [];
            const healthy = running.filter((c) => c.destinations.every((d) => d.state !== 'FAILED'));
            if (healthy.length > 1) duplicates++;
            if (publishers.get(id) === undefined) continue;
            minutes++;
            if (running.some((c) => c.state === 'ACTIVE')) continue;
            if (emulator.now() <= (graceUntil.get(id) ?? 0)) continue;
            uncovered++;
            if (uncoveredDetails.length < 5) uncoveredDetails.push(`${id} uncovered at +${Math.round((emulator.now() - began) / 60_000)} min`);
          }
        },
      });
    }

    emulator.configureFaults({ '*': { internalErrorRate: options.faultRate } });
    const script = new WorldScript(world.handle, events);
    const killAt = Array.from({ length: options.kills }, () => began + Math.floor(random() * options.days * DAY_MS)).sort((a, b) => a - b);
    let kills = 0;
    let errorTicks = 0;
    // A loop runs until the next kill moment passes and it is inside a tick (a short sleep: apply polling) or between ticks.
    while (emulator.now() < endMs) {
      const nextKill = killAt[kills];
      let crash!: () => void;
      const crashed = new Promise<'crashed'>((resolve) => (crash = () => resolve('crashed')));
      const loop = runSimulatedLoop(
        {
          handle: world.handle,
          dir,
          intervalMs: options.intervalMs,
          untilMs: endMs,
          onEvent: (event) => {
            if (event.kind === 'tick-error') errorTicks++;
          },
          onSleep: (ms, nowMs) => {
            if (nextKill !== undefined && nowMs >= nextKill) {
              crash();
              return 'freeze';
            }
            return undefined;
          },
        },
        script,
      );
      const outcome = await Promise.race([loop, crashed]);
      if (outcome === 'crashed') {
        kills++;
        // The killed loop's in-flight request may still land; a restarted one must cope.
        continue;
      }
      if (!outcome.ok) throw new Error(`project does not load: ${JSON.stringify(outcome.diagnostics)}`);
    }
    const touched = world.writes.filter((w) => unmanaged.has(w.target));
    const coverage = minutes === 0 ? 1 : 1 - uncovered / minutes;
    const name = 'reconcile week';
    return [
      figure(name, `publisher-minutes covered (${options.days} d, ${ids.length} stages, ${options.intervalMs / 1000} s tick)`, `${uncovered} uncovered of ${minutes} (${(coverage * 100).toFixed(2)}%)`, '0 beyond one tick + start after an event', uncovered === 0, uncoveredDetails),
      figure(name, 'duplicate healthy compositions (minute checks)', duplicates, '0', duplicates === 0),
      figure(name, 'writes to unmanaged compositions', touched.length, '0', touched.length === 0, touched.slice(0, 5).map((w) => `${w.operation} ${w.target}`)),
      figure(name, `loop killed mid-tick and restarted`, `${kills} kills, ${limitStops.size} stops at the ${limitMs / 3_600_000}-hour limit, ${errorTicks} failed ticks at ${options.faultRate * 100}% API faults`, `${options.kills} kills survived`, kills === options.kills),
    ];
  } finally {
    await world.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
