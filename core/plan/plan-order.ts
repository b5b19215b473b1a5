// Ordering of a plan's changes: which must wait for which (a channel handed over, quota room made)
// and which replacements must stop first. Apply runs independent changes in parallel, so every
// count here is the worst over any execution that respects dependsOn.
import { compareStrings } from '../util/canonical-json.js';
import type { Quotas } from '../model/desired.js';
import { parseIvsArn } from '../util/arn.js';
import type { Diagnostic, SourcePosition } from '../model/diagnostics.js';
import { channelArnsHeldBy, isRunningState, type LiveComposition } from '../model/live.js';
import { TAG_ADDRESS } from '../model/ownership.js';
import { isReplacement, type Action, type CompositionView, type PlannedChange, type PlanWarning, type ReplaceAction } from '../model/plan.js';
import { channelArnsOf } from '../model/spec.js';
import { ACCOUNT_QUOTA_HINT, describeAccountQuota } from '../load/build-desired.js';

/**
 * A change while the plan is being built: a PlannedChange with a mutable action (a replacement's
 * order may still change) and dependency set, and the raw live composition in place of the plan's
 * reference to it.
 */
export interface ChangeDraft extends Omit<PlannedChange, 'action' | 'live' | 'dependsOn'> {
  action: Action;
  readonly live: LiveComposition | undefined;
  readonly dependsOn: Set<string>;
}

export interface OrderingContext {
  readonly quotas: Quotas;
  /** Every observed composition, managed or not: running ones count toward quotas. */
  readonly live: readonly LiveComposition[];
  /** Running compositions observed only in lists (elsewhere in the account): quota counting only. */
  readonly otherRunning?: readonly Pick<LiveComposition, 'arn' | 'stageArn' | 'state'>[];
  readonly sources: ReadonlyMap<string, SourcePosition>;
  readonly fallbackSource: SourcePosition;
}

interface Scope {
  readonly key: string;
  readonly label: string;
  readonly quota: number;
  readonly kind: 'stage' | 'account';
}

/**
 * How a replacement runs. Stop first when the old composition is FAILED or STOPPING (it may still
 * hold its channel) or a channel is involved (a channel takes one broadcast); otherwise start the
 * new one first (S3 only: no gap in the recording). A tight quota may still turn start-first into
 * stop-first (fitChangesToQuotas).
 */
export function chooseReplacement(before: CompositionView | null, after: CompositionView | null, live: Pick<LiveComposition, 'state'>): ReplaceAction {
  if (live.state === 'FAILED' || live.state === 'STOPPING') return 'replace-stop-first';
  const channels = [...(before ? channelArnsOf(before) : []), ...(after ? channelArnsOf(after) : [])];
  return channels.length > 0 ? 'replace-stop-first' : 'replace-start-first';
}

export function orderChanges(drafts: ChangeDraft[], context: OrderingContext): { drafts: ChangeDraft[]; errors: Diagnostic[]; warnings: PlanWarning[] } {
  const warnings: PlanWarning[] = [];
  const errors: Diagnostic[] = [];
  const sorted = [...drafts].sort((a, b) => compareStrings(a.address, b.address));
  errors.push(...addChannelDependencies(sorted, context));
  errors.push(...fitChangesToQuotas(sorted, context, warnings));
  errors.push(...findCycles(sorted, context));
  return { drafts, errors, warnings };
}

/**
 * A start that needs a channel another composition broadcasts to waits for this plan to stop that
 * one; when nothing in the plan stops it, the start would fail: an error now, not at apply.
 */
