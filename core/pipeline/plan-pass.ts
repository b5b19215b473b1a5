// One pass of the reconcile pipeline, shared by plan, drift and apply (and a long-running loop):
//   1. load and validate the manifests; as soon as stageform.yaml is read, connect and start
//      listing the default region (listing needs nothing from the manifests);
//   2. observe the rest: list the stage regions, then what needs the desired state;
//   3. build the plan, or check that a saved plan is still current;
//   4. preflight: read what the plan would start depends on (configurations, channels); a failed
//      check fails the pass before anything is applied.
// Its edges (working directory, connection, signal, progress) are parameters; problems in the
// user's files come back as diagnostics, everything else as thrown errors.
import type { DesiredState, ProjectSettings } from '../model/desired.js';
import { UserError, type Diagnostic } from '../model/diagnostics.js';
import type { LiveState } from '../model/live.js';
import { isPreflightSkipped, type Plan, type PlanProvenance, type SavedPlan } from '../model/plan.js';
import type { IvsApi } from '../ivs/ivs-api.js';
import { displayPath, loadProject } from '../load/load-project.js';
import { beginObservation, fingerprintLive, type Observation, type ObserveProgress } from '../observe/observe-live.js';
import { describeManifestChanges } from '../plan/saved-plan.js';

/** What the pass talks to; opened by the caller's `connect` edge, closed by the pass. */
export interface PipelineConnection {
  apiFor(region: string): IvsApi;
  /** The endpoint in use; '' for AWS's own. */
  readonly endpoint: string;
  /** The default region (--region, else stageform.yaml, else the environment); '' when none. */
  readonly region: string;
  close(): Promise<void>;
}

export interface PlanPassEdges {
  /** Diagnostic paths are shown relative to it. */
  readonly cwd: string;
  /** Opens the connection for a project (endpoint, profile, an embedded emulator). */
  connect(settings: ProjectSettings): Promise<PipelineConnection>;
  /** Aborted: stop reading (the pass only reads). */
  readonly signal?: AbortSignal;
  readonly onObserveProgress?: (event: ObserveProgress) => void;
  /**
   * Called once the default region's listing is on its way: what the caller needs only afterwards
   * (renderers) can load while rate-limited pages come in, rather than before the first request.
   */
  readonly onListing?: () => void;
}

export interface PlanPassOptions {
  /** The project directory (for a saved plan, the one it was made in). */
  readonly dir: string;
  /** API calls in flight at once, across regions. */
  readonly parallelism: number;
  /** Limit the changes to these addresses (observation stays complete unless `stages` says otherwise). */
  readonly targets?: readonly string[];
  /**
   * Observe only these stages (GetStage each) instead of listing them all: a pass about a few
   * stages (an event's). Compositions are still listed in full. `targets` must then name only
   * addresses on these stages, since the plan cannot see any other stage.
   */
  readonly stages?: readonly string[];
  /** A destroy plan (stageform destroy, plan --destroy). */
  readonly destroy?: boolean;
  /** --replace: addresses to replace even when they match. */
  readonly replace?: readonly string[];
  /** --allow-stop: protected addresses this run may stop. */
  readonly allowStop?: readonly string[];
  /** --adopt: addresses that may adopt a matching running composition; --adopt-all: every one. */
  readonly adopt?: readonly string[];
  readonly adoptAll?: boolean;
  /** GetComposition even for compositions whose ownership tags attest their configuration. */
  readonly refreshAll?: boolean;
  /** A declared stage that does not exist: an error (plan, apply) or drift (the drift check). */
  readonly missingStage?: 'error' | 'drift';
  /** Check this plan is still current instead of building one. */
  readonly saved?: SavedPlan;
  /** How far ahead the 24-hour limit is warned of (MAX_DURATION; default one hour, `--horizon`). */
  readonly horizonMs?: number;
  /**
   * Any two loopback endpoints count as the same one (--local: the embedded emulator listens on a
   * new port each run while its state stays the project's).
   */
  readonly loopbackEndpointsMatch?: boolean;
  /**
   * The instant schedules are evaluated at, epoch ms: the caller's clock (a reconcile loop's tick),
   * or a preview instant (plan --at). Default: the system clock when the plan is built.
   */
  readonly now?: number;
  /**
   * Skip preflight (--skip-preflight: credentials that cannot read configurations or channels);
   * a plan that starts compositions then carries a PREFLIGHT_SKIPPED warning.
   */
  readonly skipPreflight?: boolean;
  /** Already loaded (a long-running loop loads again only when the files change): skips step 1. */
  readonly desired?: DesiredState;
}

