// Executes a Plan: starts, stops and retags compositions until live matches it. No output here:
// progress goes to a callback and the result is plain data (rendered by core/render/apply-result.ts).
//
// Safety, step by step:
//   1. A change runs only when every change it depends on succeeded; otherwise it is skipped.
//   2. Every stop re-reads the composition first and refuses one without this project's ownership
//      tags for the expected address. Not-found counts as stopped.
//   3. Every start re-lists the stage first: a running composition for the address with the same
//      spec is adopted (a concurrent or crashed apply already started it), one with another spec
//      fails the change. StartComposition carries the plan's deterministic idempotency token, so
//      two requests racing past the check still give one composition.
//   4. stop-first waits for STOPPED before starting (a channel takes one broadcast); start-first
//      waits for ACTIVE before stopping the old one (no gap). --no-wait skips only the waits that
//      safety does not need: ACTIVE at the end of a create or stop-first replace, STOPPED at the
//      end of a delete nothing depends on.
//   5. A stop-first replacement is one unit: once StopComposition is sent, an interrupt no longer
//      abandons the start. If the start fails after the stop, the previous spec is started again
//      (rollback) and the time the address had no composition is reported.
//   6. A start answered with a composition that is not new (the API remembered the token of an
//      ended one) is retried with a token derived from that composition's ARN, a few times.
//   7. After the wait, every destination's state is read: FAILED fails the change, RECONNECTING
//      marks it degraded. A start that is not running is never reported as started.
//   8. With waiting on, apply ends when ListCompositions shows what it did (listing-lag.ts): the
//      listing may lag behind a start or stop, and a plan or drift check right after an apply
//      must not see a composition missing that apply knows it started.
import { randomUUID } from 'node:crypto';
import type { CompositionState } from '../model/aws-shapes.js';
import { compareStrings } from '../util/canonical-json.js';
import { iteratePages } from '../util/pages.js';
import { sleepFor } from '../util/sleep.js';
import { assertNever } from '../model/diagnostics.js';
import { ApiError, isNotFound, type IvsApi, type StartCompositionInput } from '../ivs/ivs-api.js';
import { parseIvsArn } from '../util/arn.js';
import { isRunningState, nameLiveDestinations, type LiveComposition } from '../model/live.js';
import { idempotencyTokenFor, ownershipTags, readOwnership, specTagValue, TAG_PREFIX, TAG_SPEC } from '../model/ownership.js';
import { isReplacement, type CompositionView, type Plan, type PlannedChange, type TagChanges } from '../model/plan.js';
import {
  apiErrorName,
  type AppliedAction,
  type ApplyActionResult,
  type ApplyError,
  type ApplyErrorCode,
  type ApplyEvent,
  type ApplyOutcome,
  type ApplyResult,
  type ApplyRollback,
  type ApplyStep,
  type ApplySummary,
} from '../model/apply-result.js';
import { channelArnsOf, toDestinationConfiguration, toLayoutConfiguration, type CanonicalDestination } from '../model/spec.js';
import { waitUntilListed } from './listing-lag.js';

/** Polls start at the first interval and double up to the second: a start is often quick, a stuck one is not polled hard. */
export const FIRST_POLL_INTERVAL_MS = 100;
export const DEFAULT_POLL_INTERVAL_MS = 500;
/** StartComposition requests per start when the API keeps answering with ended compositions (remembered tokens). */
export const MAX_START_ATTEMPTS = 5;
/** Derived tokens carry the minute: restarts minutes apart never walk a chain of remembered tokens. */
const TOKEN_TIME_BUCKET_MS = 60_000;

export interface ApplyOptions {
  /** Changes in flight at once. */
  readonly parallelism: number;
  /** Wait for ACTIVE after the last start of a change (waits safety needs always happen). */
  readonly wait: boolean;
  readonly waitTimeoutMs: number;
  /** The longest pause between two GetComposition polls (default 500 ms); polls start at 100 ms and double. */
  readonly pollIntervalMs?: number;
  /** Aborted: start nothing new, finish the calls in flight, stop waiting. */
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly onEvent?: (event: ApplyEvent) => void;
}

