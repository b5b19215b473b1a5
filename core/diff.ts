// Field-by-field comparison of two compositions in canonical form. What a changed field means
// (a new composition, or a change in place) comes from one table; a composition's impact is the
// worst of its fields' impacts through an explicit ranking.
import type { CompositionView } from './plan-model.js';

export type AttributePath = readonly (string | number)[];

/** 'none' < 'update' < 'replace': the order is the ranking. */
export type Impact = 'none' | 'update' | 'replace';
const IMPACT_RANK: Record<Impact, number> = { none: 0, update: 1, replace: 2 };

/** Path patterns ('*' matches one segment, '**' the rest) and what a change under them needs. First match wins. */
export const FIELD_IMPACTS: readonly { readonly pattern: readonly string[]; readonly impact: Exclude<Impact, 'none'> }[] = [
  { pattern: ['stageArn'], impact: 'replace' },
  { pattern: ['layout', '**'], impact: 'replace' },
  { pattern: ['destinations', '**'], impact: 'replace' },
  { pattern: ['tags', '**'], impact: 'update' },
];

export interface FieldChange {
  readonly path: AttributePath;
  /** undefined when the field is absent on that side. */
  readonly before: unknown;
  readonly after: unknown;
  readonly impact: Exclude<Impact, 'none'>;
}

export interface CompositionDiff {
  /** Sorted by path. */
  readonly changes: readonly FieldChange[];
  readonly impact: Impact;
  /** Paths of the changes that force a replacement; sorted. */
  readonly replacePaths: readonly AttributePath[];
}

export function worstImpact(impacts: Iterable<Impact>): Impact {
  let worst: Impact = 'none';
  for (const impact of impacts) if (IMPACT_RANK[impact] > IMPACT_RANK[worst]) worst = impact;
  return worst;
}

export function impactOfPath(path: AttributePath): Exclude<Impact, 'none'> {
  for (const { pattern, impact } of FIELD_IMPACTS) if (matchesPattern(path, pattern)) return impact;
  // A field nobody classified cannot change in place: there is no update call.
  return 'replace';
}

function matchesPattern(path: AttributePath, pattern: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '**') return true;
    if (i >= path.length) return false;
    if (pattern[i] !== '*' && pattern[i] !== String(path[i])) return false;
  }
  return path.length === pattern.length;
}

/** Leaves that differ between two values. Arrays of scalars are one leaf; arrays of objects are compared by index. */
export function diffValues(before: unknown, after: unknown, path: AttributePath = []): { path: AttributePath; before: unknown; after: unknown }[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffValues(before[key], after[key], [...path, key]));
  }
  if (Array.isArray(before) && Array.isArray(after) && (before.some(isPlainObject) || after.some(isPlainObject))) {
    const length = Math.max(before.length, after.length);
    const out: { path: AttributePath; before: unknown; after: unknown }[] = [];
    for (let i = 0; i < length; i++) out.push(...diffValues(before[i], after[i], [...path, i]));
    return out;
  }
  return sameValue(before, after) ? [] : [{ path, before, after }];
}

export function diffCompositions(before: CompositionView, after: CompositionView): CompositionDiff {
  const changes = diffValues(before, after).map((c) => ({ ...c, impact: impactOfPath(c.path) }));
  changes.sort((a, b) => comparePaths(a.path, b.path));
  return {
    changes,
    impact: worstImpact(changes.map((c) => c.impact)),
    replacePaths: changes.filter((c) => c.impact === 'replace').map((c) => c.path),
  };
}

export function comparePaths(a: AttributePath, b: AttributePath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

/** True when `path` is `prefix` or lies under it. */
export function isUnderPath(path: AttributePath, prefix: AttributePath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) return diffValues(a, b).length === 0;
  return false;
}
