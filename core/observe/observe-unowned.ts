// What `init --from-live` reads of one region: its stages (all, or those asked for), the running
// compositions on them that no stageform project owns, each read in full, and the names of the
// channels they broadcast to (composition names come from them). Reads only.
import { ApiError, isNotFound, nullIfNotFound, type IvsApi } from '../ivs/ivs-api.js';
import type { LiveComposition, LiveStage } from '../model/live.js';
import { isRunningState } from '../model/live.js';
import { readOwnership } from '../model/ownership.js';
import { compareStrings } from '../util/canonical-json.js';
import { mapWithConcurrency } from '../util/concurrency.js';
import { canonicalOfRead, LIST_PAGE_SIZE, readAllPages } from './observe-live.js';

export interface UnownedObserveOptions {
  /** Only these stages (--stage); default every stage of the region. */
  readonly stageArns?: readonly string[];
  /** API calls in flight at once. */
  readonly parallelism: number;
  readonly signal?: AbortSignal;
}

/** A running composition a stageform project owns: left out, and said so. */
export interface OwnedComposition {
  readonly arn: string;
  readonly stageArn: string;
  readonly project: string;
  readonly address?: string;
}

export interface UnownedRegionState {
  readonly region: string;
  /** The stages read, sorted by ARN. */
  readonly stages: readonly LiveStage[];
  /** `--stage` ARNs that are not stages of the region, sorted. */
  readonly missingStageArns: readonly string[];
  /** Running, no stageform ownership tags, read with GetComposition (`canonical` set); sorted by ARN. */
  readonly unowned: readonly LiveComposition[];
  /** Running and owned by a project; sorted by ARN. */
  readonly owned: readonly OwnedComposition[];
  /** Listed as running but gone (or stopped) by the time they were read: sorted ARNs. */
  readonly vanished: readonly string[];
  /** Channel ARN -> its name, for the channels the unowned compositions broadcast to (those that have one). */
  readonly channelNames: Readonly<Record<string, string>>;
}

export async function observeUnowned(api: IvsApi, options: UnownedObserveOptions): Promise<UnownedRegionState> {
  const { parallelism, signal } = options;
  const allStages = await readAllPages((nextToken) => api.listStages({ nextToken, maxResults: LIST_PAGE_SIZE }));
  const wanted = options.stageArns ? new Set(options.stageArns) : undefined;
  const stages = allStages.filter((s) => !wanted || wanted.has(s.arn)).sort(byArn);
  const known = new Set(allStages.map((s) => s.arn));
  const missingStageArns = [...(wanted ?? [])].filter((arn) => !known.has(arn)).sort(compareStrings);
  if (missingStageArns.length > 0) return { region: api.region, stages, missingStageArns, unowned: [], owned: [], vanished: [], channelNames: {} };

  const onStages = new Set(stages.map((s) => s.arn));
  const summaries = (await readAllPages((nextToken) => api.listCompositions({ nextToken, maxResults: LIST_PAGE_SIZE })))
    .filter((c) => onStages.has(c.stageArn) && isRunningState(c.state))
    .sort(byArn);
  const owned: OwnedComposition[] = [];
  const toRead: string[] = [];
  for (const summary of summaries) {
    const ownership = readOwnership(summary.tags);
    if (ownership) owned.push({ arn: summary.arn, stageArn: summary.stageArn, project: ownership.project, ...(ownership.address ? { address: ownership.address } : {}) });
    else toRead.push(summary.arn);
  }

  const read = await mapWithConcurrency(toRead, parallelism, (arn) => readRunning(api, arn), signal);
  const unowned: LiveComposition[] = [];
  const vanished: string[] = [];
  toRead.forEach((arn, i) => {
    const composition = read[i];
    // Its tags are read again: stageform may have adopted it between the listing and the read.
    if (composition && !readOwnership(composition.tags)) unowned.push(composition);
    else if (!composition) vanished.push(arn);
  });

  const channels = [...new Set(unowned.flatMap((c) => c.canonical!.destinations.flatMap((d) => (d.channel ? [d.channel.channelArn] : []))))].sort(compareStrings);
  const names = await mapWithConcurrency(channels, parallelism, (arn) => readChannelName(api, arn), signal);
  const channelNames: Record<string, string> = {};
  channels.forEach((arn, i) => {
    if (names[i]) channelNames[arn] = names[i]!;
  });
  return { region: api.region, stages, missingStageArns, unowned, owned, vanished, channelNames };
}

/** GetComposition, in canonical form; null when it is gone, stopped or its configuration incomplete. */
async function readRunning(api: IvsApi, arn: string): Promise<LiveComposition | null> {
  const read = await nullIfNotFound(api.getComposition(arn));
  if (!read || !isRunningState(read.state) || read.layout === undefined || read.destinations.some((d) => d.configuration === undefined)) return null;
  return { ...read, configurationSource: 'read', canonical: canonicalOfRead(read) };
}

/** A channel's name is only a nicer composition name: a channel it cannot read names nothing. */
async function readChannelName(api: IvsApi, arn: string): Promise<string | undefined> {
  try {
    return (await api.getChannel(arn)).name || undefined;
  } catch (error) {
    if (error instanceof ApiError && (isNotFound(error) || error.code === 'AccessDeniedException')) return undefined;
    throw error;
  }
}

function byArn(a: { arn: string }, b: { arn: string }): number {
  return compareStrings(a.arn, b.arn);
}