/** A failure of one change, carried as a value into its result. */
class ChangeFailure extends Error {
  readonly code: ApplyErrorCode;
  constructor(code: ApplyErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

interface Job {
  readonly index: number;
  readonly change: PlannedChange & { action: AppliedAction };
  /** Indexes of the jobs this one waits for. */
  deps: number[];
  /** Someone waits for this job (a delete must then wait for STOPPED). */
  hasDependants: boolean;
  result?: ApplyActionResult;
}

export async function applyPlan(plan: Plan, apiFor: (region: string) => IvsApi, options: ApplyOptions): Promise<ApplyResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const emit = options.onEvent ?? (() => {});
  const began = now();

  const jobs = buildJobs(plan);
  // ARNs the plan stops, per address: not "another composition for the address" at start.
  const leaving = new Map<string, Set<string>>();
  for (const job of jobs) {
    if (job.change.live && (job.change.action === 'delete' || isReplacement(job.change.action))) {
      const set = leaving.get(job.change.address) ?? new Set<string>();
      set.add(job.change.live.arn);
      leaving.set(job.change.address, set);
    }
  }

  const ctx: RunContext = { plan, apiFor, options, signal: options.signal, now, sleep, pollIntervalMs, emit, leaving, began };
  const inFlight = new Map<number, Promise<void>>();
  const parallelism = Math.max(1, options.parallelism);

  const finish = (job: Job, result: ApplyActionResult): void => {
    job.result = result;
    emit({ kind: 'end', result });
  };

  for (;;) {
    // Skip what can no longer run: a dependency did not succeed, or we were interrupted.
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const job of jobs) {
        if (job.result || inFlight.has(job.index)) continue;
        const blocker = job.deps.map((d) => jobs[d]).find((d) => d.result && !succeeded(d.result));
        if (blocker) {
          finish(job, skippedResult(job, blocker.change.address));
          progressed = true;
        } else if (options.signal?.aborted) {
          finish(job, skippedResult(job, 'interrupted'));
          progressed = true;
        }
      }
    }
    const ready = jobs.filter((j) => !j.result && !inFlight.has(j.index) && j.deps.every((d) => jobs[d].result && succeeded(jobs[d].result!)));
    for (const job of ready) {
      if (inFlight.size >= parallelism) break;
      const run = runJob(ctx, job).then((result) => {
        finish(job, result);
        inFlight.delete(job.index);
      });
      inFlight.set(job.index, run);
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight.values());
  }

  const results = jobs
    .map((j) => j.result ?? skippedResult(j, 'interrupted'))
    .sort((a, b) => compareStrings(a.address, b.address) || compareStrings(a.action, b.action));
  const summary = summarize(results);
  const listed = options.wait && !options.signal?.aborted ? await waitUntilListed(results, apiFor, { ...ctx, timeoutMs: options.waitTimeoutMs }) : true;
  return {
    project: plan.project,
    results,
    summary,
    ...(listed ? {} : { listingBehind: true as const }),
    interrupted: options.signal?.aborted === true,
    complete: summary.failed === 0 && summary.skipped === 0 && results.every((r) => !r.unhealthyDestinations?.length),
    durationMs: now() - began,
  };
}

function buildJobs(plan: Plan): Job[] {
  const changes = plan.changes.filter((c): c is PlannedChange & { action: AppliedAction } => c.action !== 'no-op');
  const jobs: Job[] = changes.map((change, index) => ({ index, change, deps: [], hasDependants: false }));
  for (const job of jobs) {
    // An address may carry more than one change (duplicates being deleted): depend on all of them.
    const deps = jobs.filter((other) => other !== job && job.change.dependsOn.includes(other.change.address)).map((o) => o.index);
    job.deps = deps;
    for (const d of deps) jobs[d].hasDependants = true;
  }
  // A cycle would never run; the planner must not make one, but do not hang if it did.
  breakCycles(jobs);
  return jobs;
}

