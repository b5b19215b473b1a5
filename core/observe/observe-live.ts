// Observe: read the live state of every region the project touches, in as few calls as the API
// allows. Per region: ListStages and ListCompositions (all pages, unfiltered), then GetComposition
// only for kept compositions that are not STOPPED (the listing carries no layout or destination
// configuration) and whose configuration the ownership tags do not already attest; and
// ListParticipants only for stages whose publishing the plan needs (observe-publishing.ts). No
// GetStage, and nothing a listing already answered.
//
// Attested: a composition cannot change after it starts, and stageform writes its spec hash into
// `stageform:spec` at start (with a deterministic idempotency token), so a running composition of
// this project whose tag names a declared address and that address's desired spec hash was started
// with exactly that spec. Only an out-of-band TagResource of `stageform:spec` could make the tag
// lie; `refreshAll` reads everything.
import { compareStrings, sha256Hex, stringifyCanonical } from '../util/canonical-json.js';
import { isTargeted } from '../model/target.js';
import { createConcurrencyGate, mapWithConcurrency, type ConcurrencyGate } from '../util/concurrency.js';
import type { DesiredComposition, DesiredState } from '../model/desired.js';
import { nullIfNotFound, type CompositionSummary, type IvsApi, type Page } from '../ivs/ivs-api.js';
import { isRunningState, type LiveComposition, type LiveRegionState, type LiveStage, type LiveState } from '../model/live.js';
import { normalizeSpec, type CanonicalSpec } from '../model/spec.js';
import { readOwnership, TAG_ADDRESS, TAG_PROJECT } from '../model/ownership.js';
import { findStagesNeedingPublishing, readPublishing } from './observe-publishing.js';
import { iteratePages } from '../util/pages.js';
import { parseIvsArn } from '../util/arn.js';

export interface ObserveProgress {
  readonly phase: string;
  readonly done: number;
  readonly total?: number;
}

export interface ObserveOptions {
  /** API calls in flight at once, across regions. */
  parallelism: number;
  /**
   * Addresses (or manifest-name prefixes) the caller will act on: other compositions are still
   * listed (ownership and quotas need them) but not fetched in detail.
   */
  targets?: readonly string[];
  /** Regions to read; default desired.regions (a connection may override the default region). */
  regions?: readonly string[];
  /**
   * GetComposition for every kept composition that is not STOPPED, even those whose ownership tags
   * attest their configuration (`--refresh-all`).
   */
  refreshAll?: boolean;
  /** Reported in LiveState.endpoint ('' for AWS). */
  endpoint?: string;
  /**
   * Read only these stages, one GetStage each, instead of listing every stage (a pass targeted at
   * them: an event's). Compositions are still listed in full: ownership, channels and the account's
   * quota depend on all of them. A stage that does not exist is left out, as a listing leaves it out.
   */
  stages?: readonly string[];
  onProgress?: (event: ObserveProgress) => void;
  signal?: AbortSignal;
}

export const LIST_PAGE_SIZE = 100;

/** The listing of one region: stages and composition summaries, all pages, read side by side. */
interface RegionListing {
  readonly region: string;
  readonly api: IvsApi;
  readonly stages: Promise<LiveStage[]>;
  readonly summaries: Promise<CompositionSummary[]>;
}

/**
 * An observation under way. Listing a region needs nothing from the manifests, so it starts as soon
 * as the region is known; `complete` lists any region not yet started, then does what needs the
 * desired state (which compositions are kept, attested, fetched).
 */
export interface Observation {
  /**
   * Starts listing these regions now (regions already started are not listed twice); settles when
   * their listings are read or have failed (the failure is `complete`'s to report).
   */
  listRegions(regions: readonly string[]): Promise<void>;
  complete(desired: DesiredState, regions: readonly string[], options?: Pick<ObserveOptions, 'targets' | 'refreshAll'>): Promise<LiveState>;
}

export type BeginObserveOptions = Omit<ObserveOptions, 'regions' | 'targets' | 'refreshAll'>;

export function beginObservation(apiFor: (region: string) => IvsApi, options: BeginObserveOptions): Observation {
  const gate = createConcurrencyGate(options.parallelism);
  const counter = createObserveProgressCounter(options.onProgress);
  const listings = new Map<string, RegionListing>();
  const listRegions = (regions: readonly string[]): Promise<void> => {
    for (const region of regions) {
      if (listings.has(region)) continue;
      const api = apiFor(region);
      const stages = options.stages
        ? readStages(api, options.stages.filter((arn) => parseIvsArn(arn)?.region === region), gate, options.signal)
        : readAllPages((nextToken) => gate(() => api.listStages({ nextToken, maxResults: LIST_PAGE_SIZE }), options.signal), counter.tick('list'));
      const summaries = readAllPages((nextToken) => gate(() => api.listCompositions({ nextToken, maxResults: LIST_PAGE_SIZE }), options.signal), counter.tick('list'));
      // Awaited by complete; until then (or when it never runs) a failure must not count as unhandled.
      stages.catch(() => undefined);
      summaries.catch(() => undefined);
      listings.set(region, { region, api, stages, summaries });
    }
    return Promise.allSettled(regions.flatMap((r) => [listings.get(r)!.stages, listings.get(r)!.summaries])).then(() => undefined);
  };
  return {
    listRegions,
    complete: (desired, regions, more = {}) => {
      const sorted = [...new Set(regions)].sort();
      void listRegions(sorted);
      return completeObservation(desired, sorted.map((r) => listings.get(r)!), gate, counter, { ...options, ...more });
    },
  };
}

