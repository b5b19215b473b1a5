// The plan for people, in Terraform's shape. A pure function of the Plan data alone (so a saved or
// JSON plan renders the same); symbols, colours and wording come from the one table in styles.ts.
import { diffArrays } from 'diff';
import { compareStrings } from '../util/canonical-json.js';
import { isUnderPath, pairArrayItems, sameValue, type AttributePath } from '../plan/diff.js';
import type { ChangeReason, Plan, PlannedChange, PlanSummary, ScheduleStatus } from '../model/plan.js';
import { TAG_PROTECT } from '../model/ownership.js';
import { formatScheduleInstant } from '../model/schedule.js';
import {
  ACTION_STYLES,
  DRIFT_WORDING,
  FORCES_REPLACEMENT,
  HEADLINE_STYLES,
  LEGEND_ORDER,
  MARK_STYLES,
  paintSymbol,
  painter,
  REASON_WORDING,
  type AttributeMark,
  type ChangeAction,
  type Painter,
  type SymbolStyle,
} from './styles.js';

export interface HumanRenderOptions {
  readonly color: boolean;
}

/**
 * One line of the plan: plain text, or a symbol in the margin at `indent` followed by its text.
 * People get the symbol painted in place; Markdown moves it to column 0 for GitHub's diff colours.
 */
export type PlanLine = string | { readonly indent: number; readonly symbol: SymbolStyle; readonly text: string };

/** A symbol right-aligned in the 3-column margin (legend, change headers). */
function marginLine(style: SymbolStyle, text: string): PlanLine {
  return { indent: Math.max(0, 3 - style.symbol.length), symbol: style, text };
}

export function renderPlanHuman(plan: Plan, options: HumanRenderOptions): string {
  const paint = painter(options.color);
  const lines = renderPlanLines(plan, paint).map((line) => (typeof line === 'string' ? line : ' '.repeat(line.indent) + paintSymbol(line.symbol, paint) + line.text));
  return lines.map((line) => line.replace(/[ \t]+$/, '')).join('\n') + '\n';
}

/** The plan's lines, painted with `paint` except for the margin symbols. */
export function renderPlanLines(plan: Plan, paint: Painter): PlanLine[] {
  const out: PlanLine[] = [];

  if (plan.destroy) out.push(paint(`Destroy: every running composition project "${plan.project}" manages is stopped.`, 'bold'), '');

  if (plan.drift.length > 0) {
    out.push(paint('Objects have changed outside stageform:', 'bold'), '');
    for (const d of plan.drift) {
      out.push(`  # ${d.address} ${DRIFT_WORDING[d.kind]}`, `      ${d.detail}`);
      if (d.arn) out.push(`      ${d.arn}`);
    }
    out.push('');
  }

  const changes = plan.changes.filter((c): c is PlannedChange & { readonly action: ChangeAction } => c.action !== 'no-op');
  if (changes.length > 0) {
    const used = new Set(changes.map((c) => c.action));
    out.push('Composition actions are indicated with the following symbols:');
    for (const action of LEGEND_ORDER) {
      if (used.has(action)) out.push(marginLine(ACTION_STYLES[action], ` ${ACTION_STYLES[action].legend}`));
    }
    out.push('', 'stageform will perform the following actions:', '');
    for (const change of changes) out.push(...renderChange(change, paint), '');
  }

  out.push(...renderScheduleLines(plan));

  if (plan.unmanaged.length > 0) {
    out.push('Unmanaged compositions (not changed by stageform):');
    for (const u of plan.unmanaged) {
      const owner = u.project ? `, project "${u.project}"${u.address ? ` ${u.address}` : ''}` : '';
      out.push(`  ${u.arn} (${u.state}, ${shortArn(u.stageArn)}${owner})`);
    }
    out.push('');
  }

  for (const w of plan.warnings) out.push(`${paint('Warning:', ...HEADLINE_STYLES.warning)} ${w.address ? `${w.address}: ` : ''}${w.message}`);
  if (plan.warnings.length > 0) out.push('');

  out.push(summaryLine(plan.summary, paint, plan.destroy === true));
  return out;
}