function breakCycles(jobs: Job[]): void {
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (job: Job): void => {
    state.set(job.index, 'visiting');
    job.deps = job.deps.filter((d) => {
      const s = state.get(d);
      if (s === 'visiting') return false;
      if (s === undefined) visit(jobs[d]);
      return true;
    });
    state.set(job.index, 'done');
  };
  for (const job of jobs) if (!state.has(job.index)) visit(job);
}

function succeeded(result: ApplyActionResult): boolean {
  return result.outcome !== 'failed' && result.outcome !== 'skipped';
}

function skippedResult(job: Job, because: string): ApplyActionResult {
  const { change } = job;
  return { address: change.address, action: change.action, outcome: 'skipped', region: change.region, stageArn: change.stageArn, skippedBecause: because, durationMs: 0 };
}

function summarize(results: readonly ApplyActionResult[]): ApplySummary {
  let added = 0, changed = 0, destroyed = 0, failed = 0, skipped = 0;
  for (const r of results) {
    switch (r.outcome) {
      case 'started': added++; break;
      case 'stopped': destroyed++; break;
      case 'replaced': added++; destroyed++; break;
      case 'tagged': changed++; break;
      case 'failed': failed++; break;
      case 'skipped': skipped++; break;
      default: assertNever(r.outcome, 'outcome');
    }
  }
  return { added, changed, destroyed, failed, skipped };
}

interface RunContext {
  readonly plan: Plan;
  readonly apiFor: (region: string) => IvsApi;
  readonly options: ApplyOptions;
  /** The interrupt this step honours: undefined inside a stop-first replacement once the stop was sent. */
  readonly signal?: AbortSignal;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly pollIntervalMs: number;
  readonly emit: (event: ApplyEvent) => void;
  readonly leaving: ReadonlyMap<string, ReadonlySet<string>>;
  /** When the apply began (this machine's clock). */
  readonly began: number;
}

/** What a change did so far: kept when it fails halfway, so the result says what happened. */
interface ChangeProgress {
  arn?: string;
  stoppedArn?: string;
  adopted?: boolean;
  state?: CompositionState;
  /** When StopComposition was sent, and whether what it stopped was running (a rollback restores only that). */
  stopSentAt?: number;
  stoppedRunning?: boolean;
  rollback?: ApplyRollback;
  unhealthyDestinations?: { name: string; state: string }[];
}

async function runJob(ctx: RunContext, job: Job): Promise<ApplyActionResult> {
  const { change } = job;
  const began = ctx.now();
  // Starts go to the desired stage's region; stops and tags to the live composition's own, which
  // differs when a manifest moved the address to a stage in another region. The ARN is where that
  // region is recorded (a plan field would copy it, and 1.4 saved plans would still need this).
  const api = ctx.apiFor(change.region);
  const liveRegion = change.live ? parseIvsArn(change.live.arn)?.region : undefined;
  const liveApi = liveRegion && liveRegion !== change.region ? ctx.apiFor(liveRegion) : api;
  const progress: ChangeProgress = {};
  const step = (s: ApplyStep, arn?: string): void => ctx.emit({ kind: 'step', address: change.address, step: s, arn, elapsedMs: ctx.now() - began });
  ctx.emit({ kind: 'begin', address: change.address, action: change.action });
  const base = { address: change.address, action: change.action, region: change.region, stageArn: change.stageArn };
  try {
    let outcome: ApplyOutcome;
    switch (change.action) {
      case 'create':
        await startAndWait(ctx, api, change, progress, step, ctx.options.wait ? 'final' : 'none');
        outcome = 'started';
        break;
      case 'delete':
        await stopOwned(ctx, liveApi, change, progress, step, job.hasDependants ? 'required' : ctx.options.wait ? 'final' : 'none');
        outcome = 'stopped';
        break;
      case 'replace-start-first':
        await startAndWait(ctx, api, change, progress, step, 'required');
        await stopOwned(ctx, liveApi, change, progress, step, job.hasDependants ? 'required' : ctx.options.wait ? 'final' : 'none');
        outcome = 'replaced';
        break;
      case 'replace-stop-first':
        await replaceStopFirst(ctx, api, liveApi, change, progress, step);
        outcome = 'replaced';
        break;
      case 'update-tags':
        await retag(ctx, liveApi, change, progress, step);
        outcome = 'tagged';
        break;
      case 'adopt':
        await adopt(ctx, liveApi, change, progress, step);
        outcome = 'tagged';
        break;
      case 'move':
        await move(ctx, liveApi, change, progress, step);
        outcome = 'tagged';
        break;
      default:
        return assertNever(change.action, 'action');
    }
    return { ...base, outcome, ...progress, durationMs: ctx.now() - began };
  } catch (error) {
    return { ...base, outcome: 'failed', ...progress, error: toApplyError(error), durationMs: ctx.now() - began };
  }
}