export async function observeLive(desired: DesiredState, apiFor: (region: string) => IvsApi, options: ObserveOptions): Promise<LiveState> {
  const { regions, targets, refreshAll, ...rest } = options;
  return beginObservation(apiFor, rest).complete(desired, regions ?? desired.regions, { targets, refreshAll });
}

async function completeObservation(
  desired: DesiredState,
  perRegion: readonly RegionListing[],
  gate: ConcurrencyGate,
  counter: ObserveProgressCounter,
  options: ObserveOptions,
): Promise<LiveState> {
  const declaredStages = new Set(desired.stages.map((s) => s.stageArn));
  const targetedStages = new Set(desired.compositions.filter((c) => isTargeted(c.address, options.targets)).map((c) => c.stageArn));
  const wanted = new Map(desired.compositions.map((c) => [c.address, c]));

  // What to fetch depends only on the composition listings, so the fetches start while stage
  // pages are still coming in.
  const isKept = (c: CompositionSummary) => declaredStages.has(c.stageArn) || c.tags[TAG_PROJECT] === desired.project;
  const listed = await Promise.all(
    perRegion.map(async ({ region, api, summaries }) => {
      const all = await summaries;
      const kept = all.filter(isKept);
      const otherRunning = all
        .filter((c) => !isKept(c) && isRunningState(c.state))
        .map((c) => ({ arn: c.arn, stageArn: c.stageArn, state: c.state }))
        .sort(byArn);
      return { region, api, kept, otherRunning };
    }),
  );

  const attested = options.refreshAll ? new Set<string>() : findAttestedCompositions(desired, listed.flatMap((r) => r.kept));
  const fetches = listed.flatMap(({ region, api, kept }) =>
    kept
      .filter((c) => c.state !== 'STOPPED' && !attested.has(c.arn) && needsDetail(c, desired.project, targetedStages, options.targets))
      .map((c) => ({ region, api, arn: c.arn })),
  );
  // Which stages need their publishing read depends on the listings alone: those reads go out
  // beside the GetComposition fetches (another rate class), not after them.
  const publishing = Promise.all(
    listed.map(async ({ api, kept }, i) => {
      const listedStages = await perRegion[i].stages;
      const needed = findStagesNeedingPublishing(desired, kept, listedStages, options.targets);
      return Promise.all(listedStages.map(async (stage) => (needed.has(stage.arn) ? { ...stage, publishing: await readPublishing(api, stage, gate, options.signal) } : stage)));
    }),
  );
  publishing.catch(() => undefined); // awaited after the fetches, whose failure is reported first
  counter.start('get', fetches.length);
  const details = new Map<string, LiveComposition | null>();
  await mapWithConcurrency(
    fetches,
    options.parallelism,
    async ({ api, arn }) => {
      details.set(arn, await fetchComposition(api, arn, gate, options.signal));
      counter.tick('get')();
    },
    options.signal,
  );
  const stagesByRegion = await publishing;

  const regionStates: LiveRegionState[] = listed.map(({ region, kept, otherRunning }, i) => {
    const stages = stagesByRegion[i];
    const compositions: LiveComposition[] = [];
    for (const summary of kept) {
      const detail = details.get(summary.arn);
      if (detail === null) continue; // gone between List and Get
      compositions.push(detail ?? toListedComposition(summary, attested.has(summary.arn) ? wanted.get(summary.tags[TAG_ADDRESS]) : undefined));
    }
    return { region, stages: [...stages].sort(byArn), compositions: compositions.sort(byArn), otherRunning };
  });
  return { endpoint: options.endpoint ?? '', regions: regionStates };
}

/**
 * What a saved plan checks before apply: ARNs, states, tags and destination states, and which
 * stages exist and have a session. Timestamps and the endpoint are left out: they change without
 * anything the plan depends on changing.
 */
export function fingerprintLive(live: LiveState): string {
  const essence = [...live.regions]
    .sort((a, b) => compareStrings(a.region, b.region))
    .map((r) => ({
      region: r.region,
      stages: [...r.stages]
        .sort(byArn)
        .map((s) => ({ arn: s.arn, active: s.activeSessionId !== undefined && s.activeSessionId !== '', ...(s.publishing !== undefined ? { publishing: s.publishing } : {}) })),
      compositions: [...r.compositions].sort(byArn).map((c) => ({
        arn: c.arn,
        stageArn: c.stageArn,
        state: c.state,
        tags: c.tags,
        destinations: [...c.destinations].sort((a, b) => compareStrings(a.id, b.id)).map((d) => ({ id: d.id, state: d.state })),
      })),
    }));
  return sha256Hex(stringifyCanonical(essence));
}

