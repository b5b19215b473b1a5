// Planning is a pure function: desired + live -> Plan. It reads as numbered steps: index the live
// state, decide each address's action and drift, order the changes (channels, quotas), limit them
// to the targets, and count once.
import type { CompositionState, DestinationState, Tags } from '../model/aws-shapes.js';
import { compareStrings } from '../util/canonical-json.js';
import { isTargeted, matchesTarget } from '../model/target.js';
import type { DesiredComposition, DesiredState } from '../model/desired.js';
import { compareDiagnostics, type Diagnostic, type SourcePosition } from '../model/diagnostics.js';
import { diffCompositions, type CompositionDiff } from './diff.js';
import { isRunningState, isStageIdle, nameLiveDestinations, type LiveComposition, type LiveStage, type LiveState } from '../model/live.js';
import { hashTags, idempotencyTokenFor, isManagedBy, isProtectedByTag, ownershipTags, readOwnership, specTagValue, TAG_ADDRESS, TAG_PROTECT, TAG_SPEC, userTags } from '../model/ownership.js';
import {
  isReplacement,
  PLAN_FORMAT_VERSION,
  type ChangeReason,
  type CompositionView,
  type DriftRecord,
  type Plan,
  type PlannedChange,
  type PlanWarning,
  type ScheduleStatus,
  type TagChanges,
  type UnmanagedRecord,
} from '../model/plan.js';
import { channelArnsOf, normalizeSpec, type CanonicalDestination } from '../model/spec.js';
import { desiredPresence } from '../model/presence.js';
import { formatScheduleInstant, isScheduleOpen, MAX_COMPOSITION_DURATION_MS, nextScheduleTransition, type Schedule } from '../model/schedule.js';
import { summarizePlan } from './summarize-plan.js';
import { chooseReplacement, orderChanges, type ChangeDraft, type OrderingContext } from './plan-order.js';

export interface BuildPlanOptions {
  /** Addresses (or manifest names, meaning every address under them) to limit changes to. */
  readonly targets?: readonly string[];
  /**
   * The service's time (epoch ms) the live state was read at. Given, running compositions that reach
   * the 24-hour limit within `horizonMs` get a MAX_DURATION warning; absent, none is checked.
   */
  readonly now?: number;
  /** How far ahead MAX_DURATION looks (default one hour, `--horizon`). */
  readonly horizonMs?: number;
  /** The regions the plan covers (default desired.regions; the pipeline passes the ones it observed). */
  readonly regions?: readonly string[];
  /** A destroy plan: stop every running composition the project manages, declared or not. */
  readonly destroy?: boolean;
  /** Declared addresses to replace even when they match (--replace). */
  readonly replace?: readonly string[];
  /** Protected addresses this run may stop all the same (--allow-stop). */
  readonly allowStop?: readonly string[];
  /** Declared addresses that may adopt a matching running composition (--adopt), besides those with `adopt: true`. */
  readonly adopt?: readonly string[];
  /** Every declared address may adopt (--adopt-all). */
  readonly adoptAll?: boolean;
  /**
   * A declared stage that does not exist: `error` (default) when the command needs it (plan,
   * apply; with --target only for the targeted stages), `drift` for the drift check, which reports
   * it and goes on with the other stages.
   */
  readonly missingStage?: 'error' | 'drift';
  /** The instant schedules are evaluated at, epoch ms (the pipeline passes its clock, or --at). Default: the system clock. */
  readonly atMs?: number;
}

export const DEFAULT_HORIZON_MS = 3_600_000;
/**
 * A STOPPED composition that ran at least this long stopped at the limit. A minute of slack: the
 * service's own timestamps; an idle stop in the last minute before the limit reads as expired too.
 */
const EXPIRED_AFTER_MS = MAX_COMPOSITION_DURATION_MS - 60_000;

export interface BuildPlanResult {
  readonly plan: Plan;
  /** When not empty the plan must not be applied. Sorted. */
  readonly errors: Diagnostic[];
}

interface LocatedComposition {
  readonly composition: LiveComposition;
  readonly region: string;
}

function isRetained(state: CompositionState): boolean {
  return state === 'STOPPED' || state === 'FAILED';
}