/**
 * Stop, wait for STOPPED, start: one unit. Once StopComposition has been sent the interrupt is not
 * honoured until the start was sent (a channel left dark is worse than a late exit); the final
 * wait for ACTIVE honours it again. A start that fails after the stop puts the previous spec back.
 */
async function replaceStopFirst(ctx: RunContext, api: IvsApi, liveApi: IvsApi, change: PlannedChange, progress: ChangeProgress, step: StepFn): Promise<void> {
  if (ctx.signal?.aborted) throw new ChangeFailure('Interrupted', 'interrupted before the old composition was stopped');
  const unit: RunContext = { ...ctx, signal: undefined };
  await stopOwned(unit, liveApi, change, progress, step, 'required', ctx.signal);
  try {
    await startAndWait(unit, api, change, progress, step, ctx.options.wait ? 'final' : 'none', ctx);
  } catch (error) {
    if (progress.stopSentAt !== undefined && progress.stoppedRunning && callsForRollback(error)) {
      progress.rollback = await rollBack(unit, api, change, progress.stopSentAt, step, progress.arn);
    }
    throw error;
  }
}

/**
 * Whether the new composition is certainly not running, so that starting the previous spec cannot
 * make two: the start was refused, or what it started failed or stopped. A wait that timed out or
 * was interrupted may still end ACTIVE; another spec running for the address is someone else's.
 */
function callsForRollback(error: unknown): boolean {
  if (error instanceof ChangeFailure) return error.code === 'CompositionFailed' || error.code === 'CompositionStopped' || error.code === 'StaleIdempotencyToken';
  return error instanceof ApiError;
}

/** Starts the previous spec again after a failed replacement, with a token of its own, and waits for ACTIVE. */
async function rollBack(ctx: RunContext, api: IvsApi, change: PlannedChange, stopSentAt: number, step: StepFn, failedArn: string | undefined): Promise<ApplyRollback> {
  const channelArns = change.before ? channelArnsOf(change.before) : [];
  step('rolling-back', failedArn);
  const previousHash = change.live?.specHash;
  try {
    if (!change.before || change.before.destinations.length === 0 || !previousHash || !change.live) {
      throw new ChangeFailure('RollbackFailed', 'the plan does not hold the previous spec (its configuration was not read), so it cannot be started again');
    }
    const previous: PlannedChange = {
      ...change,
      after: change.before,
      specHash: previousHash,
      idempotencyToken: idempotencyTokenFor(ctx.plan.project, change.address, previousHash, `rollback:${change.live.arn}`),
    };
    const restored: ChangeProgress = {};
    await startAndWait(ctx, api, previous, restored, () => {}, 'required');
    return { outcome: 'rolled-back', arn: restored.arn, channelArns, outageMs: ctx.now() - stopSentAt };
  } catch (error) {
    return { outcome: 'failed', error: toApplyError(error), channelArns, outageMs: ctx.now() - stopSentAt };
  }
}