function addChannelDependencies(drafts: readonly ChangeDraft[], context: OrderingContext): Diagnostic[] {
  const errors: Diagnostic[] = [];
  const stoppedBy = new Map<string, ChangeDraft>();
  for (const d of drafts) if ((d.action === 'delete' || isReplacement(d.action)) && d.live) stoppedBy.set(d.live.arn, d);
  for (const next of drafts) {
    if ((next.action !== 'create' && !isReplacement(next.action)) || !next.after) continue;
    const wanted = new Set(channelArnsOf(next.after));
    if (wanted.size === 0) continue;
    for (const holder of context.live) {
      if (!isRunningState(holder.state)) continue;
      const channels = channelArnsHeldBy(holder);
      const shared = channels.filter((arn) => wanted.has(arn));
      if (shared.length === 0) continue;
      const stopper = stoppedBy.get(holder.arn);
      if (stopper) {
        if (stopper.address !== next.address) next.dependsOn.add(stopper.address);
        continue;
      }
      const owner = holder.tags[TAG_ADDRESS];
      errors.push({
        ...(context.sources.get(next.address) ?? context.fallbackSource),
        code: 'CHANNEL_IN_USE',
        message: `${next.address} needs channel ${shared[0]}, which composition ${holder.arn}${owner ? ` (${owner})` : ''} broadcasts to and this plan does not stop`,
        hint: 'a channel takes one broadcast: stop that composition or choose another channel',
      });
    }
  }
  return errors;
}

/** The quotas a composition on the stage counts toward: its account and region, and the stage when stageform.yaml sets a per-stage limit. */
function scopesOf(stageArn: string, quotas: Quotas): Scope[] {
  const scopes: Scope[] = [];
  if (quotas.compositionsPerStage !== undefined) {
    scopes.push({ key: `stage ${stageArn}`, label: `stage ${stageArn}`, quota: quotas.compositionsPerStage, kind: 'stage' });
  }
  const parsed = parseIvsArn(stageArn);
  if (parsed) {
    scopes.push({
      key: `account ${parsed.accountId} ${parsed.region}`,
      label: `account ${parsed.accountId} in ${parsed.region}`,
      quota: quotas.compositionsPerAccount,
      kind: 'account',
    });
  }
  return scopes;
}

/** -1 where the change stops a running composition, +1 where it starts one. */
function deltasOf(draft: ChangeDraft, quotas: Quotas): { stop: Map<string, number>; start: Map<string, number> } {
  const stop = new Map<string, number>();
  const start = new Map<string, number>();
  if ((draft.action === 'delete' || isReplacement(draft.action)) && draft.live && isRunningState(draft.live.state)) {
    for (const s of scopesOf(draft.live.stageArn, quotas)) stop.set(s.key, -1);
  }
  if ((draft.action === 'create' || isReplacement(draft.action)) && draft.after) {
    for (const s of scopesOf(draft.after.stageArn, quotas)) start.set(s.key, 1);
  }
  return { stop, start };
}

/**
 * Per scope (stage, account+region): the worst point of any execution is the running count now,
 * plus every start not preceded by a stop it depends on, plus one for each start-first replacement
 * (it briefly holds two). Over the quota: first make starts wait for deletes that free room, then
 * turn start-first replacements into stop-first, and what is left is an error.
 */
