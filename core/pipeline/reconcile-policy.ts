// What a reconcile pass may do: the policy (which of the plan's actions it applies) and per-address
// backoff (which addresses rest after failing). Both are plain functions over the plan, so the pass
// applies a filtered plan through core/apply and inherits every apply safety rule.
import { assertNever } from '../model/diagnostics.js';
import type { PlannedChange } from '../model/plan.js';

/**
 * heal: start what should run and does not (not running, stage gone live, failed, stopped at the
 * 24-hour limit), replace what can no longer serve (FAILED, a destination FAILED), fix tags; never
 * replace a healthy running composition, never delete. sync: the whole plan.
 */
export type ReconcilePolicy = 'heal' | 'sync';
export const RECONCILE_POLICIES: readonly ReconcilePolicy[] = ['heal', 'sync'];

/** Why a change the plan wants is not applied by this pass. */
export type HeldReason = 'policy' | 'backoff' | 'depends-on-held';

export interface HeldChange {
  readonly address: string;
  readonly action: PlannedChange['action'];
  readonly reason: HeldReason;
  /** For backoff: when the address may be tried again (epoch ms). */
  readonly retryAtMs?: number;
}

/** Whether the policy lets a pass apply this change on its own. */
export function isAllowedByPolicy(change: PlannedChange, policy: ReconcilePolicy): boolean {
  if (policy === 'sync') return true;
  switch (change.action) {
    case 'no-op':
    case 'create':
    case 'update-tags':
      return true;
    case 'delete':
      return false;
    case 'replace-stop-first':
    case 'replace-start-first':
      // The live composition no longer serves: its successor can only be the desired spec.
      return change.live !== null && (change.live.state === 'FAILED' || change.live.destinationStates.includes('FAILED'));
    default:
      return assertNever(change.action, 'action');
  }
}

export interface SelectedChanges {
  /** What the pass applies (no-ops included, as apply skips them). */
  readonly apply: readonly PlannedChange[];
  /** Sorted by address. */
  readonly held: readonly HeldChange[];
}

/**
 * The changes a pass applies: allowed by the policy, not resting in backoff, and not waiting on a
 * change that is held (a start that needs a channel handed over waits with the stop it needs).
 */
export function selectChanges(changes: readonly PlannedChange[], policy: ReconcilePolicy, backoff: BackoffBook, atMs: number): SelectedChanges {
  const held = new Map<string, HeldChange>();
  const hold = (change: PlannedChange, reason: HeldReason, retryAtMs?: number): void => {
    if (!held.has(change.address)) held.set(change.address, retryAtMs === undefined ? { address: change.address, action: change.action, reason } : { address: change.address, action: change.action, reason, retryAtMs });
  };
  for (const change of changes) {
    if (change.action === 'no-op') continue;
    if (!isAllowedByPolicy(change, policy)) hold(change, 'policy');
    else if (backoff.isResting(change.address, atMs)) hold(change, 'backoff', backoff.retryAt(change.address));
  }
  // Dependants of held changes wait too, transitively.
  let grew = true;
  while (grew) {
    grew = false;
    for (const change of changes) {
      if (change.action === 'no-op' || held.has(change.address)) continue;
      if (change.dependsOn.some((d) => held.has(d))) {
        hold(change, 'depends-on-held');
        grew = true;
      }
    }
  }
  return {
    apply: changes.filter((c) => !held.has(c.address)),
    held: [...held.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)),
  };
}

export interface BackoffOptions {
  /** The first rest after a failure (default 5 s). */
  readonly baseMs?: number;
  /** The longest rest (default 5 min). */
  readonly capMs?: number;
}

export interface BackoffEntry {
  readonly address: string;
  readonly failures: number;
  readonly retryAtMs: number;
}

/**
 * Per-address exponential backoff, capped: after n consecutive failures an address rests
 * base * 2^(n-1) (at most cap); a success forgets it. Other addresses are not affected.
 */
export class BackoffBook {
  private readonly entries = new Map<string, BackoffEntry>();
  readonly baseMs: number;
  readonly capMs: number;

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? 5_000;
    this.capMs = options.capMs ?? 300_000;
  }

  recordFailure(address: string, atMs: number): BackoffEntry {
    const failures = (this.entries.get(address)?.failures ?? 0) + 1;
    const restMs = Math.min(this.capMs, this.baseMs * 2 ** Math.min(failures - 1, 30));
    const entry = { address, failures, retryAtMs: atMs + restMs };
    this.entries.set(address, entry);
    return entry;
  }

  recordSuccess(address: string): void {
    this.entries.delete(address);
  }

  isResting(address: string, atMs: number): boolean {
    const entry = this.entries.get(address);
    return entry !== undefined && atMs < entry.retryAtMs;
  }

  retryAt(address: string): number | undefined {
    return this.entries.get(address)?.retryAtMs;
  }

  /** Addresses with failures on record, sorted. */
  list(): BackoffEntry[] {
    return [...this.entries.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  }

  /** Addresses resting at `atMs`. */
  restingCount(atMs: number): number {
    let n = 0;
    for (const entry of this.entries.values()) if (atMs < entry.retryAtMs) n++;
    return n;
  }
}