/** `destroy`: the plan of stageform destroy, which does not compare with the manifests. */
export function summaryLine(summary: PlanSummary, paint: Painter = painter(false), destroy = false): string {
  if (summary.changes === 0) {
    return paint('No changes.', ...HEADLINE_STYLES.noChanges) + (destroy ? ' No composition of this project is running.' : ' Live compositions match the manifests.');
  }
  // Plans before 1.2 have no adopt count.
  const adopt = summary.actions.adopt ?? 0;
  const move = summary.actions.move ?? 0;
  return paint('Plan:', ...HEADLINE_STYLES.planned) + `${adopt > 0 ? ` ${adopt} to adopt,` : ''}${move > 0 ? ` ${move} to move,` : ''} ${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy.`;
}

/** Each scheduled address once, with where its schedule stands and its next opening or closing. */
function renderScheduleLines(plan: Plan): string[] {
  const seen = new Set<string>();
  const scheduled = plan.changes.filter((c): c is PlannedChange & { readonly schedule: ScheduleStatus } => {
    if (!c.schedule || seen.has(c.address)) return false;
    seen.add(c.address);
    return true;
  });
  if (scheduled.length === 0) return [];
  const evaluatedAt = Date.parse(scheduled[0].schedule.evaluatedAt);
  const lines = [`Schedules at ${formatScheduleInstant(evaluatedAt, 'UTC')}:`];
  for (const { address, schedule } of scheduled) lines.push(`  ${address}: ${describeScheduleStatus(schedule)}`);
  lines.push('');
  return lines;
}

/** `closed; starts 2026-12-01 08:00 CET, in 3 h`. */
function describeScheduleStatus(status: ScheduleStatus): string {
  const state = status.open ? 'open' : 'closed';
  if (!status.next) return `${state}; no ${status.open ? 'closing' : 'opening'} within a year`;
  const atMs = Date.parse(status.next.at);
  return `${state}; ${status.next.opens ? 'starts' : 'stops'} ${formatScheduleInstant(atMs, status.timezone)}, ${formatTimeUntil(atMs - Date.parse(status.evaluatedAt))}`;
}

/** `in 45 min`, `in 3 h`, `in 5 d`: how far away a transition is, as people say it. */
export function formatTimeUntil(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} h`;
  return `in ${Math.round(hours / 24)} d`;
}

function renderChange(change: PlannedChange & { readonly action: ChangeAction }, paint: Painter): PlanLine[] {
  const style = ACTION_STYLES[change.action];
  const reasons = change.reasons.map((r) => describeReason(r, change)).filter((w): w is string => w !== undefined);
  const wording = change.action === 'move' && change.movedFrom ? `${style.wording} from ${change.movedFrom}` : style.wording;
  const lines: PlanLine[] = [paint(`  # ${change.address} ${wording}`, 'bold') + (reasons.length > 0 ? ` (${reasons.join('; ')})` : '')];
  const notes = [...(style.note ? [style.note] : []), ...(change.dependsOn.length > 0 ? [`waits for ${change.dependsOn.join(', ')}`] : [])];
  if (notes.length > 0) lines.push(`  # (${notes.join('; ')})`);
  const top = change.action === 'create' ? 'add' : change.action === 'delete' ? 'remove' : 'change';
  lines.push(marginLine(style, ` composition "${change.address}" {`));
  if (change.live && change.action !== 'create') lines.push(`      # live: ${change.live.arn} (${change.live.state})`);
  if (change.tagChanges?.set[TAG_PROTECT] !== undefined) lines.push(`      # protect: true: the ${TAG_PROTECT} tag is set`);
  else if (change.tagChanges?.remove.includes(TAG_PROTECT)) lines.push(`      # protect is off: the ${TAG_PROTECT} tag is removed`);
  else if (change.action === 'update-tags' && sameValue(change.before?.tags, change.after?.tags)) {
    lines.push('      # only the stageform:spec ownership tag is brought up to date');
  }
  lines.push(...new BlockRenderer(paint, change.replacePaths).renderBlock(change.before ?? undefined, change.after ?? undefined, [], 6, top));
  lines.push('    }');
  return lines;
}