function fitChangesToQuotas(drafts: readonly ChangeDraft[], context: OrderingContext, warnings: PlanWarning[]): Diagnostic[] {
  const errors: Diagnostic[] = [];
  const scopes = new Map<string, Scope>();
  const running = new Map<string, number>();
  for (const c of [...context.live, ...(context.otherRunning ?? [])]) {
    if (!isRunningState(c.state)) continue;
    for (const s of scopesOf(c.stageArn, context.quotas)) {
      scopes.set(s.key, s);
      running.set(s.key, (running.get(s.key) ?? 0) + 1);
    }
  }
  // Each change's net effect per scope, computed once; only the scopes a change touches look at it.
  const touching = new Map<string, { draft: ChangeDraft; down: number; up: number }[]>();
  for (const d of drafts) {
    for (const arn of [d.live?.stageArn, d.after?.stageArn]) if (arn) for (const s of scopesOf(arn, context.quotas)) scopes.set(s.key, s);
    const { stop, start } = deltasOf(d, context.quotas);
    for (const key of new Set([...stop.keys(), ...start.keys()])) {
      const list = touching.get(key) ?? [];
      list.push({ draft: d, down: stop.get(key) ?? 0, up: start.get(key) ?? 0 });
      touching.set(key, list);
    }
  }

  const ordered = [...scopes.values()].sort((a, b) => (a.kind === b.kind ? (a.key < b.key ? -1 : 1) : a.kind === 'stage' ? -1 : 1));
  for (const scope of ordered) {
    const consumers: ChangeDraft[] = [];
    const freers: ChangeDraft[] = [];
    const temporary: ChangeDraft[] = [];
    for (const { draft, down, up } of touching.get(scope.key) ?? []) {
      if (down + up > 0) consumers.push(draft);
      else if (down + up < 0) freers.push(draft);
      else if (up > 0 && draft.action === 'replace-start-first') temporary.push(draft);
    }
    const usedFreers = new Set<ChangeDraft>();
    const unpaired: ChangeDraft[] = [];
    for (const c of consumers) {
      const f = freers.find((x) => !usedFreers.has(x) && c.dependsOn.has(x.address));
      if (f) usedFreers.add(f);
      else unpaired.push(c);
    }
    const now = running.get(scope.key) ?? 0;
    const excess = () => now + unpaired.length + temporary.length - scope.quota;
    while (excess() > 0 && unpaired.length > 0) {
      const free = freers.find((x) => !usedFreers.has(x) && x.address !== unpaired[unpaired.length - 1].address);
      if (!free) break;
      const consumer = unpaired.pop() as ChangeDraft;
      usedFreers.add(free);
      consumer.dependsOn.add(free.address);
    }
    while (excess() > 0 && temporary.length > 0) {
      const peak = now + unpaired.length + temporary.length;
      const draft = temporary.shift() as ChangeDraft;
      draft.action = 'replace-stop-first';
      warnings.push({
        code: 'QUOTA_STOP_FIRST',
        address: draft.address,
        message: `the replacement stops first: starting the new composition first would put ${peak} running compositions on ${scope.label}; ${describeScopeQuota(scope)}`,
      });
    }
    if (excess() > 0 && unpaired.length > 0) {
      const planned = unpaired.map((d) => d.address);
      for (const d of unpaired) {
        errors.push({
          ...(context.sources.get(d.address) ?? context.fallbackSource),
          code: 'QUOTA_EXCEEDED',
          message: `starting ${d.address} would put ${now + unpaired.length} running compositions on ${scope.label}; ${describeScopeQuota(scope)} (${now} running now; new: ${planned.join(', ')})`,
          hint:
            scope.kind === 'stage'
              ? 'stop compositions there, remove some from the manifests, or raise quotas.compositionsPerStage in stageform.yaml (AWS documents no per-stage quota)'
              : `stop compositions there or remove some from the manifests; or ${ACCOUNT_QUOTA_HINT}`,
        });
      }
    }
  }
  return errors;
}

function describeScopeQuota(scope: Scope): string {
  return scope.kind === 'stage' ? `quotas.compositionsPerStage in stageform.yaml allows ${scope.quota} per stage` : describeAccountQuota(scope.quota);
}

function findCycles(drafts: readonly ChangeDraft[], context: OrderingContext): Diagnostic[] {
  const edges = new Map<string, Set<string>>();
  for (const d of drafts) {
    const set = edges.get(d.address) ?? new Set<string>();
    for (const dep of d.dependsOn) set.add(dep);
    edges.set(d.address, set);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const errors: Diagnostic[] = [];
  const visit = (address: string, path: string[]): void => {
    if (state.get(address) === 'done') return;
    if (state.get(address) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(address)), address];
      errors.push({
        ...(context.sources.get(address) ?? context.fallbackSource),
        code: 'DEPENDENCY_CYCLE',
        message: `changes wait for each other: ${cycle.join(' -> ')}`,
        hint: 'apply the change in two steps (e.g. first remove the channel from one composition)',
      });
      return;
    }
    state.set(address, 'visiting');
    for (const dep of [...(edges.get(address) ?? [])].sort()) visit(dep, [...path, address]);
    state.set(address, 'done');
  };
  for (const address of [...edges.keys()].sort()) visit(address, []);
  return errors;
}
