// The one table of symbols, colours and wording: plan actions, attribute marks, apply outcomes and
// diagnostics. The human plan, Markdown, apply-result and diagnostics renderers all read it.
import type { ApplyOutcome } from '../model/apply-result.js';
import type { Action, ChangeReason, DriftKind } from '../model/plan.js';

export type Color = 'green' | 'red' | 'yellow' | 'cyan' | 'bold' | 'dim';
const ANSI: Record<Color, string> = { green: '\x1b[32m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m', bold: '\x1b[1m', dim: '\x1b[2m' };
const RESET = '\x1b[0m';

export type Painter = ((text: string, ...colors: Color[]) => string) & { readonly enabled: boolean };

export function painter(enabled: boolean): Painter {
  const paint = (text: string, ...colors: Color[]): string => (enabled && colors.length > 0 ? colors.map((c) => ANSI[c]).join('') + text + RESET : text);
  return Object.assign(paint, { enabled });
}

/** A symbol in the margin: each character takes the colour at its index (the last one for the rest). */
export interface SymbolStyle {
  readonly symbol: string;
  readonly colors: readonly Color[];
  /** What GitHub's diff highlighting reads in column 0 (Markdown): + added, - removed, ! changed. */
  readonly diffColumn: '+' | '-' | '!';
}

export function paintSymbol(style: SymbolStyle, paint: Painter): string {
  if (style.symbol.length === 1) return paint(style.symbol, style.colors[0]);
  return [...style.symbol].map((c, i) => paint(c, style.colors[i] ?? style.colors[style.colors.length - 1])).join('');
}

export type ChangeAction = Exclude<Action, 'no-op'>;

export interface ActionStyle extends SymbolStyle {
  /** The headline: `# show/program must be replaced`. */
  readonly wording: string;
  /** The legend line above the changes. */
  readonly legend: string;
  /** A second comment line under the headline. */
  readonly note?: string;
}

/** Ordered as the legend lists them. */
export const ACTION_STYLES: Readonly<Record<ChangeAction, ActionStyle>> = {
  create: { symbol: '+', colors: ['green'], diffColumn: '+', wording: 'will be created', legend: 'create' },
  'update-tags': { symbol: '~', colors: ['yellow'], diffColumn: '!', wording: 'will be updated in-place', legend: 'update tags in-place' },
  delete: { symbol: '-', colors: ['red'], diffColumn: '-', wording: 'will be destroyed', legend: 'destroy' },
  'replace-stop-first': {
    symbol: '-/+',
    colors: ['red', 'dim', 'green'],
    diffColumn: '!',
    wording: 'must be replaced',
    legend: 'stop, then start a replacement',
    note: 'stop first, then start',
  },
  'replace-start-first': {
    symbol: '+/-',
    colors: ['green', 'dim', 'red'],
    diffColumn: '!',
    wording: 'must be replaced',
    legend: 'start a replacement, then stop',
    note: 'start first, then stop',
  },
};
export const LEGEND_ORDER = Object.keys(ACTION_STYLES) as readonly ChangeAction[];

/** How one attribute changes inside a change block. */
export type AttributeMark = 'add' | 'remove' | 'change';
export const MARK_STYLES: Readonly<Record<AttributeMark, SymbolStyle>> = {
  add: { symbol: '+', colors: ['green'], diffColumn: '+' },
  remove: { symbol: '-', colors: ['red'], diffColumn: '-' },
  change: { symbol: '~', colors: ['yellow'], diffColumn: '!' },
};

/** Reasons worth a word on the change's headline; the rest are evident from its attributes. */
export const REASON_WORDING: Readonly<Record<ChangeReason, string | undefined>> = {
  'not-running': undefined,
  'spec-changed': undefined,
  'tags-changed': undefined,
  failed: 'failed',
  stopped: 'stopped outside stageform',
  'stopped-idle': 'stopped by IVS: stage idle',
  degraded: 'a destination failed',
  'removed-from-manifests': 'removed from manifests',
  duplicate: 'duplicate: another composition runs for this address',
  'outside-schedule': 'outside its schedule',
};

/** A drift record's headline: `# show/program has FAILED`. */
export const DRIFT_WORDING: Readonly<Record<DriftKind, string>> = {
  failed: 'has FAILED',
  stopped: 'was stopped outside stageform',
  'stopped-idle': 'was stopped by IVS (idle stage)',
  degraded: 'is degraded',
  'tags-changed': 'had its tags edited outside stageform',
  'stage-missing': 'cannot run: its stage does not exist',
};

/** `# forces replacement` beside the attributes that force one. */
export const FORCES_REPLACEMENT: { readonly text: string; readonly colors: readonly Color[] } = { text: '# forces replacement', colors: ['red'] };

export const OUTCOME_STYLES: Readonly<Record<ApplyOutcome, { readonly symbol: string; readonly colors: readonly Color[] }>> = {
  started: { symbol: '+', colors: ['green'] },
  stopped: { symbol: '-', colors: ['red'] },
  replaced: { symbol: '-/+', colors: ['yellow'] },
  tagged: { symbol: '~', colors: ['yellow'] },
  failed: { symbol: '!', colors: ['red'] },
  skipped: { symbol: '.', colors: ['dim'] },
};

/** Headlines: a plan with nothing to do, an apply that completed, one that did not. */
export const HEADLINE_STYLES = {
  noChanges: ['green', 'bold'],
  planned: ['bold'],
  warning: ['yellow', 'bold'],
  complete: ['bold', 'green'],
  incomplete: ['bold', 'red'],
} as const satisfies Record<string, readonly Color[]>;

/** `file:line:col: error[CODE]: message`, the code frame and the hint. */
export const DIAGNOSTIC_STYLES = {
  location: ['bold'],
  severity: ['red'],
  frame: ['dim'],
  caret: ['red'],
  hint: ['cyan'],
} as const satisfies Record<string, readonly Color[]>;