/** The reason's wording; a failed destination by its manifest name when the plan carries it (format 1.2). */
function describeReason(reason: ChangeReason, change: PlannedChange): string | undefined {
  const names = change.live?.destinationNames;
  if (reason === 'degraded' && names) {
    const failed = names.filter((_, i) => change.live?.destinationStates[i] === 'FAILED');
    if (failed.length > 0) return `destination ${failed.join(', ')} failed`;
  }
  return REASON_WORDING[reason];
}

type Mark = AttributeMark | 'same';

/** Renders nested attributes: every attribute when one side is absent, only what changed otherwise. */
class BlockRenderer {
  constructor(
    private readonly paint: Painter,
    private readonly replacePaths: readonly AttributePath[],
  ) {}

  /** Lines of an object's members at `indent` (where the symbols go). */
  renderBlock(before: unknown, after: unknown, path: AttributePath, indent: number, mode: Mark): PlanLine[] {
    const b = asRecord(before);
    const a = asRecord(after);
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort(compareKeys);
    const scalarKeys = keys.filter((k) => !isBlock(b[k]) && !isBlock(a[k]) && !isObjectArray(b[k]) && !isObjectArray(a[k]));
    const width = Math.max(0, ...scalarKeys.filter((k) => mode !== 'change' || !sameValue(b[k], a[k])).map((k) => displayKey(k, path).length));
    const lines: PlanLine[] = [];
    let hidden = 0;
    for (const key of keys) {
      const childPath = [...path, key];
      const bv = mode === 'add' ? undefined : b[key];
      const av = mode === 'remove' ? undefined : a[key];
      if (mode === 'change' && sameValue(bv, av)) {
        hidden++;
        continue;
      }
      const childMark: Mark = mode !== 'change' ? mode : bv === undefined ? 'add' : av === undefined ? 'remove' : 'change';
      lines.push(...this.renderMember(key, bv, av, childPath, indent, childMark, width));
    }
    if (hidden > 0) lines.push(`${' '.repeat(indent + 2)}# (${hidden} unchanged attribute${hidden === 1 ? '' : 's'} hidden)`);
    return lines;
  }

  private renderMember(key: string, before: unknown, after: unknown, path: AttributePath, indent: number, mark: Mark, width: number): PlanLine[] {
    const value = mark === 'remove' ? before : after;
    const pad = ' '.repeat(indent);
    if (isObjectArray(before) || isObjectArray(after)) {
      const bs = Array.isArray(before) ? before : [];
      const as = Array.isArray(after) ? after : [];
      const lines: PlanLine[] = [];
      let hidden = 0;
      const pairs = mark === 'change' ? pairArrayItems(bs, as) : (mark === 'add' ? as : bs).map((item, index) => ({ index, before: item, after: item }));
      for (const pair of pairs) {
        const bi = mark === 'add' ? undefined : pair.before;
        const ai = mark === 'remove' ? undefined : pair.after;
        if (mark === 'change' && sameValue(bi, ai)) {
          hidden++;
          continue;
        }
        const itemMark: Mark = mark !== 'change' ? mark : bi === undefined ? 'add' : ai === undefined ? 'remove' : 'change';
        const label = singular(key) + itemLabel(itemMark === 'remove' ? bi : ai);
        lines.push(...this.renderNested(label, bi, ai, [...path, pair.index], indent, itemMark));
      }
      if (hidden > 0) lines.push(`${pad}  # (${hidden} unchanged ${singular(key)}${hidden === 1 ? '' : 's'} hidden)`);
      return lines;
    }
    if (isBlock(value) && (mark !== 'change' || (isBlock(before) && isBlock(after)))) {
      return this.renderNested(displayKey(key, path.slice(0, -1)), before, after, path, indent, mark, isMap(path));
    }
    const name = displayKey(key, path.slice(0, -1)).padEnd(width);
    if (mark === 'change' && Array.isArray(before) && Array.isArray(after)) {
      const lines = [markedLine(indent, mark, ` ${name} = [${this.forces(path)}`)];
      for (const part of diffArrays(before as unknown[], after as unknown[])) {
        const partMark: Mark = part.added ? 'add' : part.removed ? 'remove' : 'same';
        for (const item of part.value) lines.push(markedLine(indent + 4, partMark, ` ${formatScalar(item)},`));
      }
      lines.push(`${pad}  ]`);
      return lines;
    }
    if (mark === 'change') {
      if (isBlock(before) !== isBlock(after)) {
        return [...this.renderMember(key, before, undefined, path, indent, 'remove', width), ...this.renderMember(key, undefined, after, path, indent, 'add', width)];
      }
      return [markedLine(indent, mark, ` ${name} = ${formatScalar(before)} -> ${formatScalar(after)}${this.forces(path)}`)];
    }
    return [markedLine(indent, mark, ` ${name} = ${formatScalar(value)}${mark === 'same' ? '' : this.forcesWhole(path, mark)}`)];
  }

