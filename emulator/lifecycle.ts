// How compositions move through time: STARTING -> ACTIVE after the start delay, STOPPING -> STOPPED
// after the stop delay, STOPPED once their stage has been empty for the idle timeout, and gone after
// retention. Time moves lazily: every call first applies what is due by now, so no timers run.
import type { World } from './world.js';
import { viewComposition } from './operations/compositions.js';
import type { CompositionRecord, Json, StageRecord } from './world-state.js';

/**
 * Processes every transition due by now, and forgets compositions past retention. Their tokens
 * outlive them by `tokenMemoryMs` after last use (AWS documents no expiry), answered with the
 * composition as it ended; with 0 they go with the composition.
 */
export function advanceWorld(world: World): void {
  const now = world.now();
  const stages = new Map(world.state.stages.map((st) => [st.arn, st]));
  const kept: CompositionRecord[] = [];
  for (const c of world.state.compositions) {
    advanceComposition(world, c, now, stages);
    if ((c.state === 'STOPPED' || c.state === 'FAILED') && c.endTime !== undefined && c.endTime + world.options.retentionMs <= now) {
      retireTokensOf(world, c);
      world.markChanged();
      continue;
    }
    kept.push(c);
  }
  world.state.compositions = kept;
  for (const [key, entry] of Object.entries(world.state.idempotency)) {
    if (entry.finalView && (entry.usedAt ?? 0) + world.options.tokenMemoryMs <= now) {
      delete world.state.idempotency[key];
      world.markChanged();
    }
  }
}

export function advanceComposition(world: World, c: CompositionRecord, now: number, stages?: ReadonlyMap<string, StageRecord>): void {
  const idleAt = idleStopAt(world, c, stages);
  if (c.state === 'STARTING' && c.readyAt <= now && (idleAt === undefined || c.readyAt <= idleAt)) {
    c.state = 'ACTIVE';
    for (const d of c.destinations) {
      if (d.state === 'STARTING') {
        d.state = 'ACTIVE';
        d.startTime = c.readyAt;
      }
    }
    world.markChanged();
  }
  if ((c.state === 'STARTING' || c.state === 'ACTIVE') && idleAt !== undefined && idleAt <= now) {
    finishComposition(world, c, 'STOPPED', idleAt);
  }
  if (c.state === 'STOPPING' && c.stopDoneAt !== undefined && c.stopDoneAt <= now) {
    finishComposition(world, c, 'STOPPED', c.stopDoneAt);
  }
}

/** IVS stops a composition once its stage has had no publisher for the idle timeout. */
function idleStopAt(world: World, c: CompositionRecord, stages?: ReadonlyMap<string, StageRecord>): number | undefined {
  const stage = stages ? stages.get(c.stageArn) : world.state.stages.find((s) => s.arn === c.stageArn);
  if (!stage || stage.emptySince === null) return undefined;
  return Math.max(stage.emptySince, c.startTime) + world.options.idleTimeoutMs;
}

/** Ends a composition and every destination still running. */
export function finishComposition(world: World, c: CompositionRecord, state: 'STOPPED' | 'FAILED', at: number): void {
  c.state = state;
  c.endTime = at;
  c.stopDoneAt = undefined;
  for (const d of c.destinations) {
    if (d.state === 'FAILED' || d.state === 'STOPPED') continue;
    d.state = state;
    d.endTime = at;
  }
  world.markChanged();
}

function retireTokensOf(world: World, c: CompositionRecord): void {
  for (const [key, entry] of Object.entries(world.state.idempotency)) {
    if (entry.compositionArn !== c.arn) continue;
    if (world.options.tokenMemoryMs > 0) entry.finalView = viewComposition(c) as unknown as Json;
    else delete world.state.idempotency[key];
  }
}
