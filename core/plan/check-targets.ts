// --target values are checked against what the plan can act on before it is built: a target that
// matches nothing is an error, not a warning, so a typo in CI cannot silently do nothing.
import { closestMatches } from '../load/validate-schema.js';
import type { DesiredState } from '../model/desired.js';
import { UserError } from '../model/diagnostics.js';
import type { LiveState } from '../model/live.js';
import { isManagedBy, readOwnership } from '../model/ownership.js';
import { matchesTarget } from '../model/target.js';
import { compareStrings } from '../util/canonical-json.js';

export interface UnmatchedTarget {
  readonly target: string;
  /** The addresses and manifest names nearest to it, nearest first (at most 3). */
  readonly closest: readonly string[];
}

/** What a target can name: every declared address, every address of this project still running or retained, and every manifest name. Sorted. */
export function targetableNames(desired: DesiredState, live: LiveState): string[] {
  const names = new Set<string>();
  for (const c of desired.compositions) names.add(c.address);
  for (const s of desired.stages) names.add(s.manifestName);
  for (const region of live.regions) {
    for (const c of region.compositions) {
      const address = readOwnership(c.tags)?.address;
      if (address && isManagedBy(c.tags, desired.project)) {
        names.add(address);
        names.add(address.split('/')[0]);
      }
    }
  }
  return [...names].sort(compareStrings);
}

/** The targets that match no targetable address, each with the closest names as a hint. */
export function findUnmatchedTargets(desired: DesiredState, live: LiveState, targets: readonly string[]): UnmatchedTarget[] {
  const names = targetableNames(desired, live);
  const addresses = names.filter((n) => n.includes('/'));
  return [...new Set(targets)]
    .sort(compareStrings)
    .filter((t) => !addresses.some((a) => matchesTarget(a, t)) && !names.includes(t.replace(/\/$/, '')))
    .map((target) => ({ target, closest: closestMatches(target, names, 3) }));
}

/** Throws TARGET_NOT_FOUND (exit 1) naming every target that matches nothing. */
export function assertTargetsMatch(desired: DesiredState, live: LiveState, targets: readonly string[]): void {
  const unmatched = findUnmatchedTargets(desired, live, targets);
  if (unmatched.length === 0) return;
  const which = unmatched.map((u) => `--target ${u.target}`).join(', ');
  const suggestions = unmatched.flatMap((u) => u.closest);
  const hint =
    suggestions.length > 0
      ? `did you mean ${[...new Set(suggestions)].join(', ')}?`
      : `a target is an address (manifest/composition) or a manifest name; declared manifests: ${desired.stages.map((s) => s.manifestName).slice(0, 10).join(', ') || 'none'}`;
  throw new UserError('TARGET_NOT_FOUND', `${which} ${unmatched.length === 1 ? 'matches' : 'match'} no declared or managed composition`, { hint });
}