function toApplyError(error: unknown): ApplyError {
  if (error instanceof ChangeFailure) return { code: error.code, message: error.message };
  if (error instanceof ApiError) return { code: apiErrorName(error.code), message: error.message };
  return { code: 'InternalError', message: error instanceof Error ? error.message : String(error) };
}

type StepFn = (step: ApplyStep, arn?: string) => void;

/** none: do not wait; final: wait, but an interruption ends the wait without failing; required: the next step needs it. */
type WaitMode = 'none' | 'final' | 'required';

function isInterruption(error: unknown): boolean {
  return error instanceof ChangeFailure && error.code === 'Interrupted';
}

/** Stops the plan's live composition after confirming it is ours; not-found and already-ended count as stopped. */
async function stopOwned(ctx: RunContext, api: IvsApi, change: PlannedChange, progress: ChangeProgress, step: StepFn, wait: WaitMode, interrupt?: AbortSignal): Promise<void> {
  const arn = change.live?.arn;
  if (!arn) throw new ChangeFailure('InternalError', `the plan names no live composition to stop for ${change.address}`);
  let current: LiveComposition;
  try {
    current = await api.getComposition(arn);
  } catch (error) {
    if (isNotFound(error)) {
      progress.stoppedArn = arn;
      return;
    }
    throw error;
  }
  assertOwned(ctx.plan.project, change.address, current, 'stop');
  progress.stoppedArn = arn;
  if (current.state === 'STOPPED' || current.state === 'FAILED') return;
  if (current.state !== 'STOPPING') {
    // The last moment an interrupt can still leave the old composition running.
    if (interrupt?.aborted) throw new ChangeFailure('Interrupted', `interrupted before ${arn} was stopped`);
    step('stopping', arn);
    progress.stopSentAt = ctx.now();
    progress.stoppedRunning = isRunningState(current.state);
    try {
      await api.stopComposition(arn);
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
  }
  if (wait !== 'none') {
    step('waiting-stopped', arn);
    try {
      await waitForState(ctx, api, arn, 'STOPPED');
    } catch (error) {
      if (!(wait === 'final' && isInterruption(error))) throw error;
    }
  }
  step('stopped', arn);
}

function assertOwned(project: string, address: string, composition: LiveComposition, verb: 'stop' | 'tag'): void {
  const owner = readOwnership(composition.tags);
  if (owner?.project === project && owner.address === address) return;
  const actual = owner ? `it belongs to ${owner.project}${owner.address ? ` (${owner.address})` : ''}` : 'it carries no stageform ownership tags';
  throw new ChangeFailure('NotOwned', `refused to ${verb} ${composition.arn}: ${actual}, not ${project} (${address})`);
}

/**
 * Starts the change's spec (or adopts one already running with it) and waits as told. `waitCtx`:
 * whose interrupt the final wait honours (a stop-first replacement shields only up to the start).
 */
async function startAndWait(
  ctx: RunContext,
  api: IvsApi,
  change: PlannedChange,
  progress: ChangeProgress,
  step: StepFn,
  wait: WaitMode,
  waitCtx: RunContext = ctx,
): Promise<void> {
  if (!change.after || !change.specHash || !change.idempotencyToken) {
    throw new ChangeFailure('InternalError', `the plan has no desired spec or idempotency token for ${change.address}`);
  }
  if (ctx.signal?.aborted) throw new ChangeFailure('Interrupted', 'interrupted before the new composition was started');
  const running = await findRunning(ctx, api, change);
  let current: Pick<LiveComposition, 'arn' | 'state' | 'destinations'>;
  if (running) {
    current = running;
    progress.adopted = true;
    step('adopted', running.arn);
  } else {
    step('starting');
    current = await startNew(ctx, api, change, change.specHash, change.after);
  }
  progress.arn = current.arn;
  progress.state = current.state;
  if (wait !== 'none' && current.state !== 'ACTIVE') {
    step('waiting-active', current.arn);
    try {
      current = await waitForState(waitCtx, api, current.arn, 'ACTIVE', change.after.destinations);
      progress.state = current.state;
    } catch (error) {
      if (!(wait === 'final' && isInterruption(error))) throw error;
    }
  }
  if (wait !== 'none' && current.state === 'ACTIVE') checkDestinations(change, current, progress);
  if (!running) step('started', current.arn);
}

/**
 * StartComposition, trusting only a new composition. The API may remember a token for longer than
 * the listings show an ended composition (AWS documents no expiry) and answer with that old one:
 * then start again with a token derived from its ARN and the current minute, which two concurrent
 * applies derive alike. Each restart of the address within one minute (only fast test cycles do
 * that) adds a link to that chain; past a few links the last try uses a token of this apply's own.
 */
async function startNew(ctx: RunContext, api: IvsApi, change: PlannedChange, specHash: string, after: CompositionView): Promise<LiveComposition> {
  let token = change.idempotencyToken!;
  const seen: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const started = await api.startComposition(toStartInput(ctx.plan.project, change.address, specHash, token, after, change.protect === true));
    const staleBecause = await whyNotNew(ctx, api, started);
    if (!staleBecause) {
      if (started.state === 'FAILED') throw new ChangeFailure('CompositionFailed', `${started.arn} is FAILED as it starts${describeDestinations(started, after.destinations)}`);
      if (started.state === 'STOPPED' || started.state === 'STOPPING') {
        throw new ChangeFailure('CompositionStopped', `${started.arn} is ${started.state} as it starts${describeDestinations(started, after.destinations)}`);
      }
      return started;
    }
    seen.push(`${started.arn} (${staleBecause})`);
    if (attempt >= MAX_START_ATTEMPTS) {
      throw new ChangeFailure(
        'StaleIdempotencyToken',
        `StartComposition answered ${attempt} times with a composition that is not new: ${seen.join('; ')}; nothing was started. Run stageform apply again`,
      );
    }
    const lastTry = attempt === MAX_START_ATTEMPTS - 1;
    const salt = lastTry ? randomUUID() : String(Math.floor(ctx.now() / TOKEN_TIME_BUCKET_MS));
    token = idempotencyTokenFor(ctx.plan.project, change.address, specHash, `${started.arn}@${salt}`);
  }
}