export function buildPlan(desired: DesiredState, live: LiveState, options: BuildPlanOptions = {}): BuildPlanResult {
  const atMs = options.atMs ?? Date.now();
  const errors: Diagnostic[] = [];
  const warnings: PlanWarning[] = [];
  const drift: DriftRecord[] = [];
  const drafts: ChangeDraft[] = [];

  // 1. Index the live state (observe gives attested compositions the desired spec as their view).
  const stages = new Map<string, LiveStage>();
  const all: LocatedComposition[] = [];
  for (const region of live.regions) {
    for (const stage of region.stages) stages.set(stage.arn, stage);
    for (const composition of region.compositions) all.push({ composition, region: region.region });
  }
  const managed = new Map<string, LocatedComposition[]>();
  const unmanaged: UnmanagedRecord[] = [];
  // Running compositions that may be adopted, per stage: no stageform tags, or this project's without an address.
  const adoptable = new Map<string, LocatedComposition[]>();
  for (const located of all) {
    const { composition } = located;
    const ownership = readOwnership(composition.tags);
    if (isManagedBy(composition.tags, desired.project) && ownership?.address) {
      const list = managed.get(ownership.address) ?? [];
      list.push(located);
      managed.set(ownership.address, list);
    } else {
      if (isRunningState(composition.state) && (!ownership || ownership.project === desired.project)) {
        const list = adoptable.get(composition.stageArn) ?? [];
        list.push(located);
        adoptable.set(composition.stageArn, list);
      }
      unmanaged.push(
        dropUndefined({ arn: composition.arn, stageArn: composition.stageArn, state: composition.state, project: ownership?.project, address: ownership?.address }),
      );
    }
  }

  // 2. Each declared address: its action and its drift (a destroy plan declares nothing). A missing
  //    stage is an error only where the command needs it: untargeted stages are left alone, and the
  //    drift check reports it.
  const targets = [...new Set(options.targets ?? [])].sort();
  const declaredAddresses = new Set(desired.compositions.map((c) => c.address));
  const forced = new Set(options.replace ?? []);
  for (const address of [...forced].sort()) {
    if (!declaredAddresses.has(address)) {
      errors.push({
        ...configSource(desired),
        code: 'REPLACE_NOT_FOUND',
        message: `--replace ${address} matches no declared composition`,
        hint: 'pass a full address, <manifest name>/<composition name>, as plan prints it',
      });
    }
  }
  const adoptRequested = new Set(options.adopt ?? []);
  for (const address of [...adoptRequested].sort()) {
    if (!declaredAddresses.has(address)) warnings.push({ code: 'ADOPT_NOT_FOUND', message: `--adopt ${address} matches no declared composition` });
  }
  const adopted = new Set<string>();
  const moves = options.destroy ? new Map<string, ChangeDraft>() : planMoves(desired, managed, warnings);
  const missingStages = new Set<string>();
  for (const want of options.destroy ? [] : desired.compositions) {
    const stage = stages.get(want.stageArn);
    if (!stage) {
      const message = `stage ${want.stageArn} does not exist in region ${want.region}`;
      if (options.missingStage === 'drift') {
        drift.push({ address: want.address, kind: 'stage-missing', detail: `${message}; its compositions cannot run` });
        continue;
      }
      const needed = targets.length === 0 || desired.compositions.some((c) => c.stageArn === want.stageArn && isTargeted(c.address, targets));
      if (needed && !missingStages.has(want.stageArn)) {
        missingStages.add(want.stageArn);
        const declared = desired.stages.find((s) => s.stageArn === want.stageArn);
        errors.push({
          ...(declared?.source ?? want.source),
          code: 'STAGE_NOT_FOUND',
          message,
          hint: 'check the stageArn, the account and the region the credentials point at; other stages can still be planned with --target',
        });
      }
      continue;
    }
    const moved = moves.get(want.address);
    if (moved) {
      drafts.push(moved);
      continue;
    }
    const mine = managed.get(want.address) ?? [];
    const mayAdopt = want.adopt || options.adoptAll === true || adoptRequested.has(want.address);
    if (mayAdopt && !mine.some((l) => isRunningState(l.composition.state))) {
      const draft = planAdoption(desired, want, adoptable.get(want.stageArn) ?? [], adopted, warnings);
      if (draft) {
        drafts.push(draft);
        continue;
      }
    }
    planDeclared(desired, want, stage, mine, forced.has(want.address), drafts, drift, atMs);
  }

  // 3. Managed compositions whose address is no longer declared are stopped (all of them, destroying).
  const declared = options.destroy ? new Set<string>() : declaredAddresses;
  for (const [address, list] of managed) {
    if (declared.has(address)) continue;
    for (const { composition, region } of list.filter((l) => isRunningState(l.composition.state))) {
      drafts.push(deleteDraft(address, composition, region, options.destroy ? 'destroy' : 'removed-from-manifests'));
    }
  }

  // 4. Order (channels handed over, quota room) and limit to the targets.
  const sources = new Map(desired.compositions.map((c) => [c.address, c.source]));
  const ordering: OrderingContext = {
    quotas: desired.quotas,
    live: all.map((l) => l.composition),
    otherRunning: live.regions.flatMap((r) => r.otherRunning ?? []),
    sources,
    fallbackSource: configSource(desired),
    adoptionNotes: new Map(warnings.filter((w) => w.code === 'ADOPT_SPEC_DIFFERS' && w.address).map((w) => [w.address!, w.message])),
  };
  const selected = targets.length > 0 ? limitToTargets(drafts, targets, ordering, warnings) : drafts;
  const ordered = orderChanges(selected, ordering);
  errors.push(...ordered.errors);
  warnings.push(...ordered.warnings);
  errors.push(...findProtectedStops(ordered.drafts, desired, new Set(options.allowStop ?? [])));

  const wanted = new Map(desired.compositions.map((c) => [c.address, c]));
  const changes = ordered.drafts
    .map((d) => withScheduleStatus(toPlannedChange(d, wanted.get(d.address)?.spec.destinations ?? []), wanted.get(d.address)?.schedule, atMs))
    .sort(compareChanges);
  for (const want of desired.compositions) {
    if (want.schedule && isTargeted(want.address, targets)) warnings.push(...longWindowWarnings(want.address, want.schedule));
  }
  for (const change of changes) {
    if ((change.action === 'create' || isReplacement(change.action)) && isStageIdle(stages.get(change.stageArn) ?? {})) {
      warnings.push({
        code: 'IDLE_STAGE',
        address: change.address,
        message: `no participant publishes on stage ${change.stageArn}: IVS stops a composition there about a minute after it starts`,
      });
    }
  }
  if (options.now !== undefined) warnings.push(...findMaxDurationWarnings(ordered.drafts, options.now, options.horizonMs ?? DEFAULT_HORIZON_MS));

  // 5. Count once (an adopted composition is no longer unmanaged).
  const adoptedArns = new Set(changes.filter((c) => c.action === 'adopt').map((c) => c.live?.arn));
  const unmanagedLeft = unmanaged.filter((u) => !adoptedArns.has(u.arn));
  const summary = summarizePlan(changes, drift, unmanagedLeft.length);
  const plan: Plan = {
    formatVersion: PLAN_FORMAT_VERSION,
    project: desired.project,
    regions: [...(options.regions ?? desired.regions)].sort(),
    changes,
    drift: drift.sort((a, b) => compareStrings(a.address, b.address) || compareStrings(a.kind, b.kind) || compareStrings(a.arn ?? '', b.arn ?? '')),
    unmanaged: unmanagedLeft.sort((a, b) => compareStrings(a.arn, b.arn)),
    warnings: dedupeWarnings(warnings),
    summary,
    targets,
    ...(options.destroy ? { destroy: true } : {}),
  };
  return { plan, errors: errors.sort(compareDiagnostics) };
}

