// The event hint's time to composition, end to end on the real clock: the emulator (published rate
// limits, the bench's latency, 1 s STARTING -> ACTIVE) posts its EventBridge-shaped events to a
// receiver in a child process (bench/event-receiver.ts), which invokes the package's Lambda handler;
// the handler's targeted pass starts the composition. No reconcile loop and no scheduled event run:
// every start is the hint's. Each session: a publisher joins an idle stage (whenIdle: skip), the
// composition becomes ACTIVE, the publisher leaves, the composition is stopped and the handler has
// answered every event before the next session. Measured on the emulator's clock: the join to the
// ACTIVE the emulator records (its destinations' start time).
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { FaultConfig } from '../emulator/index.js';
import { createRandom } from '../emulator/faults.js';
import { cliEnv } from './child.js';
import type { ReceiverMessage } from './event-receiver.js';
import type { LatencyFigure } from './reconcile-bench.js';
import { percentile } from './floor.js';
import { composedStageIndexes, stageArnOf, worldFor, type ProjectShape } from './project.js';

type Invocation = Extract<ReceiverMessage, { kind: 'invocation' }>;

/** samples, p50Ms, p95Ms: the first publisher to ACTIVE; targetMs: start p95 + 1 s. */
export interface EventHintResults extends LatencyFigure {
  readonly shape: ProjectShape;
  /** StartComposition to ACTIVE, as the emulator recorded it. */
  readonly startP50Ms: number;
  readonly startP95Ms: number;
  /** The handler's targeted pass that started each composition: event received to pass end (it waits for ACTIVE). */
  readonly passP50Ms: number;
  readonly passP95Ms: number;
  /** The first (cold) invocation: it loads the project. */
  readonly coldInvocationMs: number;
  readonly invocations: number;
  /** Full passes run (none may: the figure is the hint's alone). */
  readonly fullPasses: number;
  readonly failedInvocations: number;
  /** API calls the handler made per measured session (every event's pass), by operation. */
  readonly callsPerSession: Readonly<Record<string, number>>;
}

export interface EventHintOptions {
  readonly shape: ProjectShape;
  readonly sessions: number;
  readonly faults: FaultConfig;
  /** A directory to write the project into. */
  readonly dir: string;
  readonly log?: (line: string) => void;
}

const RECEIVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'event-receiver.js');
const WAIT_MS = 60_000;

