// `stageform local serve` runs the emulator in the foreground and records where it listens;
// `stageform local admin` changes that running emulator (or, with --local, a project's embedded
// one): participants, failures, external stops, the clock.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareStrings } from '../../core/util/canonical-json.js';
import { UserError } from '../../core/model/diagnostics.js';
import { TAG_ADDRESS } from '../../core/model/ownership.js';
import { EmulatorAdminError, EmulatorError, LOCAL_STATE_DIR, openLocalEmulator, startEmulator, type ComposedView } from '../../emulator/index.js';
import { embeddedAdminWorld, isEmulatorAnswering, servedAdminWorld, type AdminWorld, type WorldStatus } from '../admin-world.js';
import { parseDuration } from '../duration.js';
import { parseShowDay, playShowDay } from '../show-day.js';
import { EXIT_OK, type CliIo } from '../io.js';
import { readServeRecord, recordServe, serveRecordPath } from '../local-serve-record.js';
import { reportError } from '../report-error.js';

interface ServeOptions {
  port?: string;
  host?: string;
  state?: string;
  seed?: string;
  compositionsQuota?: string;
  eventWebhook?: string;
}

export async function runLocalServeCommand(opts: Record<string, unknown>, io: CliIo): Promise<number> {
  const o = opts as ServeOptions;
  const port = Number(o.port ?? '4566');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return reportError(io, new UserError('INVALID_PORT', `--port: expected a port number 0-65535, got "${String(o.port)}"`));
  }
  const quota = o.compositionsQuota === undefined ? undefined : Number(o.compositionsQuota);
  if (quota !== undefined && (!Number.isInteger(quota) || quota < 1)) {
    return reportError(io, new UserError('INVALID_QUOTA', `--compositions-quota: expected a whole number of at least 1, got "${String(o.compositionsQuota)}"`));
  }
  // Checked here: a URL that is not one would only show as a failed count on the admin API, each POST failing quietly.
  if (o.eventWebhook !== undefined && !isHttpUrl(o.eventWebhook)) {
    return reportError(io, new UserError('INVALID_URL', `--event-webhook: expected an http:// or https:// URL, got "${o.eventWebhook}"`, { hint: 'e.g. --event-webhook http://127.0.0.1:9000/events' }));
  }
  const host = o.host ?? '127.0.0.1';
  let handle;
  try {
    handle = await startEmulator({
      port,
      host,
      ...(o.state ? { stateFile: resolve(io.cwd, o.state) } : {}),
      ...(o.seed ? { seed: resolve(io.cwd, o.seed) } : {}),
      ...(quota !== undefined ? { quotas: { compositionsPerAccount: quota } } : {}),
      ...(o.eventWebhook ? { eventWebhook: o.eventWebhook } : {}),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      return reportError(io, new UserError('PORT_IN_USE', `port ${port} on ${host} is already in use`, { hint: 'pass --port 0 for any free port, or stop the other process' }));
    }
    if (code === 'EADDRNOTAVAIL' || code === 'EACCES') {
      return reportError(io, new UserError('CANNOT_BIND', `cannot listen on ${host}:${port} (${code})`));
    }
    return reportError(io, error);
  }
  const { emulator } = handle;
  let forget = (): void => {};
  try {
    forget = recordServe(io.cwd, handle.endpoint);
  } catch (error) {
    // Serving matters more than the record: say what admin will need instead.
    io.stderr.write(`note: could not record this emulator in ${join(io.cwd, LOCAL_STATE_DIR)} (${(error as NodeJS.ErrnoException).code ?? String(error)}): pass --endpoint ${handle.endpoint} to stageform local admin\n`);
  }
  io.stdout.write(
    [
      `IVS emulator (Real-Time, and channels of the low-latency API) listening on ${handle.endpoint} (account ${emulator.accountId}, region ${emulator.region})`,
      'Point stageform and the AWS SDK at it with:',
      `  export AWS_ENDPOINT_URL_IVS_REALTIME=${handle.endpoint}`,
      `  export AWS_ENDPOINT_URL_IVS=${handle.endpoint}`,
      '  export AWS_ACCESS_KEY_ID=emulator',
      '  export AWS_SECRET_ACCESS_KEY=emulator',
      `  export AWS_REGION=${emulator.region}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  await waitForStopSignal(io.signal);
  forget();
  await handle.stop();
  io.stdout.write('emulator stopped\n');
  return EXIT_OK;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function waitForStopSignal(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    if (signal) {
      if (signal.aborted) return done();
      signal.addEventListener('abort', () => done(), { once: true });
      return;
    }
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const ADMIN_USAGE =
  'usage: stageform local admin [--local | --endpoint URL] [--dir DIR] join STAGE [USERID] | subscribe STAGE [USERID] | publish STAGE PARTICIPANTID | unpublish STAGE PARTICIPANTID | leave STAGE [PARTICIPANTID] | fail COMPOSITION | degrade COMPOSITION [INDEX] [RECONNECTING|FAILED] | stop COMPOSITION | broadcast CHANNEL start|stop | advance DURATION | play FILE | status';

interface AdminOptions {
  dir?: string;
  local?: boolean;
  endpoint?: string;
}

export async function runLocalAdminCommand(action: string, args: string[], opts: Record<string, unknown>, io: CliIo): Promise<number> {
  const o = opts as AdminOptions;
  let world: AdminWorld;
  try {
    world = await openAdminWorld(resolve(io.cwd, o.dir ?? '.'), o);
  } catch (error) {
    return reportError(io, error);
  }
  try {
    io.stdout.write(await runAdminAction(world, action, args, io.cwd));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof RangeError || error instanceof EmulatorAdminError) {
      return reportError(io, new UserError('LOCAL_ADMIN_FAILED', `local admin ${action}: ${error.message}`, { hint: ADMIN_USAGE }));
    }
    if (error instanceof UserError || error instanceof EmulatorError) return reportError(io, new UserError(error.code, `local admin ${action}: ${error.message}`, { hint: error.hint ?? ADMIN_USAGE }));
    return reportError(io, error);
  } finally {
    await world.close();
  }
}

/**
 * --local: the project's embedded emulator; --endpoint: the emulator answering there; otherwise the
 * `local serve` recorded in the project's .stageform/, which must be answering.
 */
async function openAdminWorld(dir: string, o: AdminOptions): Promise<AdminWorld> {
  if (o.local && o.endpoint !== undefined) throw new UserError('INVALID_OPTIONS', '--local and --endpoint exclude each other', { hint: '--local acts on the embedded emulator, --endpoint on a running one' });
  if (o.local) {
    // A mistyped --dir would otherwise be made, with an empty world in it that nothing else reads.
    if (!isDirectory(dir)) throw new UserError('NO_PROJECT_DIR', `--dir ${dir}: no such folder`, { hint: '--local acts on the embedded emulator under DIR/.stageform of an existing project folder' });
    return embeddedAdminWorld(await openLocalEmulator(dir));
  }
  const hint = 'start one with `stageform local serve`, pass --endpoint URL for one running elsewhere, or --local for the embedded emulator of --local commands';
  if (o.endpoint !== undefined) {
    if (!(await isEmulatorAnswering(o.endpoint))) throw new UserError('NO_RUNNING_EMULATOR', `no emulator answers at ${o.endpoint}`, { hint });
    return servedAdminWorld(o.endpoint);
  }
  const record = readServeRecord(dir);
  if (!record) throw new UserError('NO_RUNNING_EMULATOR', `no running emulator: no \`stageform local serve\` is recorded in ${join(dir, LOCAL_STATE_DIR)}`, { hint });
  if (!(await isEmulatorAnswering(record.endpoint))) {
    throw new UserError('NO_RUNNING_EMULATOR', `no running emulator: the \`stageform local serve\` recorded in ${serveRecordPath(dir)} (pid ${record.pid}) does not answer at ${record.endpoint}`, { hint });
  }
  return servedAdminWorld(record.endpoint);
}

async function runAdminAction(world: AdminWorld, action: string, args: readonly string[], cwd: string): Promise<string> {
  const requireArgs = (n: number): void => {
    if (args.length < n) throw new RangeError(`expected ${n} argument${n === 1 ? '' : 's'}`);
  };
  switch (action) {
    case 'join': {
      requireArgs(1);
      const stageArn = findStageArn(await world.status(), args[0]!);
      const id = await world.join(stageArn, args[1]);
      return `participant ${id} joined ${stageArn}\n`;
    }
    case 'subscribe': {
      requireArgs(1);
      const stageArn = findStageArn(await world.status(), args[0]!);
      const id = await world.join(stageArn, args[1], false);
      return `participant ${id} joined ${stageArn} (subscribing only)\n`;
    }
    case 'publish':
    case 'unpublish': {
      requireArgs(2);
      const stageArn = findStageArn(await world.status(), args[0]!);
      await world.setPublishing(stageArn, args[1]!, action === 'publish');
      return `participant ${args[1]} ${action === 'publish' ? 'publishes' : 'stopped publishing'} on ${stageArn}\n`;
    }
    case 'leave': {
      requireArgs(1);
      const stageArn = findStageArn(await world.status(), args[0]!);
      await world.leave(stageArn, args[1]);
      return args[1] ? `participant ${args[1]} left ${stageArn}\n` : `every participant left ${stageArn}\n`;
    }
    case 'fail': {
      requireArgs(1);
      const arn = resolveComposition(await world.status(), args[0]!);
      await world.fail(arn);
      return `composition ${arn} FAILED\n`;
    }
    case 'degrade': {
      requireArgs(1);
      const arn = resolveComposition(await world.status(), args[0]!);
      const index = args[1] === undefined ? 0 : Number(args[1]);
      if (!Number.isInteger(index) || index < 0) throw new RangeError(`INDEX must be a destination index (0, 1), got "${args[1]}"`);
      const state = (args[2] ?? 'RECONNECTING').toUpperCase();
      if (state !== 'RECONNECTING' && state !== 'FAILED' && state !== 'ACTIVE') throw new RangeError(`state must be RECONNECTING, FAILED or ACTIVE, got "${args[2]}"`);
      await world.setDestinationState(arn, index, state);
      return `composition ${arn} destination ${index} ${state}\n`;
    }
    case 'stop': {
      requireArgs(1);
      const arn = resolveComposition(await world.status(), args[0]!);
      await world.stop(arn);
      return `composition ${arn} stopping\n`;
    }
    case 'broadcast': {
      // An outside (RTMP) encoder on a channel: what preflight's CHANNEL_BUSY check is about.
      requireArgs(2);
      const what = args[1]!.toLowerCase();
      if (what === 'start') return `outside broadcast ${await world.startBroadcast(args[0]!)} live on channel ${args[0]}\n`;
      if (what === 'stop') {
        await world.stopBroadcast(args[0]!);
        return `outside broadcast on channel ${args[0]} stopped\n`;
      }
      throw new RangeError(`expected start or stop, got "${args[1]}"`);
    }
    case 'advance': {
      requireArgs(1);
      const now = await world.advance(parseDuration(args[0]!, 'DURATION'));
      return `clock advanced by ${args[0]} to ${new Date(now).toISOString()}\n`;
    }
    case 'play': {
      requireArgs(1);
      let text: string;
      try {
        text = readFileSync(resolve(cwd, args[0]!), 'utf8');
      } catch (error) {
        throw new UserError('SHOW_DAY_UNREADABLE', `cannot read ${args[0]} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
      const lines: string[] = [];
      const played = await playShowDay(world, parseShowDay(text, args[0]!), {
        stageArn: async (w, stage) => findStageArn(await w.status(), stage),
        compositionArn: async (w, composition) => resolveComposition(await w.status(), composition),
        onStep: (line) => lines.push(line),
      });
      lines.push(`played ${played.steps} step${played.steps === 1 ? '' : 's'} over ${played.elapsedMs / 1000}s of emulator time`);
      return lines.join('\n') + '\n';
    }
    case 'status':
      return renderStatus(await world.status());
    default:
      throw new RangeError(`unknown action "${action}"`);
  }
}

/** A stage by ARN or id, then by name: the emulator's own rule, so messages name the stage the world will act on. */
function findStageArn(status: WorldStatus, idOrName: string): string {
  const stage = status.stages.find((s) => s.arn === idOrName || s.id === idOrName) ?? status.stages.find((s) => s.name === idOrName);
  if (!stage) throw new EmulatorAdminError(`no stage "${idOrName}" in the emulator`);
  return stage.arn;
}

/** A composition by ARN, or by the stageform:address tag (the running one first). */
function resolveComposition(status: WorldStatus, arnOrAddress: string): string {
  const all = status.compositions;
  const byArn = all.find((c) => c.arn === arnOrAddress);
  if (byArn) return byArn.arn;
  const byAddress = all.filter((c) => c.tags[TAG_ADDRESS] === arnOrAddress);
  const running = byAddress.filter((c) => c.state !== 'STOPPED' && c.state !== 'FAILED');
  const candidates = running.length > 0 ? running : byAddress;
  if (candidates.length === 0) throw new RangeError(`no composition with ARN or address "${arnOrAddress}"`);
  if (candidates.length > 1) throw new RangeError(`address "${arnOrAddress}" matches ${candidates.length} compositions; pass an ARN`);
  return candidates[0]!.arn;
}

function renderStatus(status: WorldStatus): string {
  const lines = [`clock: ${new Date(status.now).toISOString()}`, 'stages:'];
  const stages = [...status.stages].sort((a, b) => compareStrings(a.arn, b.arn));
  if (stages.length === 0) lines.push('  (none)');
  for (const s of stages) {
    const who = s.participants
      .map((p) => `${p.userId ? `${p.userId} (${p.participantId})` : p.participantId}${p.publishing ? '' : ' subscribing'}`)
      .join(', ');
    lines.push(`  ${s.name ?? s.id}  ${s.arn}  ${s.activeSessionId ? `session ${s.activeSessionId}` : 'no session'}  participants: ${who || 'none'}`);
  }
  lines.push('compositions:');
  const compositions = [...status.compositions].sort((a, b) => compareStrings(a.arn, b.arn));
  if (compositions.length === 0) lines.push('  (none)');
  for (const c of compositions) lines.push(`  ${renderComposition(c)}`);
  const channels = [...(status.channels ?? [])].sort((a, b) => compareStrings(a.arn, b.arn));
  if (channels.length > 0) lines.push('channels:');
  for (const c of channels) lines.push(`  ${c.name ?? c.id}  ${c.arn}  ${c.fedBy === undefined ? 'idle' : c.fedBy === 'outside' ? 'live (outside broadcast)' : `live (composition ${c.fedBy})`}`);
  return lines.join('\n') + '\n';
}

function renderComposition(c: ComposedView): string {
  const tags = Object.keys(c.tags)
    .sort()
    .map((k) => `${k}=${c.tags[k]}`)
    .join(', ');
  const destinations = c.destinations.map((d) => `${d.configuration.channel ? 'channel' : 's3'}:${d.state}`).join(' ');
  return `${c.arn}  ${c.state}  stage ${c.stageArn}  destinations ${destinations}  tags ${tags || '(none)'}`;
}