/**
 * PROTECTED for each change that would stop a running, protected composition (declared with
 * `protect: true`, or carrying the stageform:protect tag once its manifest is gone) unless the
 * run allows it. Extra duplicates are stopped all the same: the address keeps running.
 */
function findProtectedStops(drafts: readonly ChangeDraft[], desired: DesiredState, allowStop: ReadonlySet<string>): Diagnostic[] {
  const declared = new Map(desired.compositions.map((c) => [c.address, c]));
  const errors: Diagnostic[] = [];
  for (const d of drafts) {
    if (d.action !== 'delete' && !isReplacement(d.action)) continue;
    if (!d.live || !isRunningState(d.live.state) || d.reasons.includes('duplicate') || allowStop.has(d.address)) continue;
    const want = declared.get(d.address);
    if (!want?.protect && !isProtectedByTag(d.live.tags)) continue;
    errors.push({
      ...(want?.source ?? configSource(desired)),
      code: 'PROTECTED',
      message: `\`${d.address}\` is protected and this plan would stop it: ${describeStopCause(d)}`,
      hint: `to stop it in this run, pass --allow-stop ${d.address}; to lift the protection, set protect: false and apply that first`,
    });
  }
  return errors;
}

function describeStopCause(d: ChangeDraft): string {
  if (d.reasons.includes('destroy')) return 'stageform destroy stops it';
  if (d.reasons.includes('removed-from-manifests')) return 'it was removed from the manifests';
  if (d.reasons.includes('replace-requested')) return '--replace asks for a replacement';
  const why = d.replacePaths.length > 0 ? ` (${d.replacePaths.map((p) => p.join('.')).join(', ')} changed)` : d.reasons.includes('degraded') ? ' (a destination failed)' : '';
  return `it must be replaced${why}`;
}

/**
 * The targeted changes and, like Terraform, every change they depend on (found by ordering the
 * whole plan once); the plan says which were pulled in.
 */