/**
 * ARNs of the compositions whose configuration their tags attest: this project's, naming a declared
 * address and its desired spec hash, running, and the only running one of this project for that
 * address (several running means something went wrong: those are read in full).
 */
export function findAttestedCompositions(desired: DesiredState, kept: readonly CompositionSummary[]): Set<string> {
  const wanted = new Map(desired.compositions.map((c) => [c.address, c]));
  const runningByAddress = new Map<string, CompositionSummary[]>();
  for (const c of kept) {
    const address = c.tags[TAG_ADDRESS];
    if (c.tags[TAG_PROJECT] !== desired.project || address === undefined || !isRunningState(c.state)) continue;
    runningByAddress.set(address, [...(runningByAddress.get(address) ?? []), c]);
  }
  const attested = new Set<string>();
  for (const [address, running] of runningByAddress) {
    const want = wanted.get(address);
    if (!want || running.length !== 1) continue;
    const [only] = running;
    // The spec hash covers the stage too; comparing the listed stage costs nothing.
    if (only.stageArn === want.stageArn && readOwnership(only.tags)?.specHash === want.specHash) attested.add(only.arn);
  }
  return attested;
}

function needsDetail(c: CompositionSummary, project: string, targetedStages: ReadonlySet<string>, targets: readonly string[] | undefined): boolean {
  if (!targets || targets.length === 0) return true;
  const address = c.tags[TAG_PROJECT] === project ? c.tags[TAG_ADDRESS] : undefined;
  return address !== undefined ? isTargeted(address, targets) : targetedStages.has(c.stageArn);
}

async function fetchComposition(api: IvsApi, arn: string, gate: ConcurrencyGate, signal: AbortSignal | undefined): Promise<LiveComposition | null> {
  const read = await nullIfNotFound(gate(() => api.getComposition(arn), signal));
  if (!read) return null;
  const complete = read.layout !== undefined && read.destinations.every((d) => d.configuration !== undefined);
  return { ...read, configurationSource: 'read', ...(complete ? { canonical: canonicalOfRead(read) } : {}) };
}

/** The named stages that exist, one GetStage each. */
async function readStages(api: IvsApi, arns: readonly string[], gate: ConcurrencyGate, signal: AbortSignal | undefined): Promise<LiveStage[]> {
  const read = await Promise.all([...new Set(arns)].map((arn) => nullIfNotFound(gate(() => api.getStage(arn), signal))));
  return read.filter((s): s is LiveStage => s !== null);
}

/** Every item of a paged listing; `onPage` is told of each page read (progress). */
export async function readAllPages<T>(fetchPage: (nextToken?: string) => Promise<Page<T>>, onPage: () => void = () => {}): Promise<T[]> {
  const items: T[] = [];
  for await (const page of iteratePages(fetchPage)) {
    onPage();
    items.push(...page.items);
  }
  return items;
}

/**
 * A composition as listed. An attested one carries the desired spec it was started with as its
 * canonical view: it was started with exactly that spec and cannot have changed since. Its
 * destinations pair with the spec's in order, as StartComposition sent them; when their count does
 * not fit, it is left as listed and the plan falls back to comparing spec hashes.
 */
export function toListedComposition(summary: CompositionSummary, attestedBy: DesiredComposition | undefined): LiveComposition {
  const { arn, stageArn, state, tags, destinations, startTime, endTime } = summary;
  const out: { -readonly [K in keyof LiveComposition]: LiveComposition[K] } = { arn, stageArn, state, tags, destinations: destinations.map((d) => ({ ...d })) };
  if (attestedBy) {
    out.configurationSource = 'attested';
    if (destinations.length === attestedBy.spec.destinations.length) out.canonical = attestedBy.spec;
  }
  if (startTime !== undefined) out.startTime = startTime;
  if (endTime !== undefined) out.endTime = endTime;
  return out;
}

/** The canonical view of what GetComposition returned. */
/** A read composition's spec in canonical form (its configurations as read). */
export function canonicalOfRead(read: LiveComposition): CanonicalSpec {
  return normalizeSpec({
    stageArn: read.stageArn,
    layout: read.layout,
    destinations: read.destinations.flatMap((d) => (d.configuration ? [d.configuration] : [])),
  });
}

type ObserveProgressCounter = ReturnType<typeof createObserveProgressCounter>;

/** Counts calls per phase and reports each count to `onProgress`. */
function createObserveProgressCounter(onProgress: ObserveOptions['onProgress']) {
  const done = new Map<string, number>();
  const totals = new Map<string, number>();
  return {
    start(phase: string, total: number) {
      done.set(phase, 0);
      totals.set(phase, total);
      onProgress?.({ phase, done: 0, total });
    },
    tick(phase: string) {
      return () => {
        const n = (done.get(phase) ?? 0) + 1;
        done.set(phase, n);
        const total = totals.get(phase);
        onProgress?.(total === undefined ? { phase, done: n } : { phase, done: n, total });
      };
    },
  };
}

function byArn(a: { arn: string }, b: { arn: string }): number {
  return compareStrings(a.arn, b.arn);
}