/**
 * Why a composition StartComposition returned is an old one, or undefined when it is new. Only an
 * ended one can be old: a running one with this token is this address's, on this spec (adopted).
 * It is old when it started before this apply began, or is no longer found.
 */
async function whyNotNew(ctx: RunContext, api: IvsApi, started: LiveComposition): Promise<string | undefined> {
  if (started.state !== 'STOPPED' && started.state !== 'STOPPING' && started.state !== 'FAILED') return undefined;
  const startedAt = started.startTime ? Date.parse(started.startTime) : NaN;
  if (!Number.isNaN(startedAt) && startedAt < ctx.began) return `${started.state}, started ${started.startTime}, before this apply began`;
  try {
    await api.getComposition(started.arn);
  } catch (error) {
    if (isNotFound(error)) return `${started.state}, no longer found`;
    throw error;
  }
  return undefined;
}

/** FAILED destinations fail the change; RECONNECTING ones mark it degraded. Named as in the manifests. */
function checkDestinations(change: PlannedChange, composition: Pick<LiveComposition, 'destinations'>, progress: ChangeProgress): void {
  const names = nameLiveDestinations(composition, change.after?.destinations ?? []);
  const unhealthy = composition.destinations.flatMap((d, i) => (d.state === 'FAILED' || d.state === 'RECONNECTING' ? [{ name: names[i], state: d.state }] : []));
  if (unhealthy.length === 0) return;
  progress.unhealthyDestinations = unhealthy;
  const failed = unhealthy.filter((d) => d.state === 'FAILED');
  if (failed.length > 0) {
    throw new ChangeFailure(
      'DestinationUnhealthy',
      `${progress.arn} is ACTIVE but ${unhealthy.map((d) => `destination ${d.name} is ${d.state}`).join(', ')}`,
    );
  }
}