function limitToTargets(drafts: readonly ChangeDraft[], targets: readonly string[], ordering: OrderingContext, warnings: PlanWarning[]): ChangeDraft[] {
  // A target that matches nothing never gets here: the pipeline refuses it (check-targets.ts).
  const trial = orderChanges(drafts.map(cloneDraft), ordering);
  const dependencies = new Map<string, string[]>();
  for (const d of trial.drafts) dependencies.set(d.address, [...(dependencies.get(d.address) ?? []), ...d.dependsOn]);
  const wanted = new Set(drafts.filter((d) => targets.some((t) => matchesTarget(d.address, t))).map((d) => d.address));
  const closure = new Set<string>();
  const visit = (address: string): void => {
    if (closure.has(address)) return;
    closure.add(address);
    for (const dep of dependencies.get(address) ?? []) visit(dep);
  };
  for (const address of [...wanted].sort()) visit(address);
  for (const address of [...closure].sort()) {
    if (!wanted.has(address) && drafts.some((d) => d.address === address && d.action !== 'no-op')) {
      warnings.push({ code: 'TARGET_DEPENDENCY', address, message: `${address} is included because a targeted change depends on it` });
    }
  }
  warnings.push({ code: 'TARGETED_PLAN', message: 'changes are limited to --target; other compositions may still differ from the manifests' });
  return drafts.filter((d) => closure.has(d.address));
}

