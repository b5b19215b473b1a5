// `stageform reconcile` as a real process, SIGKILLed and restarted again and again while shows come
// and go. The built CLI runs the loop (`--sync`, a 1 s tick) against an emulator in this process
// on its real clock, with IVS's durations shortened (a start and a stop take 2 s, the idle stop
// 2 s, the 24-hour limit 20 s), so many sessions fit in tens of seconds. Kills land:
//   - at a random moment;
//   - right after the emulator took a StartComposition from the loop, before the loop reads the answer;
//   - after the StopComposition of a stop-first replacement of a channel composition (the manifest
//     changed), before the successor's start.
// The loop comes back at once or after a pause. Every 50 ms the emulator's own state is checked:
//   - coverage: a stage with a publisher that declares a `whenIdle: skip` composition has one ACTIVE
//     with no FAILED destination, except for one tick plus a start (and a stop) after an event, and,
//     where a kill falls in the gap, plus the time the loop was down (kill to the restarted loop's
//     start line), reported apart;
//   - duplicates: never two healthy running compositions for one address, or for one channel;
//   - no write reaches an unmanaged composition (seeded on every stage);
//   - the restarted loop keeps a healthy composition the killed one had just started;
//   - a replacement cut by a kill is finished by the restarted loop: how long the channel was dark.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliEnv, startBuiltCli, type BuiltCliRun, type RunningChild } from '../bench/child.js';
import type { ComposedView } from '../emulator/index.js';
import { ACCOUNT, ARN, createRandom, delay, figure, pickInt, PROJECT, REGION, settingsText, stageArn, startRecordingEmulator, unmanagedSeeds, until, type Figure } from './harness.js';

export interface ReconcileKillOptions {
  /** SIGKILLs over the run; they cycle through random, after a start, mid-replacement. */
  readonly kills: number;
  /** Stages whose publishers come and go (besides the anchor stage, which always has one). */
  readonly showStages: number;
  /** Time beyond one tick + start + stop: the tick in flight when an event comes, process scheduling on a loaded machine. */
  readonly slackMs: number;
  /** How long the emulator takes to start a composition (default 2 s, longer than a restart: the restarted loop meets it STARTING). */
  readonly startDelayMs?: number;
  /** How long a stop takes (default 2 s: a restarted loop meets a cut replacement's old composition STOPPING). */
  readonly stopDelayMs?: number;
  /** The emulator's stand-in for IVS's 24-hour limit. */
  readonly compositionLimitMs?: number;
  readonly randomSeed?: number;
}

const INTERVAL_MS = 1000;
const IDLE_MS = 2000;
const ANCHOR = 'Anchor';
const PROGRAM = 'anchor/program';
const CHANNEL_ID = 'ChAnchor';
const NAME = 'reconcile kill';

type KillKind = 'random' | 'after-start' | 'mid-replacement';
const KILL_KINDS: readonly KillKind[] = ['random', 'after-start', 'mid-replacement'];

/** One run of the loop: its process, when it was spawned, and when it printed its start line. */
interface LoopRun {
  readonly running: RunningChild<BuiltCliRun>;
  readonly spawnedAt: number;
  startedAt?: number;
  ticks: number;
}

/** A time the loop was not running: from its kill to the restarted loop's start line. */
interface DownWindow {
  readonly kind: KillKind;
  readonly killedAt: number;
  restartedAt?: number;
}

interface CutReplacement {
  readonly stoppedAt: number;
  readonly oldArn: string;
  /** When a successor was ACTIVE with a healthy channel. */
  finishedAt?: number;
  /** The old composition's state when the restarted loop began (STOPPING: it finishes the stop-first itself). */
  stateAtRestart?: string;
}