/** A running composition already serving this address with this spec, or a failure when another spec runs there. */
async function findRunning(ctx: RunContext, api: IvsApi, change: PlannedChange): Promise<Pick<LiveComposition, 'arn' | 'state' | 'destinations'> | undefined> {
  const leaving = ctx.leaving.get(change.address) ?? new Set<string>();
  const matches: (Pick<LiveComposition, 'arn' | 'state' | 'destinations'> & { specHash?: string })[] = [];
  for await (const page of iteratePages((nextToken) => api.listCompositions({ filterByStageArn: change.stageArn, nextToken }))) {
    for (const c of page.items) {
      if (!isRunningState(c.state)) continue;
      if (leaving.has(c.arn)) continue;
      const owner = readOwnership(c.tags);
      if (owner?.project !== ctx.plan.project || owner.address !== change.address) continue;
      matches.push({ arn: c.arn, state: c.state, destinations: c.destinations, specHash: owner.specHash });
    }
  }
  const same = matches.find((m) => m.specHash === change.specHash);
  if (same) return same;
  const other = matches[0];
  if (other) {
    throw new ChangeFailure(
      'ConcurrentChange',
      `${other.arn} already runs for ${change.address} with another spec; another apply may be converging it. Run plan again`,
    );
  }
  return undefined;
}

async function retag(ctx: RunContext, api: IvsApi, change: PlannedChange, progress: ChangeProgress, step: StepFn): Promise<void> {
  const arn = change.live?.arn;
  if (!arn || !change.after || !change.specHash) throw new ChangeFailure('InternalError', `the plan has no live composition or desired tags for ${change.address}`);
  assertOwned(ctx.plan.project, change.address, await api.getComposition(arn), 'tag');
  await writeTags(api, arn, change.tagChanges ?? { set: {}, remove: [] }, change.specHash, change.after, progress, step);
}

/** The tag changes, ending with `stageform:spec` for this spec and user tags. */
async function writeTags(api: IvsApi, arn: string, changes: TagChanges, specHash: string, after: CompositionView, progress: ChangeProgress, step: StepFn): Promise<void> {
  progress.arn = arn;
  step('tagging', arn);
  // Removals first (room under the 50-tag limit when keys are renamed), `stageform:spec` last. The
  // spec tag first loses its tags hash (written with the ownership tags, so an adopted or moved
  // composition is never half-owned), so a failure halfway leaves the next plan seeing a tag
  // change to finish, not user tags edited outside stageform.
  const { [TAG_SPEC]: _spec, ...rest } = changes.set;
  const ownership = Object.fromEntries(Object.entries(rest).filter(([k]) => k.startsWith(TAG_PREFIX)));
  const userSet = Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith(TAG_PREFIX)));
  await api.tagResource(arn, { ...ownership, [TAG_SPEC]: specHash });
  if (changes.remove.length > 0) await api.untagResource(arn, changes.remove);
  if (Object.keys(userSet).length > 0) await api.tagResource(arn, userSet);
  await api.tagResource(arn, { [TAG_SPEC]: specTagValue(specHash, after.tags) });
  step('tagged', arn);
}

/**
 * Writes the ownership tags on a composition stageform did not start: only while it still carries
 * none (or this project's without an address) and still runs; another project's is never taken.
 */
async function adopt(ctx: RunContext, api: IvsApi, change: PlannedChange, progress: ChangeProgress, step: StepFn): Promise<void> {
  const arn = change.live?.arn;
  if (!arn || !change.tagChanges || !change.specHash || !change.after) throw new ChangeFailure('InternalError', `the plan has no live composition or tags to adopt for ${change.address}`);
  const current = await api.getComposition(arn);
  const owner = readOwnership(current.tags);
  if (owner && (owner.project !== ctx.plan.project || owner.address !== undefined)) {
    throw new ChangeFailure('NotOwned', `refused to adopt ${arn}: it belongs to ${owner.project}${owner.address ? ` (${owner.address})` : ''}`);
  }
  if (!isRunningState(current.state)) throw new ChangeFailure('CompositionStopped', `${arn} is ${current.state}; run plan again`);
  progress.adopted = true;
  await writeTags(api, arn, change.tagChanges, change.specHash, change.after, progress, step);
}