function planDeclared(
  desired: DesiredState,
  want: DesiredComposition,
  stage: LiveStage,
  mine: readonly LocatedComposition[],
  forceReplace: boolean,
  drafts: ChangeDraft[],
  drift: DriftRecord[],
  atMs: number,
): void {
  const after: CompositionView = { stageArn: want.spec.stageArn, layout: want.spec.layout, destinations: want.spec.destinations, tags: { ...want.tags } };
  const idle = isStageIdle(stage);
  const base = {
    address: want.address,
    stageArn: want.stageArn,
    region: want.region,
    after,
    specHash: want.specHash,
    dependsOn: new Set<string>(),
    ...(want.protect ? { protect: true } : {}),
  };
  const running = mine.filter((l) => isRunningState(l.composition.state)).sort((a, b) => comparePrimary(a.composition, b.composition, want.specHash));
  const presence = desiredPresence(want, atMs, !idle);

  // Out of its window an address should not run: a running one is stopped, an absent one (or a
  // stopped or failed one) is as it should be, which is no drift.
  if (!presence.run && presence.reason === 'outside-schedule') {
    for (const { composition, region } of running) drafts.push(deleteDraft(want.address, composition, region, 'outside-schedule'));
    if (running.length === 0) drafts.push({ ...base, action: 'no-op', reasons: [], replacePaths: [], before: null, live: undefined });
    return;
  }

  if (running.length > 0) {
    const [primary, ...extras] = running;
    for (const extra of extras) drafts.push(deleteDraft(want.address, extra.composition, extra.region, 'duplicate'));
    const current = primary.composition;
    const before = viewOfLive(current);
    const diff = diffForLive(current, before, after, want.specHash);
    const failedDestinations = current.destinations.filter((d) => d.state === 'FAILED');
    const troubled = current.destinations.filter((d) => d.state === 'FAILED' || d.state === 'RECONNECTING');
    if (troubled.length > 0) {
      drift.push({
        address: want.address,
        kind: 'degraded',
        arn: current.arn,
        detail: `destination ${describeStates(current, want.spec.destinations, (state) => state === 'FAILED' || state === 'RECONNECTING', (name, state) => `${name} is ${state}`)}`,
      });
    }
    const ownership = readOwnership(current.tags);
    const liveTags = userTags(current.tags);
    if (ownership?.tagsHash !== undefined && hashTags(liveTags) !== ownership.tagsHash) {
      drift.push({ address: want.address, kind: 'tags-changed', arn: current.arn, detail: `user tags were edited outside stageform (${describeTagEdits(liveTags, want.tags)})` });
    }
    const tagsDiffer = diff.changes.some((c) => c.path[0] === 'tags');
    if (diff.impact === 'replace' || failedDestinations.length > 0 || forceReplace) {
      const reasons: ChangeReason[] = [];
      if (diff.impact === 'replace') reasons.push('spec-changed');
      if (failedDestinations.length > 0) reasons.push('degraded');
      if (forceReplace) reasons.push('replace-requested');
      if (tagsDiffer) reasons.push('tags-changed');
      drafts.push({
        ...base,
        action: chooseReplacement(before, after, current),
        reasons,
        replacePaths: diff.replacePaths.map((p) => [...p]),
        before,
        live: current,
        idempotencyToken: idempotencyTokenFor(desired.project, want.address, want.specHash, current.arn),
      });
      return;
    }
    const wantedSpecTag = specTagValue(want.specHash, want.tags);
    const protectDiffers = isProtectedByTag(current.tags) !== want.protect;
    if (tagsDiffer || current.tags[TAG_SPEC] !== wantedSpecTag || protectDiffers) {
      drafts.push({
        ...base,
        action: 'update-tags',
        reasons: ['tags-changed'],
        replacePaths: [],
        before,
        live: current,
        tagChanges: tagChangesFor(liveTags, want.tags, wantedSpecTag, { want: want.protect, live: isProtectedByTag(current.tags) }),
      });
      return;
    }
    drafts.push({ ...base, action: 'no-op', reasons: [], replacePaths: [], before, live: current });
    return;
  }

  // A STOPPING composition is the newest predecessor: a concurrent apply replacing it stop-first
  // starts its successor with a token naming it, and this create must send the same token.
  const retained = mine
    .filter((l) => isRetained(l.composition.state) || l.composition.state === 'STOPPING')
    .sort((a, b) => Number(b.composition.state === 'STOPPING') - Number(a.composition.state === 'STOPPING') || compareNewest(a.composition, b.composition));
  const newest = retained[0]?.composition;
  if (!presence.run) {
    // The stage is idle and whenIdle is skip: nothing starts, but a FAILED composition is still
    // reported: whenIdle decides when to start, never what the check sees.
    if (newest?.state === 'FAILED') {
      drift.push({ address: want.address, kind: 'failed', arn: newest.arn, detail: 'the composition FAILED' + failedDetail(newest, want.spec.destinations) + '; whenIdle: skip starts it again once the stage is live' });
    }
    drafts.push({ ...base, action: 'no-op', reasons: [], replacePaths: [], before: null, live: undefined });
    return;
  }
  const token = idempotencyTokenFor(desired.project, want.address, want.specHash, newest?.arn);
  // A FAILED one is replaced (stopping it is harmless); a STOPPING one (a concurrent stop-first
  // replace, or a stop outside stageform) still holds its channel, so the start waits for it too.
  if (newest && (newest.state === 'FAILED' || newest.state === 'STOPPING')) {
    if (newest.state === 'FAILED') {
      drift.push({ address: want.address, kind: 'failed', arn: newest.arn, detail: 'the composition FAILED' + failedDetail(newest, want.spec.destinations) });
    }
    const before = viewOfLive(newest);
    const diff = diffForLive(newest, before, after, want.specHash);
    const reasons: ChangeReason[] = [newest.state === 'FAILED' ? 'failed' : 'not-running'];
    if (diff.impact === 'replace') reasons.push('spec-changed');
    if (newest.state === 'FAILED' && diff.changes.some((c) => c.path[0] === 'tags')) reasons.push('tags-changed');
    drafts.push({
      ...base,
      action: chooseReplacement(before, after, newest),
      reasons,
      replacePaths: diff.replacePaths.map((p) => [...p]),
      before,
      live: newest,
      idempotencyToken: token,
    });
    return;
  }
  if (newest?.state === 'STOPPED') {
    const kind = hasReachedMaxDuration(newest) ? 'expired' : idle ? 'stopped-idle' : 'stopped';
    drift.push({ address: want.address, kind, arn: newest.arn, detail: STOPPED_DETAIL[kind] });
    drafts.push({ ...base, action: 'create', reasons: [kind], replacePaths: [], before: null, live: undefined, idempotencyToken: token });
    return;
  }
  drafts.push({ ...base, action: 'create', reasons: ['not-running'], replacePaths: [], before: null, live: undefined, idempotencyToken: token });
}

/**
 * The moved: entries that retag in place, by their new address; the composition moved is taken
 * out of `managed` under its old address, so it is not stopped there. An entry moves nothing when
 * nothing runs at `from` (stale: a warning), `from` is still declared, something already runs at
 * `to`, or the configuration differs (a warning naming the fields: destroy and create instead).
 */
