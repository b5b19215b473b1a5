// Snapshot and restore: the world's state as a plain JSON document (what the state file holds), the
// checks a document must pass before the world is restored from it, and reset.
import type { World } from './world.js';
import { emptyWorldState, STATE_KIND, STATE_VERSION, type WorldState } from './world-state.js';

const RESOURCE_LISTS = ['stages', 'channels', 'encoderConfigurations', 'storageConfigurations', 'compositions'] as const;

/** The state as persisted (a deep copy). */
export function snapshotWorld(world: World): WorldState {
  return structuredClone(world.state);
}

/** A document the world can be restored from, or why not (a corrupt, foreign or newer file). */
export function checkSnapshot(doc: unknown): { state: WorldState } | { problem: string } {
  const candidate = doc as Partial<WorldState> | null;
  if (!candidate || typeof candidate !== 'object' || candidate.kind !== STATE_KIND) {
    return { problem: `not an emulator state file (expected "kind": "${STATE_KIND}")` };
  }
  if (candidate.version !== STATE_VERSION) {
    return { problem: `emulator state version ${String(candidate.version)} is not supported (this version reads ${STATE_VERSION})` };
  }
  const complete =
    RESOURCE_LISTS.every((k) => Array.isArray(candidate[k])) &&
    typeof candidate.accountId === 'string' &&
    typeof candidate.region === 'string' &&
    Boolean(candidate.clock) &&
    Boolean(candidate.idempotency);
  if (!complete) return { problem: 'the emulator state file is incomplete (corrupt?)' };
  return { state: candidate as WorldState };
}

/** Empties the world; the clock (and account and region) are kept. */
export function resetWorld(world: World): void {
  const { clock, accountId, region } = world.state;
  world.state = emptyWorldState(accountId, region, clock.manualNow);
  world.state.clock = clock;
  world.markChanged();
}
