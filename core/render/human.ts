// The plan for people, in Terraform's shape. A pure function of the Plan data alone (so a saved or
// JSON plan renders the same), with one table for each action's symbol, colour and wording.
import { diffArrays } from 'diff';
import { compareStrings } from '../util/canonical-json.js';
import { assertNever } from '../model/diagnostics.js';
import { isUnderPath, pairArrayItems, sameValue, type AttributePath } from '../plan/diff.js';
import type { Action, ChangeReason, DriftKind, Plan, PlannedChange, PlanSummary } from '../model/plan.js';

export interface HumanRenderOptions {
  readonly color: boolean;
}

type Style = 'green' | 'red' | 'yellow' | 'bold' | 'dim';
const ANSI: Record<Style, string> = { green: '\x1b[32m', red: '\x1b[31m', yellow: '\x1b[33m', bold: '\x1b[1m', dim: '\x1b[2m' };
const RESET = '\x1b[0m';

/** Shown kinds of change: an action, and for a replacement its order. */
export type ChangeKind = Exclude<Action, 'replace' | 'no-op'> | 'replace-stop-first' | 'replace-start-first';

/** The one table of symbols, colours and wording. Ordered as the legend lists them. */
export const CHANGE_STYLES: Readonly<Record<ChangeKind, { symbol: string; colors: readonly Style[]; wording: string; legend: string; note?: string }>> = {
  create: { symbol: '+', colors: ['green'], wording: 'will be created', legend: 'create' },
  'update-tags': { symbol: '~', colors: ['yellow'], wording: 'will be updated in-place', legend: 'update tags in-place' },
  delete: { symbol: '-', colors: ['red'], wording: 'will be destroyed', legend: 'destroy' },
  'replace-stop-first': { symbol: '-/+', colors: ['red', 'dim', 'green'], wording: 'must be replaced', legend: 'stop, then start a replacement', note: 'stop first, then start' },
  'replace-start-first': { symbol: '+/-', colors: ['green', 'dim', 'red'], wording: 'must be replaced', legend: 'start a replacement, then stop', note: 'start first, then stop' },
};
const KIND_ORDER: readonly ChangeKind[] = ['create', 'update-tags', 'delete', 'replace-stop-first', 'replace-start-first'];

/** Reasons worth a word on the change's headline; the rest are evident from its attributes. */
const REASON_WORDING: Readonly<Record<ChangeReason, string | undefined>> = {
  'not-running': undefined,
  'spec-changed': undefined,
  'tags-changed': undefined,
  failed: 'failed',
  stopped: 'stopped outside stageform',
  'stopped-idle': 'stopped by IVS: stage idle',
  degraded: 'a destination failed',
  'removed-from-manifests': 'removed from manifests',
  duplicate: 'duplicate: another composition runs for this address',
};

const DRIFT_WORDING: Readonly<Record<DriftKind, string>> = {
  failed: 'has FAILED',
  stopped: 'was stopped outside stageform',
  'stopped-idle': 'was stopped by IVS (idle stage)',
  degraded: 'is degraded',
  'tags-changed': 'had its tags edited outside stageform',
};

export function changeKindOf(change: PlannedChange): ChangeKind | undefined {
  switch (change.action) {
    case 'create':
    case 'delete':
    case 'update-tags':
      return change.action;
    case 'replace':
      return change.replaceOrder === 'start-first' ? 'replace-start-first' : 'replace-stop-first';
    case 'no-op':
      return undefined;
    default:
      return assertNever(change.action, 'action');
  }
}

