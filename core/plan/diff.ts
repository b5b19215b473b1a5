// Field-by-field comparison of two compositions in canonical form. What a changed field means
// (a new composition, or a change in place) comes from one table; a composition's impact is the
// worst of its fields' impacts through an explicit ranking.
import type { CompositionView } from '../model/plan.js';

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
    return pairArrayItems(before, after).flatMap((pair) => diffValues(pair.before, pair.after, [...path, pair.index]));
  }
  return sameValue(before, after) ? [] : [{ path, before, after }];
}

/**
 * Pairs the items of two arrays of objects: destinations by their kind (a composition has at most
 * one channel and one S3 destination, so adding a channel is an addition, not a shifted S3 one),
 * anything else by position. Each pair is addressed by its index in `after` (in `before` when
 * removed); pairs come in after's order, removed items last.
 */
export function pairArrayItems(before: readonly unknown[], after: readonly unknown[]): { index: number; before: unknown; after: unknown }[] {
  const keyed = [...before, ...after].every((item) => destinationKind(item) !== undefined);
  if (!keyed) {
    return Array.from({ length: Math.max(before.length, after.length) }, (_, i) => ({ index: i, before: before[i], after: after[i] }));
  }
  const pairs = after.map((item, index) => ({ index, before: before.find((b) => destinationKind(b) === destinationKind(item)), after: item as unknown }));
  before.forEach((item, index) => {
    if (!after.some((a) => destinationKind(a) === destinationKind(item))) pairs.push({ index, before: item, after: undefined });
  });
  return pairs;
}

function destinationKind(item: unknown): string | undefined {
  if (!isPlainObject(item)) return undefined;
  const kinds = ['channel', 's3'].filter((k) => item[k] !== undefined);
  return kinds.length === 1 ? kinds[0] : undefined;
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

/** Deep equality of plain data; object key order does not matter. The one comparison the plan and its renderers use. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) return diffValues(a, b).length === 0;
  return false;
}