function planMoves(desired: DesiredState, managed: Map<string, LocatedComposition[]>, warnings: PlanWarning[]): Map<string, ChangeDraft> {
  const out = new Map<string, ChangeDraft>();
  const declared = new Map(desired.compositions.map((c) => [c.address, c]));
  for (const { from, to } of desired.moves) {
    const want = declared.get(to);
    const running = (managed.get(from) ?? []).filter((l) => isRunningState(l.composition.state));
    if (!want || out.has(to)) continue;
    if (running.length === 0 || declared.has(from)) {
      const why = declared.has(from) ? `${from} is still declared` : `nothing runs at ${from}`;
      warnings.push({ code: 'MOVED_STALE', address: to, message: `moved: ${from} -> ${to} moves nothing (${why}); remove the entry once every environment has applied it` });
      continue;
    }
    if ((managed.get(to) ?? []).some((l) => isRunningState(l.composition.state))) continue;
    const [primary] = [...running].sort((a, b) => comparePrimary(a.composition, b.composition, want.specHash));
    const current = primary.composition;
    const before = viewOfLive(current);
    const after: CompositionView = { stageArn: want.spec.stageArn, layout: want.spec.layout, destinations: want.spec.destinations, tags: { ...want.tags } };
    const spec = diffForLive(current, { ...before, tags: after.tags }, after, want.specHash);
    if (spec.impact === 'replace') {
      const fields = [...new Set(spec.changes.map((c) => c.path.join('.')))].sort().join(', ') || 'its configuration';
      warnings.push({ code: 'MOVED_SPEC_DIFFERS', address: to, message: `moved: ${from} -> ${to} cannot retag in place: ${fields} differs, so ${from} is stopped and ${to} started` });
      continue;
    }
    managed.set(from, (managed.get(from) ?? []).filter((l) => l !== primary));
    const liveTags = userTags(current.tags);
    const tagChanges = tagChangesFor(liveTags, want.tags, specTagValue(want.specHash, want.tags), { want: want.protect, live: isProtectedByTag(current.tags) });
    out.set(to, {
      address: to,
      action: 'move',
      reasons: ['moved'],
      replacePaths: [],
      stageArn: want.stageArn,
      region: primary.region,
      before,
      after,
      specHash: want.specHash,
      live: current,
      movedFrom: from,
      tagChanges: { set: sortObject({ ...tagChanges.set, [TAG_ADDRESS]: to }), remove: tagChanges.remove },
      dependsOn: new Set(),
      ...(want.protect ? { protect: true } : {}),
    });
  }
  return out;
}

/**
 * Adoption of a running composition stageform did not start, on the declared stage, whose
 * configuration equals the desired one (the first by ARN not adopted already). When none matches,
 * a warning names the fields that differ: adopting would need a replacement.
 */
function planAdoption(desired: DesiredState, want: DesiredComposition, candidates: readonly LocatedComposition[], adopted: Set<string>, warnings: PlanWarning[]): ChangeDraft | undefined {
  const after: CompositionView = { stageArn: want.spec.stageArn, layout: want.spec.layout, destinations: want.spec.destinations, tags: { ...want.tags } };
  const differing: string[] = [];
  for (const { composition, region } of [...candidates].sort((a, b) => compareStrings(a.composition.arn, b.composition.arn))) {
    if (adopted.has(composition.arn)) continue;
    const before = viewOfLive(composition);
    const complete = isComplete(composition);
    const spec = diffCompositions({ ...before, tags: after.tags }, after);
    if (!complete || spec.changes.length > 0) {
      const fields = complete ? [...new Set(spec.changes.map((c) => c.path.join('.')))].sort().join(', ') : 'its configuration could not be read';
      differing.push(`${composition.arn} (${fields})`);
      continue;
    }
    adopted.add(composition.arn);
    const liveTags = userTags(composition.tags);
    const set = ownershipTags(desired.project, want.address, want.specHash, want.tags, want.protect);
    for (const key of Object.keys(set)) if (key in liveTags && liveTags[key] === set[key]) delete set[key];
    return {
      address: want.address,
      action: 'adopt',
      reasons: ['unmanaged-match'],
      replacePaths: [],
      stageArn: want.stageArn,
      region,
      before,
      after,
      specHash: want.specHash,
      live: composition,
      tagChanges: { set: sortObject(set), remove: Object.keys(liveTags).filter((k) => !(k in want.tags)).sort() },
      dependsOn: new Set(),
      ...(want.protect ? { protect: true } : {}),
    };
  }
  if (differing.length > 0) {
    warnings.push({
      code: 'ADOPT_SPEC_DIFFERS',
      address: want.address,
      message: `not adopted: ${differing.join('; ')} differs from the manifest; adopting it would need a replacement (change the manifest to match, or stop it and let stageform start its own)`,
    });
  }
  return undefined;
}

const STOPPED_DETAIL = {
  expired: 'IVS stopped the composition at the 24-hour limit',
  'stopped-idle': 'no participant publishes on the stage; IVS stopped the composition',
  stopped: 'the composition was stopped outside stageform while participants published',
} as const;

function hasReachedMaxDuration(c: LiveComposition): boolean {
  if (c.startTime === undefined || c.endTime === undefined) return false;
  return Date.parse(c.endTime) - Date.parse(c.startTime) >= EXPIRED_AFTER_MS;
}