/** Rewrites the address of a composition this project started under its old address (a moved: entry). */
async function move(ctx: RunContext, api: IvsApi, change: PlannedChange, progress: ChangeProgress, step: StepFn): Promise<void> {
  const arn = change.live?.arn;
  if (!arn || !change.tagChanges || !change.movedFrom || !change.specHash || !change.after) throw new ChangeFailure('InternalError', `the plan has no live composition or old address to move for ${change.address}`);
  assertOwned(ctx.plan.project, change.movedFrom, await api.getComposition(arn), 'tag');
  await writeTags(api, arn, change.tagChanges, change.specHash, change.after, progress, step);
}

/** Polls GetComposition until the wanted state; FAILED (or STOPPED while waiting for ACTIVE) fails the change. */
/** `desired`: the destinations the manifest names, to name the live ones in a failure. */
async function waitForState(
  ctx: RunContext,
  api: IvsApi,
  arn: string,
  wanted: 'ACTIVE' | 'STOPPED',
  desired: readonly CanonicalDestination[] = [],
): Promise<LiveComposition> {
  const began = ctx.now();
  let interval = Math.min(FIRST_POLL_INTERVAL_MS, ctx.pollIntervalMs);
  for (;;) {
    let current: LiveComposition;
    try {
      current = await api.getComposition(arn);
    } catch (error) {
      if (wanted === 'STOPPED' && isNotFound(error)) return { arn, stageArn: '', state: 'STOPPED', tags: {}, destinations: [] };
      throw error;
    }
    if (current.state === wanted) return current;
    if (current.state === 'FAILED') {
      if (wanted === 'STOPPED') return current;
      throw new ChangeFailure('CompositionFailed', `${arn} is FAILED${describeDestinations(current, desired)}`);
    }
    if (wanted === 'ACTIVE' && (current.state === 'STOPPED' || current.state === 'STOPPING')) {
      throw new ChangeFailure('CompositionStopped', `${arn} is ${current.state} before it became ACTIVE${describeDestinations(current, desired)}`);
    }
    if (ctx.signal?.aborted) throw new ChangeFailure('Interrupted', `interrupted while waiting for ${arn} to be ${wanted} (now ${current.state})`);
    if (ctx.now() - began >= ctx.options.waitTimeoutMs) {
      throw new ChangeFailure('WaitTimeout', `${arn} is still ${current.state} after ${formatSeconds(ctx.options.waitTimeoutMs)} (wanted ${wanted}); raise --wait-timeout or check the stage`);
    }
    await ctx.sleep(interval, ctx.signal);
    interval = Math.min(interval * 2, ctx.pollIntervalMs);
  }
}

export function describeDestinations(composition: LiveComposition, desired: readonly CanonicalDestination[]): string {
  if (composition.destinations.length === 0) return '';
  const names = nameLiveDestinations(composition, desired);
  return ` (destinations: ${composition.destinations.map((d, i) => `${names[i]}=${d.state}`).join(', ')})`;
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`;
}

/** The StartComposition request for a desired view: canonical layout and destinations, ownership tags, the plan's token. */
export function toStartInput(project: string, address: string, specHash: string, idempotencyToken: string, after: CompositionView, protect = false): StartCompositionInput {
  return {
    stageArn: after.stageArn,
    idempotencyToken,
    layout: toLayoutConfiguration(after.layout),
    destinations: after.destinations.map(toDestinationConfiguration),
    tags: ownershipTags(project, address, specHash, after.tags, protect),
  };
}