export function renderPlanHuman(plan: Plan, options: HumanRenderOptions): string {
  const paint = painter(options.color);
  const out: string[] = [];

  if (plan.drift.length > 0) {
    out.push(paint('Objects have changed outside stageform:', 'bold'), '');
    for (const d of plan.drift) {
      out.push(`  # ${d.address} ${DRIFT_WORDING[d.kind]}`, `      ${d.detail}`);
      if (d.arn) out.push(`      ${d.arn}`);
    }
    out.push('');
  }

  const changes = plan.changes.filter((c) => c.action !== 'no-op');
  if (changes.length > 0) {
    const used = new Set(changes.map(changeKindOf));
    out.push('Composition actions are indicated with the following symbols:');
    for (const kind of KIND_ORDER) {
      if (used.has(kind)) out.push(`${symbolOf(kind, paint).padStartVisible(3)} ${CHANGE_STYLES[kind].legend}`);
    }
    out.push('', 'stageform will perform the following actions:', '');
    for (const change of changes) out.push(...renderChange(change, paint), '');
  }

  if (plan.unmanaged.length > 0) {
    out.push('Unmanaged compositions (not changed by stageform):');
    for (const u of plan.unmanaged) {
      const owner = u.project ? `, project "${u.project}"${u.address ? ` ${u.address}` : ''}` : '';
      out.push(`  ${u.arn} (${u.state}, ${shortArn(u.stageArn)}${owner})`);
    }
    out.push('');
  }

  for (const w of plan.warnings) out.push(`${paint('Warning:', 'yellow', 'bold')} ${w.address ? `${w.address}: ` : ''}${w.message}`);
  if (plan.warnings.length > 0) out.push('');

  out.push(summaryLine(plan.summary, changes.length > 0, paint));
  return out.map((line) => line.replace(/[ \t]+$/, '')).join('\n') + '\n';
}

export function summaryLine(summary: PlanSummary, changes: boolean, paint: Painter = painter(false)): string {
  if (!changes) return paint('No changes.', 'green', 'bold') + ' Live compositions match the manifests.';
  return paint('Plan:', 'bold') + ` ${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy.`;
}

function renderChange(change: PlannedChange, paint: Painter): string[] {
  const kind = changeKindOf(change) as ChangeKind;
  const style = CHANGE_STYLES[kind];
  const reasons = change.reasons.map((r) => REASON_WORDING[r]).filter((w): w is string => w !== undefined);
  const lines = [paint(`  # ${change.address} ${style.wording}`, 'bold') + (reasons.length > 0 ? ` (${reasons.join('; ')})` : '')];
  const notes = [...(style.note ? [style.note] : []), ...(change.dependsOn.length > 0 ? [`waits for ${change.dependsOn.join(', ')}`] : [])];
  if (notes.length > 0) lines.push(`  # (${notes.join('; ')})`);
  const top = change.action === 'create' ? 'add' : change.action === 'delete' ? 'remove' : 'change';
  lines.push(`${symbolOf(kind, paint).padStartVisible(3)} composition "${change.address}" {`);
  if (change.live && change.action !== 'create') lines.push(`      # live: ${change.live.arn} (${change.live.state})`);
  if (change.action === 'update-tags' && sameValue(change.before?.tags, change.after?.tags)) {
    lines.push('      # only the stageform:spec ownership tag is brought up to date');
  }
  lines.push(...new BlockRenderer(paint, change.replacePaths).renderBlock(change.before ?? undefined, change.after ?? undefined, [], 6, top));
  lines.push('    }');
  return lines;
}

type Mark = 'add' | 'remove' | 'change' | 'same';
const MARK_SYMBOL: Record<Exclude<Mark, 'same'>, [string, Style]> = { add: ['+', 'green'], remove: ['-', 'red'], change: ['~', 'yellow'] };

/** Renders nested attributes: every attribute when one side is absent, only what changed otherwise. */
class BlockRenderer {
  constructor(
    private readonly paint: Painter,
    private readonly replacePaths: readonly AttributePath[],
  ) {}