export async function runEventHintBench(options: EventHintOptions): Promise<EventHintResults> {
  const { shape } = options;
  const handle = await worldFor(options.dir, shape, false, 'skip', { clock: 'real', faults: options.faults, randomSeed: 13 });
  const { emulator } = handle;
  const invocations: Invocation[] = [];
  let child: ChildProcess | undefined;
  try {
    let stderr = '';
    child = fork(RECEIVER, [], {
      env: cliEnv(handle.endpoint, { STAGEFORM_DIR: options.dir, STAGEFORM_PARALLELISM: '10', STAGEFORM_POLICY: 'heal' }),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const url = await new Promise<string>((resolve, reject) => {
      child!.on('message', (message: ReceiverMessage) => {
        if (message.kind === 'listening') resolve(message.url);
        else invocations.push(message);
      });
      child!.once('exit', (code) => reject(new Error(`the event receiver exited (${code}): ${stderr}`)));
    });
    emulator.setEventWebhook(url);

    /** Every event posted so far was delivered and its invocation has finished. */
    const drain = async (): Promise<void> => {
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        await emulator.flushEvents();
        if (invocations.length >= (emulator.eventWebhook?.delivered ?? 0)) return;
        if (Date.now() > deadline) throw new Error(`the handler did not finish its invocations in ${WAIT_MS / 1000} s: ${stderr}`);
        await sleep(10);
      }
    };
    const composed = composedStageIndexes(shape);
    const addressOf = (index: number): string => `stage-${index}/recording`;
    const runningOn = (index: number) => emulator.compositions().find((c) => c.tags['stageform:address'] === addressOf(index) && (c.state === 'STARTING' || c.state === 'ACTIVE'));
    const waitFor = async <T>(what: string, probe: () => T | undefined): Promise<T> => {
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        const found = probe();
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error(`event hint: ${what} within ${WAIT_MS / 1000} s (${stderr})`);
        await sleep(5);
      }
    };

    /** One session: join, the composition ACTIVE, leave, stopped, every event answered. */
    const session = async (index: number): Promise<{ toActiveMs: number; startMs: number; passMs?: number }> => {
      const stageArn = stageArnOf(index);
      const joinedAt = emulator.now();
      const participantId = emulator.joinParticipant(stageArn);
      const active = await waitFor(`no composition ACTIVE on ${stageArn}`, () => {
        const c = runningOn(index);
        return c?.state === 'ACTIVE' ? c : undefined;
      });
      const activeAt = Date.parse(active.destinations[0]!.startTime!);
      emulator.leaveParticipant(stageArn, participantId);
      await drain();
      if (runningOn(index)) emulator.stopCompositionExternally(active.arn);
      await waitFor(`${active.arn} not STOPPED`, () => (emulator.compositions().find((c) => c.arn === active.arn)?.state === 'STOPPED' ? true : undefined));
      await drain();
      const starter = invocations.find((i) => i.applied?.some((a) => a.address === addressOf(index) && a.outcome === 'started') && i.receivedAtMs >= joinedAt);
      return { toActiveMs: activeAt - joinedAt, startMs: activeAt - Date.parse(active.startTime!), ...(starter ? { passMs: starter.endedAtMs - starter.receivedAtMs } : {}) };
    };

    // Warm-up, not counted: the first invocation loads the project (a cold start), then one whole
    // session on a stage no measured session uses.
    await session(composed[composed.length - 1]!);
    const coldInvocationMs = invocations[0] ? invocations[0].endedAtMs - invocations[0].beganAtMs : NaN;
    const warmFrom = invocations.length;
    emulator.resetCounters();
    options.log?.(`  event hint: warm (first invocation ${coldInvocationMs} ms); ${options.sessions} sessions...`);

    const random = createRandom(17);
    const toActive: number[] = [];
    const starts: number[] = [];
    const passes: number[] = [];
    for (let i = 0; i < options.sessions; i++) {
      // A publisher joins at a random moment, as nothing lines sessions up with anything.
      await sleep(Math.floor(random() * 500));
      const measured = await session(composed[i % (composed.length - 1)]!);
      toActive.push(measured.toActiveMs);
      starts.push(measured.startMs);
      if (measured.passMs !== undefined) passes.push(measured.passMs);
    }
    const counted = invocations.slice(warmFrom);
    const startP95Ms = percentile(starts, 95);
    const p95Ms = percentile(toActive, 95);
    const targetMs = startP95Ms + 1000;
    const result: EventHintResults = {
      shape,
      samples: toActive.length,
      p50Ms: percentile(toActive, 50),
      p95Ms,
      startP50Ms: percentile(starts, 50),
      startP95Ms,
      targetMs,
      pass: toActive.length > 0 && p95Ms <= targetMs,
      passP50Ms: percentile(passes, 50),
      passP95Ms: percentile(passes, 95),
      coldInvocationMs,
      invocations: counted.length,
      fullPasses: counted.filter((i) => i.scope === 'all').length,
      failedInvocations: counted.filter((i) => i.error !== undefined).length,
      callsPerSession: Object.fromEntries(
        Object.entries(emulator.callCounts().calls)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([op, n]) => [op, Math.round(((n ?? 0) / Math.max(1, toActive.length)) * 10) / 10]),
      ),
    };
    options.log?.(`  event hint: time to composition p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms (start p95 ${startP95Ms} ms; ${result.invocations} invocations, pass p95 ${result.passP95Ms} ms)`);
    return result;
  } finally {
    child?.disconnect();
    await handle.stop();
  }
}