export async function runReconcileKillScenario(options: ReconcileKillOptions): Promise<Figure[]> {
  const random = createRandom(options.randomSeed ?? 23);
  const startMs = options.startDelayMs ?? 2000;
  const stopMs = options.stopDelayMs ?? 2000;
  const showIds = Array.from({ length: options.showStages }, (_, i) => `Show${String(i + 1).padStart(2, '0')}`);
  const ids = [...showIds, ANCHOR];
  const dir = mkdtempSync(path.join(tmpdir(), 'stageform-reconcile-kill-'));
  let programGap = 2;
  writeProject(dir, showIds, programGap);
  const world = await startRecordingEmulator({
    clock: 'real',
    startDelayMs: startMs,
    stopDelayMs: stopMs,
    idleTimeoutMs: IDLE_MS,
    maxDurationMs: options.compositionLimitMs ?? 20_000,
    retentionMs: 30_000,
    quotas: { compositionsPerStage: 5, compositionsPerAccount: 500 },
    seed: {
      accountId: ACCOUNT,
      region: REGION,
      stages: ids.map((id) => ({ id, name: id.toLowerCase(), ...(id === ANCHOR ? { participants: [{ userId: 'anchor' }] } : {}) })),
      channels: [{ id: CHANNEL_ID }],
      encoderConfigurations: [{ id: 'Enc720p' }],
      storageConfigurations: [{ id: 'Store1' }],
      compositions: unmanagedSeeds(ids),
    },
  });
  const { emulator } = world.handle;
  const unmanaged = new Set(emulator.compositions().map((c) => c.arn));
  const addressOf = (id: string): string => (id === ANCHOR ? PROGRAM : `${id.toLowerCase()}/recording`);
  const managed = (c: ComposedView): boolean => c.tags['stageform:project'] === PROJECT;
  const running = (c: ComposedView): boolean => c.state === 'STARTING' || c.state === 'ACTIVE';
  const healthy = (c: ComposedView): boolean => c.destinations.every((d) => d.state !== 'FAILED');

  // ---- kills: a trap on the emulator's dispatch fires inside the call, after the world took it.
  let loop: LoopRun | undefined;
  const loops: LoopRun[] = [];
  const down: DownWindow[] = [];
  const cut: CutReplacement[] = [];
  let trap: { operation: string; matches(input: Record<string, unknown>): boolean; fire(input: Record<string, unknown>, answer: Record<string, unknown>): void } | undefined;
  /** Compositions a loop started just before it was killed, watched until the restarted loop's first tick. */
  const startedByKilled: { arn: string; loopIndex: number }[] = [];
  const healthyStopped: string[] = [];
  const dispatch = world.handle.emulator as unknown as { handle(operation: string, input: Record<string, unknown>): Record<string, unknown> };
  const original = dispatch.handle.bind(dispatch);
  dispatch.handle = (operation, input) => {
    if (operation === 'StopComposition') {
      // What the killed loop started and still serves is the restarted loop's to keep, not to stop.
      const watched = startedByKilled.find((s) => s.arn === input.arn && (loops[s.loopIndex]?.ticks ?? 0) === 0);
      const target = watched && emulator.compositions().find((c) => c.arn === input.arn);
      if (target && running(target) && healthy(target)) healthyStopped.push(`${target.tags['stageform:address']}: ${target.arn.split('/').pop()} (${target.state}) stopped by the restarted loop`);
    }
    const answer = original(operation, input);
    if (trap?.operation === operation && trap.matches(input)) {
      const sprung = trap;
      trap = undefined;
      sprung.fire(input, answer);
    }
    return answer;
  };
  const kill = (kind: KillKind): void => {
    if (!loop || loop.running.child.exitCode !== null || loop.running.child.signalCode !== null) return;
    loop.running.child.kill('SIGKILL');
    down.push({ kind, killedAt: Date.now() });
  };

  const startLoop = (): LoopRun => {
    const running = startBuiltCli(['reconcile', '--sync', '--interval', `${INTERVAL_MS / 1000}s`, '--wait-timeout', '30s', dir], { cwd: dir, env: cliEnv(world.endpoint) });
    const run: LoopRun = { running, spawnedAt: Date.now(), ticks: 0 };
    loops.push(run);
    let pending = '';
    running.child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('"event":"start"') && run.startedAt === undefined) {
          run.startedAt = Date.now();
          const last = down.at(-1);
          if (last && last.restartedAt === undefined) last.restartedAt = run.startedAt;
          const replacement = cut.at(-1);
          if (last?.kind === 'mid-replacement' && replacement && replacement.stateAtRestart === undefined) {
            replacement.stateAtRestart = emulator.compositions().find((c) => c.arn === replacement.oldArn)?.state ?? 'gone';
          }
        }
        if (line.includes('"event":"tick"')) run.ticks++;
      }
    });
    return run;
  };

  // ---- the world: publishers come and go, destinations fail, the limit stops (the emulator's own).
  const publishers = new Map<string, string | undefined>(ids.map((id) => [id, id === ANCHOR ? 'anchor' : undefined]));
  let worldRunning = true;
  let sessions = 0;
  let destinationFailures = 0;
  const drivers = showIds.map(async (id) => {
    await delay(pickInt(random, 0, 3000));
    while (worldRunning) {
      const participant = emulator.joinParticipant(stageArn(id));
      publishers.set(id, participant);
      sessions++;
      await delay(pickInt(random, 3000, 9000));
      emulator.leaveParticipant(stageArn(id), participant);
      publishers.set(id, undefined);
      if (!worldRunning) break;
      await delay(pickInt(random, 1000, 6000));
    }
  });
  const failures = (async () => {
    while (worldRunning) {
      await delay(pickInt(random, 4000, 9000));
      if (!worldRunning) break;
      const candidates = emulator.compositions().filter((c) => managed(c) && c.state === 'ACTIVE' && healthy(c));
      const victim = candidates[Math.floor(random() * candidates.length)];
      if (!victim) continue;
      emulator.setDestinationState(victim.arn, 0, 'FAILED');
      destinationFailures++;
    }
  })();

  // ---- the checks, every 50 ms, from the emulator's state.
  const allowanceMs = INTERVAL_MS + startMs + stopMs + options.slackMs;
  const openSince = new Map<string, number>();
  const stretches: { id: string; from: number; to: number }[] = [];
  const duplicates = new Set<string>();
  const observe = (): void => {
    const now = Date.now();
    const all = emulator.compositions().filter(managed);
    for (const id of ids) {
      const mine = all.filter((c) => c.tags['stageform:address'] === addressOf(id));
      const live = mine.filter((c) => running(c) && healthy(c));
      if (live.length > 1) duplicates.add(`${addressOf(id)}: ${live.map((c) => `${c.arn.split('/').pop()} ${c.state}`).join(', ')}`);
      const covered = publishers.get(id) === undefined || mine.some((c) => c.state === 'ACTIVE' && healthy(c));
      const since = openSince.get(id);
      if (!covered && since === undefined) openSince.set(id, now);
      if (covered && since !== undefined) {
        stretches.push({ id, from: since, to: now });
        openSince.delete(id);
      }
    }
    const onChannel = emulator
      .compositions()
      .filter((c) => running(c) && c.destinations.some((d) => d.state !== 'FAILED' && (d.configuration.channel as { channelArn?: string } | undefined)?.channelArn !== undefined));
    if (onChannel.length > 1) duplicates.add(`channel ${CHANNEL_ID}: ${onChannel.map((c) => c.arn.split('/').pop()).join(', ')}`);
    for (const r of cut) {
      if (r.finishedAt !== undefined) continue;
      const successor = all.find((c) => c.arn !== r.oldArn && c.tags['stageform:address'] === PROGRAM && c.state === 'ACTIVE' && healthy(c));
      if (successor) r.finishedAt = now;
    }
  };
  const sampler = setInterval(observe, 50);

  const killsByKind: Record<KillKind, number> = { random: 0, 'after-start': 0, 'mid-replacement': 0 };
  let fellBack = 0;
  let delayedRestarts = 0;
  let converged = false;
  const began = Date.now();
  try {
    loop = startLoop();
    for (let k = 0; k < options.kills; k++) {
      const kind = KILL_KINDS[k % KILL_KINDS.length];
      const current: LoopRun = loop;
      // Let the loop get going (its start line and a tick or two) before the next kill.
      await until(() => current.ticks >= 1 || current.running.child.exitCode !== null, 60_000);
      if (current.running.child.exitCode !== null) throw new Error(`reconcile exited ${current.running.child.exitCode}: ${(await current.running.done).stderr}`);
      await delay(pickInt(random, 300, 2500));
      let sprung = false;
      if (kind === 'random') {
        await delay(pickInt(random, 0, INTERVAL_MS));
        kill(kind);
        sprung = true;
      } else if (kind === 'after-start') {
        trap = {
          operation: 'StartComposition',
          matches: (input) => (input.tags as Record<string, string> | undefined)?.['stageform:project'] === PROJECT,
          fire: (_input, answer) => {
            kill(kind);
            sprung = true;
            const arn = (answer.composition as { arn?: string } | undefined)?.arn;
            if (arn) startedByKilled.push({ arn, loopIndex: loops.length });
          },
        };
      } else {
        trap = {
          operation: 'StopComposition',
          matches: (input) => emulator.compositions().some((c) => c.arn === input.arn && managed(c) && c.tags['stageform:address'] === PROGRAM),
          fire: (input) => {
            kill(kind);
            sprung = true;
            cut.push({ stoppedAt: Date.now(), oldArn: String(input.arn) });
          },
        };
        // The manifest changes the program's layout: under --sync a stop-first replacement. When the
        // program was not running at that tick (stopped at the limit), the loop just starts the new
        // layout, with no stop to cut: change it again.
        const onGap = (gap: number): boolean =>
          emulator.compositions().some((c) => managed(c) && c.tags['stageform:address'] === PROGRAM && c.state === 'ACTIVE' && (c.layout as { grid?: { gridGap?: number } }).grid?.gridGap === gap);
        for (let attempt = 0; attempt < 3 && !sprung; attempt++) {
          programGap = programGap === 2 ? 6 : 2;
          writeProgram(dir, programGap);
          const gap = programGap;
          await until(() => sprung || onGap(gap), 20_000);
        }
      }
      if (!sprung) await until(() => sprung, 20_000);
      if (!sprung) {
        // No such call came (no show started in time): a random kill instead, counted apart.
        trap = undefined;
        kill('random');
        fellBack++;
      } else {
        killsByKind[kind]++;
      }
      await current.running.done;
      if (random() < 0.5) {
        delayedRestarts++;
        await delay(pickInt(random, 500, 3000));
      }
      loop = startLoop();
    }
    // The last loop keeps running a while; then the shows end, every stage goes live at once, and
    // each must end with exactly one healthy composition on the latest manifests.
    const last: LoopRun = loop;
    await until(() => last.ticks >= 2 || last.running.child.exitCode !== null, 60_000);
    await delay(3000);
    worldRunning = false;
    await Promise.all([...drivers, failures]);
    for (const id of showIds) publishers.set(id, emulator.joinParticipant(stageArn(id)));
    converged = await until(() => {
      const all = emulator.compositions().filter(managed);
      return ids.every((id) => {
        const live = all.filter((c) => c.tags['stageform:address'] === addressOf(id) && running(c));
        const [only] = live;
        const gapOk = id !== ANCHOR || (only?.layout as { grid?: { gridGap?: number } } | undefined)?.grid?.gridGap === programGap;
        return live.length === 1 && only.state === 'ACTIVE' && healthy(only) && gapOk;
      });
    }, 30_000);
    observe();
    last.running.child.kill('SIGTERM');
    const exit = await last.running.done;
    if (exit.code !== 0) throw new Error(`reconcile exited ${exit.code} on SIGTERM: ${exit.stderr}`);
  } finally {
    clearInterval(sampler);
    worldRunning = false;
    if (loop && loop.running.child.exitCode === null) loop.running.child.kill('SIGKILL');
    await world.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const endedAt = Date.now();

  // ---- figures
  const downIn = (from: number, to: number): number =>
    down.reduce((sum, w) => sum + Math.max(0, Math.min(to, w.restartedAt ?? endedAt) - Math.max(from - allowanceMs, w.killedAt)), 0);
  let quietMax = 0;
  let quietOver = 0;
  let afterKillMax = 0;
  let afterKillDown = 0;
  let afterKillOver = 0;
  const details: string[] = [];
  for (const s of stretches) {
    const length = s.to - s.from;
    const downMs = downIn(s.from, s.to);
    if (downMs === 0) {
      quietMax = Math.max(quietMax, length);
      if (length > allowanceMs) {
        quietOver++;
        details.push(`${s.id} uncovered ${seconds(length)} at +${seconds(s.from - began)}`);
      }
    } else {
      if (length > afterKillMax) {
        afterKillMax = length;
        afterKillDown = downMs;
      }
      if (length > allowanceMs + downMs) {
        afterKillOver++;
        details.push(`${s.id} uncovered ${seconds(length)} at +${seconds(s.from - began)}, the loop down ${seconds(downMs)} of it`);
      }
    }
  }
  const stillOpen = [...openSince.entries()].map(([id, since]) => `${id} uncovered since +${seconds(since - began)} at the end`);
  const restarts = down.filter((w) => w.restartedAt !== undefined);
  const maxDown = Math.max(0, ...restarts.map((w) => w.restartedAt! - w.killedAt));
  const maxProcessStart = Math.max(0, ...loops.slice(1).flatMap((l) => (l.startedAt !== undefined ? [l.startedAt - l.spawnedAt] : [])));
  const unfinished = cut.filter((r) => r.finishedAt === undefined);
  const maxDark = Math.max(0, ...cut.flatMap((r) => (r.finishedAt !== undefined ? [r.finishedAt - r.stoppedAt] : [])));
  const darkWindow = down.filter((w) => w.kind === 'mid-replacement' && w.restartedAt !== undefined).map((w) => w.restartedAt! - w.killedAt);
  const touched = world.writes.filter((w) => unmanaged.has(w.target));
  const kills = down.length;
  const bound = `${seconds(INTERVAL_MS)} tick + ${seconds(startMs)} start + ${seconds(stopMs)} stop + ${seconds(options.slackMs)} slack`;
  return [
    figure(
      NAME,
      `loop SIGKILLed and restarted (${seconds(endedAt - began)} run, ${sessions} sessions on ${showIds.length} stages, ${destinationFailures} destination failures)`,
      `${kills} kills (${killsByKind.random} random, ${killsByKind['after-start']} after a StartComposition, ${killsByKind['mid-replacement']} mid stop-first replacement, ${fellBack} fallen back to random); ${restarts.length} restarts (${delayedRestarts} after a pause)`,
      `${options.kills} kills survived, each kind at least once`,
      kills === options.kills && restarts.length === options.kills && KILL_KINDS.every((k) => killsByKind[k] > 0),
    ),
    figure(NAME, 'publisher-periods uncovered, no kill in the gap (max)', `${quietOver} over; max ${seconds(quietMax)}`, `0 over ${bound}`, quietOver === 0 && stillOpen.length === 0, [...details, ...stillOpen]),
    figure(
      NAME,
      'max uncovered after a kill (of which the loop was down)',
      `${seconds(afterKillMax)} (${seconds(afterKillDown)}); ${afterKillOver} over; longest down ${seconds(maxDown)} (kill to the restarted loop's start line; process start up to ${seconds(maxProcessStart)})`,
      'down time + one tick + start + stop + slack',
      afterKillOver === 0,
      details,
    ),
    figure(NAME, 'duplicates (two healthy running per address or per channel)', duplicates.size, '0', duplicates.size === 0, [...duplicates]),
    figure(NAME, 'healthy compositions a killed loop started, stopped by the restarted loop', healthyStopped.length, '0', healthyStopped.length === 0, healthyStopped),
    figure(NAME, 'writes to unmanaged compositions', touched.length, '0', touched.length === 0, touched.map((w) => `${w.operation} ${w.target}`)),
    figure(
      NAME,
      'replacements cut after the stop, finished by the restarted loop (channel dark, max)',
      `${cut.length - unfinished.length} of ${cut.length} (${cut.filter((r) => r.stateAtRestart === 'STOPPING').length} still STOPPING when the loop came back); dark ${seconds(maxDark)} (loop down ${seconds(Math.max(0, ...darkWindow))})`,
      'all, dark for the stop + down time + one tick + start',
      unfinished.length === 0 && cut.length > 0 && maxDark <= stopMs + Math.max(0, ...darkWindow) + allowanceMs,
      unfinished.map((r) => `${r.oldArn} stopped at +${seconds(r.stoppedAt - began)}, no successor`),
    ),
    figure(NAME, 'converged once every stage went live at the end (one healthy composition each, on the latest manifests)', converged ? 'yes' : 'no', 'yes', converged),
  ];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

const S3_DESTINATION = [
  '        - name: archive',
  '          s3:',
  `            storageConfigurationArn: ${ARN}:storage-configuration/Store1`,
  `            encoderConfigurationArns: [${ARN}:encoder-configuration/Enc720p]`,
];

function manifestText(id: string, body: readonly string[]): string {
  return ['apiVersion: stageform/v1', 'kind: StageCompositions', 'metadata:', `  name: ${id.toLowerCase()}`, 'spec:', `  stageArn: ${stageArn(id)}`, '  compositions:', ...body, ''].join('\n');
}

function writeProject(dir: string, showIds: readonly string[], programGap: number): void {
  writeFileSync(path.join(dir, 'stageform.yaml'), settingsText({ whenIdle: 'skip', rateLimit: 200 }));
  mkdirSync(path.join(dir, 'stages'));
  for (const id of showIds) writeFileSync(path.join(dir, 'stages', `${id.toLowerCase()}.yaml`), manifestText(id, ['    - name: recording', '      destinations:', ...S3_DESTINATION]));
  writeProgram(dir, programGap);
}

/** The anchor's manifest, written beside and renamed into place, so the loop never reads half a file. */
function writeProgram(dir: string, gridGap: number): void {
  const text = manifestText(ANCHOR, [
    '    - name: program',
    '      layout:',
    '        grid:',
    `          gridGap: ${gridGap}`,
    '      destinations:',
    '        - name: live',
    '          channel:',
    `            channelArn: ${ARN}:channel/${CHANNEL_ID}`,
    ...S3_DESTINATION,
  ]);
  const staged = path.join(dir, 'anchor.yaml.next');
  writeFileSync(staged, text);
  renameSync(staged, path.join(dir, 'stages', 'anchor.yaml'));
}