  /** Lines of an object's members at `indent` (where the symbols go). */
  renderBlock(before: unknown, after: unknown, path: AttributePath, indent: number, mode: Mark): string[] {
    const b = asRecord(before);
    const a = asRecord(after);
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort(compareKeys);
    const scalarKeys = keys.filter((k) => !isBlock(b[k]) && !isBlock(a[k]) && !isObjectArray(b[k]) && !isObjectArray(a[k]));
    const width = Math.max(0, ...scalarKeys.filter((k) => mode !== 'change' || !sameValue(b[k], a[k])).map((k) => displayKey(k, path).length));
    const lines: string[] = [];
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

  private renderMember(key: string, before: unknown, after: unknown, path: AttributePath, indent: number, mark: Mark, width: number): string[] {
    const value = mark === 'remove' ? before : after;
    const pad = ' '.repeat(indent);
    const sym = mark === 'same' ? ' ' : this.paint(MARK_SYMBOL[mark][0], MARK_SYMBOL[mark][1]);
    if (isObjectArray(before) || isObjectArray(after)) {
      const bs = Array.isArray(before) ? before : [];
      const as = Array.isArray(after) ? after : [];
      const lines: string[] = [];
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
      const lines = [`${pad}${sym} ${name} = [${this.forces(path)}`];
      for (const part of diffArrays(before as unknown[], after as unknown[])) {
        const partSym = part.added ? this.paint('+', 'green') : part.removed ? this.paint('-', 'red') : ' ';
        for (const item of part.value) lines.push(`${pad}    ${partSym} ${formatScalar(item)},`);
      }
      lines.push(`${pad}  ]`);
      return lines;
    }
    if (mark === 'change') {
      if (isBlock(before) !== isBlock(after)) {
        return [...this.renderMember(key, before, undefined, path, indent, 'remove', width), ...this.renderMember(key, undefined, after, path, indent, 'add', width)];
      }
      return [`${pad}${sym} ${name} = ${formatScalar(before)} -> ${formatScalar(after)}${this.forces(path)}`];
    }
    return [`${pad}${sym} ${name} = ${formatScalar(value)}${mark === 'same' ? '' : this.forcesWhole(path, mark)}`];
  }

  private renderNested(label: string, before: unknown, after: unknown, path: AttributePath, indent: number, mark: Mark, map = false): string[] {
    const pad = ' '.repeat(indent);
    const sym = mark === 'same' ? ' ' : this.paint(MARK_SYMBOL[mark][0], MARK_SYMBOL[mark][1]);
    const body = this.renderBlock(before, after, path, indent + 4, mark);
    if (body.length === 0 && mark !== 'change') return [`${pad}${sym} ${label}${map ? ' = {}' : ' {}'}${this.forcesWhole(path, mark)}`];
    return [`${pad}${sym} ${label}${map ? ' = {' : ' {'}${this.forcesWhole(path, mark)}`, ...body, `${pad}  }`];
  }

  private forces(path: AttributePath): string {
    return this.replacePaths.some((p) => isUnderPath(path, p) || isUnderPath(p, path)) ? ' ' + this.paint('# forces replacement', 'red') : '';
  }

  /** An added or removed subtree is marked once, at its top, when a replacement path lies within it. */
  private forcesWhole(path: AttributePath, mark: Mark): string {
    if (mark === 'change' || mark === 'same') return '';
    return this.replacePaths.some((p) => p.length === path.length && isUnderPath(p, path)) ? ' ' + this.paint('# forces replacement', 'red') : '';
  }
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

export type Painter = ((text: string, ...styles: Style[]) => string) & { readonly enabled: boolean };

export function painter(enabled: boolean): Painter {
  const paint = (text: string, ...styles: Style[]): string => (enabled && styles.length > 0 ? styles.map((s) => ANSI[s]).join('') + text + RESET : text);
  return Object.assign(paint, { enabled });
}

function symbolOf(kind: ChangeKind, paint: Painter): VisibleText {
  const { symbol, colors } = CHANGE_STYLES[kind];
  if (symbol.length === 1) return new VisibleText(paint(symbol, colors[0]), symbol.length);
  const parts = symbol.split('');
  return new VisibleText(parts.map((p, i) => paint(p, colors[i] ?? colors[0])).join(''), symbol.length);
}

/** Painted text that pads by its visible width. */
class VisibleText {
  constructor(
    private readonly text: string,
    private readonly width: number,
  ) {}
  padStartVisible(width: number): string {
    return ' '.repeat(Math.max(0, width - this.width)) + this.text;
  }
}
