// `stageform local admin play FILE`: a scripted show day. The file is a YAML or JSON list of timed
// participant and composition events; each step moves the emulator's clock to its time (measured
// from the start of the play) and acts through the same admin calls as `local admin`.
//   - { at: 0s, join: morning-show, user: host-1 }
//   - { at: 45m, leave: morning-show, user: host-1 }   # without user: everyone leaves
//   - { at: 50m, fail: morning-show/program }          # composition: ARN or stageform:address
//   - { at: 55m, degrade: morning-show/program, destination: 0, state: FAILED }
//   - { at: 2h, stop: morning-show/program }
import { isSeq, LineCounter, parseDocument } from 'yaml';
import { UserError } from '../core/model/diagnostics.js';
import type { AdminWorld, DestinationStateName } from './admin-world.js';
import { parseDuration } from './duration.js';

export type ShowDayAction =
  | { readonly kind: 'join'; readonly stage: string; readonly user?: string }
  | { readonly kind: 'leave'; readonly stage: string; readonly user?: string }
  | { readonly kind: 'fail' | 'stop'; readonly composition: string }
  | { readonly kind: 'degrade'; readonly composition: string; readonly destination: number; readonly state: DestinationStateName };

export interface ShowDayStep {
  /** Milliseconds from the start of the play. */
  readonly atMs: number;
  readonly action: ShowDayAction;
}

const KINDS = ['join', 'leave', 'fail', 'stop', 'degrade'] as const;
const SHOW_DAY_HINT = 'a show-day file is a list of steps like - { at: 30s, join: STAGE, user: host } (README "AWS events and containers")';

/** Reads a show-day file; every mistake is reported (file:line:col and step number), not only the first. */
export function parseShowDay(text: string, file: string): ShowDayStep[] {
  const lineCounter = new LineCounter();
  const parsed = parseDocument(text, { lineCounter });
  const at = (offset: number | undefined): string => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return `${file}:${line}:${col}`;
  };
  const syntax = parsed.errors[0];
  if (syntax) throw new UserError('SHOW_DAY_INVALID', `${at(syntax.pos[0])}: not YAML or JSON (${syntax.message.split('\n')[0]})`, { hint: SHOW_DAY_HINT });
  const doc: unknown = parsed.toJS();
  if (!Array.isArray(doc)) throw new UserError('SHOW_DAY_INVALID', `${at(parsed.contents?.range?.[0])}: expected a list of steps like { at: 30s, join: STAGE, user: host }`, { hint: SHOW_DAY_HINT });
  const items = isSeq(parsed.contents) ? parsed.contents.items : [];
  const problems: string[] = [];
  const steps: ShowDayStep[] = [];
  doc.forEach((raw: unknown, index) => {
    const item = items[index];
    const where = `${at(item && typeof item === 'object' && 'range' in item ? item.range?.[0] : undefined)}: step ${index + 1}`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return problems.push(`${where}: expected a mapping`);
    const step = raw as Record<string, unknown>;
    const kinds = KINDS.filter((k) => k in step);
    if (kinds.length !== 1) return problems.push(`${where}: expected exactly one of ${KINDS.join(', ')}`);
    let atMs: number;
    try {
      atMs = step.at === undefined ? 0 : parseDuration(String(step.at), 'at');
    } catch {
      return problems.push(`${where}: at: expected a duration like 0s, 90s, 1h30m, got "${String(step.at)}"`);
    }
    const kind = kinds[0]!;
    const target = step[kind];
    if (typeof target !== 'string' || target === '') return problems.push(`${where}: ${kind}: expected a ${kind === 'join' || kind === 'leave' ? 'stage' : 'composition'}`);
    const user = step.user === undefined ? undefined : String(step.user);
    if (kind === 'join' || kind === 'leave') steps.push({ atMs, action: { kind, stage: target, ...(user !== undefined ? { user } : {}) } });
    else if (kind === 'degrade') {
      const destination = step.destination === undefined ? 0 : Number(step.destination);
      const state = String(step.state ?? 'RECONNECTING').toUpperCase();
      if (!Number.isInteger(destination) || destination < 0) return problems.push(`${where}: destination: expected an index (0, 1)`);
      if (state !== 'ACTIVE' && state !== 'RECONNECTING' && state !== 'FAILED') return problems.push(`${where}: state: expected ACTIVE, RECONNECTING or FAILED`);
      steps.push({ atMs, action: { kind, composition: target, destination, state } });
    } else steps.push({ atMs, action: { kind, composition: target } });
    return undefined;
  });
  if (problems.length > 0) throw new UserError('SHOW_DAY_INVALID', problems.join('; '), { hint: SHOW_DAY_HINT });
  // Steps at the same time keep the file's order.
  return steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.atMs - b.s.atMs || a.i - b.i).map(({ s }) => s);
}

export interface ShowDayEdges {
  /** Resolves a stage (ARN, id or name) and a composition (ARN or address) against the world now. */
  stageArn(world: AdminWorld, stage: string): Promise<string>;
  compositionArn(world: AdminWorld, composition: string): Promise<string>;
  /** One line per step played. */
  onStep?(line: string): void;
}

/** Plays the steps in time order; users are remembered by name so that `leave` finds their participant. */
export async function playShowDay(world: AdminWorld, steps: readonly ShowDayStep[], edges: ShowDayEdges): Promise<{ steps: number; elapsedMs: number }> {
  const participants = new Map<string, string>();
  let elapsedMs = 0;
  for (const step of steps) {
    if (step.atMs > elapsedMs) {
      await world.advance(step.atMs - elapsedMs);
      elapsedMs = step.atMs;
    }
    const a = step.action;
    const at = formatAt(step.atMs);
    switch (a.kind) {
      case 'join': {
        const stageArn = await edges.stageArn(world, a.stage);
        const id = await world.join(stageArn, a.user);
        if (a.user !== undefined) participants.set(`${stageArn} ${a.user}`, id);
        edges.onStep?.(`${at} ${a.user ?? 'participant'} (${id}) joined ${a.stage}`);
        break;
      }
      case 'leave': {
        const stageArn = await edges.stageArn(world, a.stage);
        const id = a.user !== undefined ? participants.get(`${stageArn} ${a.user}`) : undefined;
        if (a.user !== undefined && id === undefined) throw new UserError('SHOW_DAY_INVALID', `at ${at}: ${a.user} leaves ${a.stage} but did not join it in this play`);
        await world.leave(stageArn, id);
        if (a.user !== undefined) participants.delete(`${stageArn} ${a.user}`);
        edges.onStep?.(`${at} ${a.user ?? 'everyone'} left ${a.stage}`);
        break;
      }
      case 'fail':
        await world.fail(await edges.compositionArn(world, a.composition));
        edges.onStep?.(`${at} ${a.composition} FAILED`);
        break;
      case 'stop':
        await world.stop(await edges.compositionArn(world, a.composition));
        edges.onStep?.(`${at} ${a.composition} stopped by someone else`);
        break;
      case 'degrade':
        await world.setDestinationState(await edges.compositionArn(world, a.composition), a.destination, a.state);
        edges.onStep?.(`${at} ${a.composition} destination ${a.destination} ${a.state}`);
        break;
    }
  }
  return { steps: steps.length, elapsedMs };
}

function formatAt(ms: number): string {
  const s = Math.floor(ms / 1000);
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `+${hh}:${mm}:${ss}`;
}
