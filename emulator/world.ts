// The emulated account's state and its clock, with what every operation needs: change tracking,
// sequence numbers, ids and ARNs like AWS's. The rules live elsewhere (lifecycle.ts, operations/,
// seed.ts, admin.ts) as functions of a World; emulator.ts puts them behind one class.
import { randomBytes } from 'node:crypto';
import { notFound } from './api-error.js';
import { EmulatorAdminError } from './errors.js';
import { createRandom } from './faults.js';
import { emptyWorldState, type Json, type WorldOptions, type WorldState } from './world-state.js';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export class World {
  state: WorldState;
  readonly options: WorldOptions;
  private readonly idRandom: (() => number) | undefined;
  private changed = false;
  /** Fault option (not persisted): ListCompositions shows the world as it was this many ms ago. */
  listingLagMs = 0;
  /** Called by commit() when something changed since the last commit (persistence hooks in here). */
  onChange?: (state: WorldState) => void;

  constructor(options: WorldOptions, state?: WorldState) {
    this.options = options;
    this.state = state ?? emptyWorldState(options.accountId, options.region, Date.now());
    this.idRandom = options.randomSeed === undefined ? undefined : createRandom(options.randomSeed ^ 0x5eed);
  }

  now(): number {
    return this.options.clock === 'manual' ? this.state.clock.manualNow : Date.now() + this.state.clock.offsetMs;
  }

  /** Moves the clock only; the transitions it makes due are applied by advanceWorld (lifecycle.ts). */
  moveClock(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new EmulatorAdminError(`advanceClock: expected a duration >= 0 ms, got ${ms}`);
    if (this.options.clock === 'manual') this.state.clock.manualNow += ms;
    else this.state.clock.offsetMs += ms;
    this.markChanged();
  }

  markChanged(): void {
    this.changed = true;
  }

  /** Reports the changes made since the last commit, once. */
  commit(): void {
    if (!this.changed) return;
    this.changed = false;
    this.onChange?.(this.state);
  }

  /** The next creation sequence number: list order and page tokens follow it. */
  nextSeq(): number {
    return ++this.state.seq;
  }

  arnFor(kind: string, id: string): string {
    return `arn:aws:ivs:${this.state.region}:${this.state.accountId}:${kind}/${id}`;
  }

  /** An id like AWS's ([a-zA-Z0-9]), drawn until `taken` says it is free. Seeded (replayable) with randomSeed. */
  newId(taken: (candidate: string) => boolean, length = 12): string {
    for (;;) {
      let id = '';
      const bytes = randomBytes(length);
      for (let i = 0; i < length; i++) {
        const r = this.idRandom ? Math.floor(this.idRandom() * ID_ALPHABET.length) : bytes[i]! % ID_ALPHABET.length;
        id += ID_ALPHABET[r];
      }
      if (!taken(id)) return id;
    }
  }
}

/** An API operation on the world: a decoded, validated request in, the response body out. */
export type Operation = (world: World, input: Json) => Json;
export type OperationTable = Readonly<Record<string, Operation>>;

/** The resource with this ARN, else the API's ResourceNotFoundException naming `kind`. */
export function requireIn<T extends { arn: string }>(list: readonly T[], arn: string, kind: string): T {
  const found = list.find((x) => x.arn === arn);
  if (!found) throw notFound(kind, arn);
  return found;
}