export type PlanPassOutcome =
  | {
      readonly ok: true;
      readonly plan: Plan;
      readonly provenance: PlanProvenance;
      readonly desired: DesiredState;
      readonly live: LiveState;
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Runs one pass and hands its outcome to `use` while the connection is still open (apply executes
 * the plan there); the connection is closed when `use` returns.
 */
export async function withPlanPass<T>(
  options: PlanPassOptions,
  edges: PlanPassEdges,
  use: (outcome: PlanPassOutcome, apiFor: (region: string) => IvsApi) => Promise<T>,
): Promise<T> {
  // Loading may fail after observation began: its reads are then abandoned.
  const reading = new AbortController();
  const abortReading = (): void => reading.abort();
  if (edges.signal?.aborted) reading.abort();
  else edges.signal?.addEventListener('abort', abortReading, { once: true });
  let started: Promise<{ connection: PipelineConnection; observation: Observation; listed: Promise<void> }> | undefined;
  // Until the default region is listed, this thread serves its pages and the manifests are parsed
  // on workers; then it helps with what is left.
  const startObserving = (settings: ProjectSettings): Promise<unknown> => {
    started = edges.connect(settings).then((connection) => {
      const observation = beginObservation(connection.apiFor, {
        parallelism: options.parallelism,
        endpoint: connection.endpoint,
        onProgress: edges.onObserveProgress,
        signal: reading.signal,
        ...(options.stages ? { stages: options.stages } : {}),
      });
      const listed = connection.region ? observation.listRegions([connection.region]) : Promise.resolve();
      void loadPlanning();
      edges.onListing?.();
      return { connection, observation, listed };
    });
    // Awaited below; a failure while loading fails too must not count as unhandled.
    started.catch(() => undefined);
    return started.then(({ listed }) => listed);
  };

  try {
    // 1. Load (observation starts when stageform.yaml has been read).
    const loaded = options.desired
      ? { desired: options.desired, diagnostics: [] }
      : await loadProject(options.dir, { cwd: edges.cwd, onSettings: startObserving });
    if (!loaded.desired || loaded.diagnostics.length > 0) {
      reading.abort();
      const opened = await started?.catch(() => undefined);
      await opened?.connection.close();
      return await use({ ok: false, diagnostics: loaded.diagnostics }, unconnected);
    }
    const desired = loaded.desired;
    if (!started) startObserving(desired);
    const { connection, observation } = await started!;
    try {
      const { assertTargetsMatch, buildPlan, changesToStart, preflightSkippedWarning, runPreflight } = await loadPlanning();
      // 2. Observe every region, in full (--target or not; only `stages` narrows it): a targeted
      //    start may depend on any composition holding its channel or quota room, and a saved
      //    plan's fingerprint covers all.
      const regions = regionsToObserve(connection.region, desired);
      const live = await observation.complete(desired, regions, { refreshAll: options.refreshAll === true });
      const provenance: PlanProvenance = {
        manifestDigest: desired.manifestDigest,
        manifests: desired.manifestFiles,
        project: desired.project,
        regions,
        endpoint: connection.endpoint,
        liveFingerprint: fingerprintLive(live),
      };

      // 3. The plan: the saved one if still current, else a fresh one.
      let plan: Plan;
      if (options.saved) {
        assertSavedPlanCurrent(options.saved, provenance, options.loopbackEndpointsMatch === true, displayPath(edges.cwd, desired.rootDir));
        assertSchedulesUnchanged(options.saved.plan, options.now ?? Date.now());
        plan = options.saved.plan;
      } else {
        assertTargetsMatch(desired, live, options.targets ?? []);
        const built = buildPlan(desired, live, {
          targets: options.targets ?? [],
          regions,
          destroy: options.destroy === true,
          replace: options.replace ?? [],
          allowStop: options.allowStop ?? [],
          adopt: options.adopt ?? [],
          adoptAll: options.adoptAll === true,
          atMs: options.now ?? Date.now(),
          missingStage: options.missingStage ?? 'error',
          now: serviceNow(connection.apiFor, regions),
          horizonMs: options.horizonMs,
        });
        if (built.errors.length > 0) return await use({ ok: false, diagnostics: built.errors }, connection.apiFor);
        plan = built.plan;
      }

      // 4. Preflight (a saved plan is checked again: a channel can go live between plan and apply).
      const starts = changesToStart(plan).length;
      if (options.skipPreflight) {
        if (starts > 0 && !isPreflightSkipped(plan)) plan = { ...plan, warnings: [...plan.warnings, preflightSkippedWarning(starts)] };
      } else {
        const problems = await runPreflight(plan, desired, live, connection.apiFor, { parallelism: options.parallelism, signal: reading.signal });
        if (problems.length > 0) return await use({ ok: false, diagnostics: problems }, connection.apiFor);
      }
      const usedProvenance = options.saved ? options.saved.provenance : provenance;
      return await use({ ok: true, plan, provenance: usedProvenance, desired, live }, connection.apiFor);
    } finally {
      await connection.close();
    }
  } finally {
    edges.signal?.removeEventListener('abort', abortReading);
  }
}

let planning: Promise<typeof import('../plan/build-plan.js') & typeof import('../plan/check-targets.js') & typeof import('../observe/preflight.js')> | undefined;

/** Diff, plan and preflight, loaded while the first listing is under way (they are not needed before it ends). */
function loadPlanning(): NonNullable<typeof planning> {
  planning ??= Promise.all([import('../plan/build-plan.js'), import('../plan/check-targets.js'), import('../observe/preflight.js')]).then(([plan, targets, preflight]) => ({
    ...plan,
    ...targets,
    ...preflight,
  }));
  return planning;
}

/** One pass whose outcome is all the caller needs (plan, drift). */
export function runPlanPass(options: PlanPassOptions, edges: PlanPassEdges): Promise<PlanPassOutcome> {
  return withPlanPass(options, edges, async (outcome) => outcome);
}

/** Every region the pass reads and the plan covers: the default region and each declared stage's, sorted. */
export function regionsToObserve(defaultRegion: string, desired: Pick<DesiredState, 'stages'>): string[] {
  const regions = [...new Set([defaultRegion, ...desired.stages.map((s) => s.region)].filter((r) => r !== ''))].sort();
  if (regions.length === 0) {
    throw new UserError('NO_REGION', 'no AWS region: none given and no stage declared', {
      hint: 'set region in stageform.yaml, pass --region, or set AWS_REGION',
    });
  }
  return regions;
}

/** The service's clock as its responses told it (an emulator's may be advanced), else ours. */
function serviceNow(apiFor: (region: string) => IvsApi, regions: readonly string[]): number {
  for (const region of regions) {
    const now = apiFor(region).serviceNow?.();
    if (now !== undefined) return now;
  }
  return Date.now();
}

function unconnected(region: string): IvsApi {
  throw new Error(`no connection to ${region}: the manifests did not load`);
}

/** `shownDir`: the project directory as the user reads it ('.' for the current one). */
function assertSavedPlanCurrent(saved: SavedPlan, current: PlanProvenance, loopbackEndpointsMatch: boolean, shownDir: string): void {
  const hint = 'run stageform plan again and apply the new plan';
  const p = saved.provenance;
  if (p.project !== current.project) {
    throw new UserError('STALE_PLAN', `Saved plan is for project ${p.project}, but the manifests are project ${current.project}`, { hint });
  }
  if (p.manifestDigest !== current.manifestDigest) {
    const changes = p.manifests ? describeManifestChanges(p.manifests, current.manifests ?? []) : [];
    const which = changes.length > 0 ? `${changes.slice(0, 5).join(', ')}${changes.length > 5 ? `, and ${changes.length - 5} more` : ''}` : 'they changed since it was made';
    throw new UserError('STALE_PLAN', `Saved plan does not match the manifests${shownDir === '.' ? '' : ` in ${shownDir}`}: ${which}`, {
      hint: 'apply the plan to the project it was made from (stageform apply PLANFILE DIR), or run stageform plan again and apply the new plan',
    });
  }
  if (p.regions.join(',') !== current.regions.join(',')) {
    throw new UserError('STALE_PLAN', `Saved plan was made for regions ${p.regions.join(', ')}, not ${current.regions.join(', ')}`, { hint });
  }
  if (!sameEndpoint(p.endpoint, current.endpoint, loopbackEndpointsMatch)) {
    throw new UserError('STALE_PLAN', `Saved plan was made against ${p.endpoint || 'AWS'}, not ${current.endpoint || 'AWS'}`, { hint });
  }
  if (p.liveFingerprint !== current.liveFingerprint) {
    throw new UserError('STALE_PLAN', 'Saved plan is stale: live compositions changed since it was made', { hint });
  }
}

/** How far ahead of the applying machine's clock a plan's instant may be (clocks of CI runners differ). */
const CLOCK_SKEW_MS = 60_000;

/**
 * A saved plan decided each scheduled address at one instant; it still holds while no schedule
 * opened or closed since. A plan made for another instant (plan --at) does not apply now.
 */
export function assertSchedulesUnchanged(plan: Plan, nowMs: number): void {
  const hint = 'run stageform plan again and apply the new plan';
  for (const change of plan.changes) {
    const status = change.schedule;
    if (!status) continue;
    const evaluatedMs = Date.parse(status.evaluatedAt);
    if (evaluatedMs > nowMs + CLOCK_SKEW_MS) {
      throw new UserError('STALE_PLAN', `Saved plan was made for ${status.evaluatedAt}, a later instant than now (plan --at is a preview)`, { hint });
    }
    if (status.next && Date.parse(status.next.at) <= nowMs) {
      throw new UserError('STALE_PLAN', `Saved plan is stale: the schedule of ${change.address} ${status.next.opens ? 'opened' : 'closed'} at ${status.next.at}, after the plan was made`, { hint });
    }
  }
}

function sameEndpoint(planned: string, current: string, loopbackEndpointsMatch: boolean): boolean {
  if (planned === current) return true;
  const loopback = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/;
  return loopbackEndpointsMatch && loopback.test(planned) && loopback.test(current);
}