  private renderNested(label: string, before: unknown, after: unknown, path: AttributePath, indent: number, mark: Mark, map = false): PlanLine[] {
    const pad = ' '.repeat(indent);
    const body = this.renderBlock(before, after, path, indent + 4, mark);
    if (body.length === 0 && mark !== 'change') return [markedLine(indent, mark, ` ${label}${map ? ' = {}' : ' {}'}${this.forcesWhole(path, mark)}`)];
    return [markedLine(indent, mark, ` ${label}${map ? ' = {' : ' {'}${this.forcesWhole(path, mark)}`), ...body, `${pad}  }`];
  }

  private forces(path: AttributePath): string {
    return this.replacePaths.some((p) => isUnderPath(path, p) || isUnderPath(p, path)) ? ' ' + this.paint(FORCES_REPLACEMENT.text, ...FORCES_REPLACEMENT.colors) : '';
  }

  /** An added or removed subtree is marked once, at its top, when a replacement path lies within it. */
  private forcesWhole(path: AttributePath, mark: Mark): string {
    if (mark === 'change' || mark === 'same') return '';
    return this.replacePaths.some((p) => p.length === path.length && isUnderPath(p, path)) ? ' ' + this.paint(FORCES_REPLACEMENT.text, ...FORCES_REPLACEMENT.colors) : '';
  }
}

/** An attribute's line: its mark's symbol at `indent` (a blank for an unchanged one). */
function markedLine(indent: number, mark: Mark, text: string): PlanLine {
  return mark === 'same' ? `${' '.repeat(indent)} ${text}` : { indent, symbol: MARK_STYLES[mark], text };
}

function isBlock(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isObjectArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.some(isBlock);
}

/** Maps (user tags) show quoted keys; everything else is an attribute name. */
function isMap(path: AttributePath): boolean {
  return path.length === 1 && path[0] === 'tags';
}

function displayKey(key: string, parent: AttributePath): string {
  return isMap(parent) ? JSON.stringify(key) : key;
}

function asRecord(value: unknown): Record<string, unknown> {
  return isBlock(value) ? value : {};
}

function compareKeys(a: string, b: string): number {
  // stageArn first, tags last: the order people read a composition in.
  const ranks: Record<string, number> = { stageArn: 0, layout: 1, destinations: 2, tags: 4 };
  const rank = (k: string): number => ranks[k] ?? 3;
  return rank(a) - rank(b) || compareStrings(a, b);
}

function singular(key: string): string {
  return key.endsWith('s') ? key.slice(0, -1) : key;
}

function itemLabel(item: unknown): string {
  const name = isBlock(item) ? item.name : undefined;
  return typeof name === 'string' && name !== '' ? ` ${JSON.stringify(name)}` : '';
}

function formatScalar(value: unknown): string {
  if (value === undefined) return '(absent)';
  if (Array.isArray(value)) return `[${value.map(formatScalar).join(', ')}]`;
  return JSON.stringify(value);
}

function shortArn(arn: string): string {
  const i = arn.lastIndexOf(':');
  return i >= 0 ? arn.slice(i + 1) : arn;
}