/** Actions that leave the running composition running (adopt and move only retag it). */
const KEEPS_RUNNING: ReadonlySet<string> = new Set(['no-op', 'update-tags', 'adopt', 'move']);

/**
 * MAX_DURATION: each running composition the plan keeps (no-op, tag update, adopt, move) that reaches
 * the 24-hour limit within the horizon, with when.
 */
function findMaxDurationWarnings(drafts: readonly ChangeDraft[], now: number, horizonMs: number): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  for (const d of drafts) {
    if (!KEEPS_RUNNING.has(d.action) || !d.live?.startTime || !isRunningState(d.live.state)) continue;
    const limitAt = Date.parse(d.live.startTime) + MAX_COMPOSITION_DURATION_MS;
    if (!Number.isFinite(limitAt) || limitAt > now + horizonMs) continue;
    warnings.push({
      code: 'MAX_DURATION',
      address: d.address,
      message: `composition ${d.live.arn} reaches the 24-hour limit at ${new Date(limitAt).toISOString()} (${describeIn(limitAt - now)}): IVS stops it then, and the next apply starts a new one`,
    });
  }
  return warnings;
}

function describeIn(ms: number): string {
  if (ms <= 0) return 'now';
  // The service's clock comes to the second (Date header): whole minutes, rounded.
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return minutes < 60 ? `in ${minutes} min` : `in ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The change with where its address's schedule stands at `atMs`; unchanged without a schedule. */
function withScheduleStatus(change: PlannedChange, schedule: Schedule | undefined, atMs: number): PlannedChange {
  if (!schedule) return change;
  const next = nextScheduleTransition(schedule, atMs);
  const status: ScheduleStatus = {
    timezone: schedule.timezone,
    evaluatedAt: new Date(atMs).toISOString(),
    open: isScheduleOpen(schedule, atMs),
    next: next ? { at: new Date(next.atMs).toISOString(), opens: next.opens } : null,
  };
  return { ...change, schedule: status };
}

/** IVS stops a composition after 24 hours: a longer window cannot be served by one composition. */
function longWindowWarnings(address: string, schedule: Schedule): PlanWarning[] {
  return schedule.windows.flatMap((window): PlanWarning[] => {
    const lengthMs = 'cron' in window ? window.durationMs : window.endMs - window.startMs;
    if (lengthMs <= MAX_COMPOSITION_DURATION_MS) return [];
    const which = 'cron' in window ? `the window "${window.cron}"` : `the window from ${formatScheduleInstant(window.startMs, schedule.timezone)}`;
    return [
      {
        code: 'WINDOW_EXCEEDS_MAX_DURATION',
        address,
        message: `${which} stays open ${formatHours(lengthMs)}, longer than the ${formatHours(MAX_COMPOSITION_DURATION_MS)} IVS lets a composition run: IVS stops it at ${formatHours(MAX_COMPOSITION_DURATION_MS)}`,
      },
    ];
  });
}

function formatHours(ms: number): string {
  const hours = ms / 3_600_000;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
}

function deleteDraft(address: string, composition: LiveComposition, region: string, reason: ChangeReason): ChangeDraft {
  return {
    address,
    action: 'delete',
    reasons: [reason],
    replacePaths: [],
    stageArn: composition.stageArn,
    region,
    before: viewOfLive(composition),
    after: null,
    specHash: null,
    live: composition,
    dependsOn: new Set(),
  };
}

/** The live composition in the plan's canonical form (as complete as what was observed). */
export function viewOfLive(composition: LiveComposition): CompositionView {
  const tags = userTags(composition.tags);
  if (composition.canonical) {
    const { stageArn, layout, destinations } = composition.canonical;
    return { stageArn, layout, destinations, tags };
  }
  // Only listed (or built by hand): what there is of it.
  const spec = normalizeSpec({
    stageArn: composition.stageArn,
    layout: composition.layout,
    destinations: composition.destinations.flatMap((d) => (d.configuration ? [d.configuration] : [])),
  });
  return { stageArn: spec.stageArn, layout: spec.layout, destinations: spec.destinations, tags };
}

/** Its whole configuration was read (or attested): it can be compared field by field. */
function isComplete(live: LiveComposition): boolean {
  return live.canonical !== undefined || (live.layout !== undefined && live.destinations.every((d) => d.configuration !== undefined));
}

/** Without GetComposition's configuration only the spec hash in the ownership tag can tell a change. */
function diffForLive(live: LiveComposition, before: CompositionView, after: CompositionView, specHash: string): CompositionDiff {
  if (isComplete(live)) return diffCompositions(before, after);
  const sameSpec = readOwnership(live.tags)?.specHash === specHash;
  const tagsOnly = diffCompositions({ ...after, tags: before.tags }, after);
  if (sameSpec) return tagsOnly;
  return { changes: tagsOnly.changes, impact: 'replace', replacePaths: [] };
}

/** `live`: its user tags. The stageform:protect tag follows the manifest: set when protected, removed when no longer. */
function tagChangesFor(live: Tags, want: Tags, specTag: string, protect: { want: boolean; live: boolean }): TagChanges {
  const set: Tags = {};
  for (const key of Object.keys(want).sort()) if (live[key] !== want[key]) set[key] = want[key];
  set[TAG_SPEC] = specTag;
  if (protect.want && !protect.live) set[TAG_PROTECT] = 'true';
  const remove = Object.keys(live).filter((k) => !(k in want));
  if (protect.live && !protect.want) remove.push(TAG_PROTECT);
  return { set: sortObject(set), remove: remove.sort() };
}

function describeTagEdits(live: Tags, want: Tags): string {
  const keys = [...new Set([...Object.keys(live), ...Object.keys(want)])].sort();
  const parts = keys.flatMap((k) => {
    if (!(k in want)) return [`${k} added`];
    if (!(k in live)) return [`${k} removed`];
    return live[k] !== want[k] ? [`${k} changed`] : [];
  });
  return parts.length > 0 ? parts.join(', ') : 'they match the manifests again';
}

function failedDetail(c: LiveComposition, desired: readonly CanonicalDestination[]): string {
  const failed = describeStates(c, desired, (state) => state === 'FAILED', (name) => name);
  return failed !== '' ? ` (destination ${failed} FAILED)` : '';
}

/** The destinations in the states picked, by their manifest names, each worded by `word`, joined with commas. */
function describeStates(
  c: LiveComposition,
  desired: readonly CanonicalDestination[],
  pick: (state: DestinationState) => boolean,
  word: (name: string, state: DestinationState) => string,
): string {
  const names = nameLiveDestinations(c, desired);
  return c.destinations.flatMap((d, i) => (pick(d.state) ? [word(names[i], d.state)] : [])).join(', ');
}

/** The composition an address keeps when several run: the one already on the desired spec, ACTIVE, newest. */
function comparePrimary(a: LiveComposition, b: LiveComposition, specHash: string): number {
  const onSpec = (c: LiveComposition): number => (readOwnership(c.tags)?.specHash === specHash ? 0 : 1);
  const active = (c: LiveComposition): number => (c.state === 'ACTIVE' ? 0 : 1);
  return onSpec(a) - onSpec(b) || active(a) - active(b) || compareStrings(b.startTime ?? '', a.startTime ?? '') || compareStrings(a.arn, b.arn);
}

function compareNewest(a: LiveComposition, b: LiveComposition): number {
  return compareStrings(b.endTime ?? b.startTime ?? '', a.endTime ?? a.startTime ?? '') || compareStrings(a.arn, b.arn);
}

/** `named`: the address's desired destinations (none when it is no longer declared), to name the live ones. */
function toPlannedChange(d: ChangeDraft, named: readonly CanonicalDestination[]): PlannedChange {
  return dropUndefined({
    address: d.address,
    action: d.action,
    reasons: [...d.reasons],
    replacePaths: d.replacePaths,
    stageArn: d.stageArn,
    region: d.region,
    before: d.before,
    after: d.after,
    specHash: d.specHash,
    live: d.live
      ? dropUndefined({
          arn: d.live.arn,
          state: d.live.state,
          destinationStates: d.live.destinations.map((x) => x.state),
          destinationNames: nameLiveDestinations(d.live, named),
          specHash: readOwnership(d.live.tags)?.specHash,
        })
      : null,
    tagChanges: d.tagChanges,
    dependsOn: [...d.dependsOn].sort(),
    idempotencyToken: d.idempotencyToken,
    movedFrom: d.movedFrom,
    protect: d.protect,
  }) as PlannedChange;
}

function cloneDraft(d: ChangeDraft): ChangeDraft {
  return { ...d, dependsOn: new Set(d.dependsOn) };
}

function compareChanges(a: PlannedChange, b: PlannedChange): number {
  return compareStrings(a.address, b.address) || compareStrings(a.live?.arn ?? '', b.live?.arn ?? '');
}

function dedupeWarnings(warnings: PlanWarning[]): PlanWarning[] {
  const seen = new Set<string>();
  return warnings
    .filter((w) => {
      const key = `${w.code}\n${w.address ?? ''}\n${w.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => compareStrings(a.address ?? '', b.address ?? '') || compareStrings(a.code, b.code) || compareStrings(a.message, b.message));
}

function configSource(desired: DesiredState): SourcePosition {
  return { file: desired.configFile, line: 1, column: 1 };
}

function sortObject<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]])) as T;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
