// The live state as observed through the API: plain data, built by core/observe.ts.
import type { CompositionState, DestinationConfiguration, DestinationState, LayoutConfiguration, Tags } from './aws-shapes.js';
import { channelArnsOf, type CanonicalDestination, type CanonicalSpec } from './spec.js';

export interface LiveStage {
  readonly arn: string;
  readonly name?: string;
  /** Present while the stage has a session; it outlives the last publisher by minutes (and subscribers keep it). */
  readonly activeSessionId?: string;
  /**
   * Whether a connected participant publishes (ListParticipants), asked only where the plan needs
   * it; absent: not asked. Without a session nobody publishes.
   */
  readonly publishing?: boolean;
  readonly tags: Tags;
}

export interface LiveDestination {
  readonly id: string;
  readonly state: DestinationState;
  /** From GetComposition only (ListCompositions summaries carry no configuration). */
  readonly configuration?: DestinationConfiguration;
  readonly startTime?: string;
  readonly endTime?: string;
}

export interface LiveComposition {
  readonly arn: string;
  readonly stageArn: string;
  readonly state: CompositionState;
  /** All tags, ownership tags included. */
  readonly tags: Tags;
  readonly destinations: readonly LiveDestination[];
  /** From GetComposition only. */
  readonly layout?: LayoutConfiguration;
  /**
   * 'attested': not read with GetComposition because the ownership tags vouch for the configuration
   * (this project's, its address's desired spec hash, running, the only one): layout and destination
   * configurations are absent and the desired spec stands for them. Absent or 'read': the fields
   * are what the API returned (a STOPPED one from the listing alone).
   */
  readonly configurationSource?: 'read' | 'attested';
  /**
   * The configuration in canonical form, set by observe: normalised from GetComposition's answer,
   * or for an attested composition the desired spec it was started with. Absent when only listed
   * (then only the spec hash in the ownership tags can tell a change).
   */
  readonly canonical?: CanonicalSpec;
  readonly startTime?: string;
  readonly endTime?: string;
}

export interface LiveRegionState {
  readonly region: string;
  /** Every stage of the account in this region (ListStages, all pages), sorted by ARN. */
  readonly stages: readonly LiveStage[];
  /** Compositions on declared stages or carrying this project's ownership tags, sorted by ARN. */
  readonly compositions: readonly LiveComposition[];
  /**
   * Running compositions elsewhere in the account (undeclared stages, not this project's), from the
   * same ListCompositions pages: they count toward the per-account quota and nothing else.
   */
  readonly otherRunning?: readonly Pick<LiveComposition, 'arn' | 'stageArn' | 'state'>[];
}

export interface LiveState {
  readonly endpoint?: string;
  /** Sorted by region. */
  readonly regions: readonly LiveRegionState[];
}

/**
 * The idle rule: IVS stops a composition a minute after no participant publishes. Without a
 * session nobody publishes; with one, ListParticipants' answer where it was asked, else the session
 * is taken as activity (the plan did not need to know).
 */
export function isStageIdle(stage: Pick<LiveStage, 'activeSessionId' | 'publishing'>): boolean {
  return !stage.activeSessionId || stage.publishing === false;
}

/** STARTING or ACTIVE: the composition holds its channels and counts toward the quotas. */
export function isRunningState(state: CompositionState): boolean {
  return state === 'STARTING' || state === 'ACTIVE';
}

/**
 * A composition's destinations as the manifest names them, for people, in their order: each pairs
 * with the desired destination of its kind (a composition has at most one channel and one S3
 * destination; the diff pairs them the same way) and takes its name, or its kind (`channel`, `s3`)
 * when the manifest gives it none. An attested composition's destinations carry no configuration:
 * they pair in order with the spec it was started with. IVS's id is left only for a destination
 * the manifest does not know, or whose kind nothing tells.
 */
export function nameLiveDestinations(
  composition: Pick<LiveComposition, 'destinations' | 'canonical' | 'configurationSource'>,
  desired: readonly CanonicalDestination[],
): string[] {
  const started = composition.configurationSource === 'attested' ? composition.canonical?.destinations : undefined;
  const pairsInOrder = started !== undefined && started.length === composition.destinations.length;
  return composition.destinations.map((destination, i) => {
    const configuration = destination.configuration ?? (pairsInOrder ? started[i] : undefined);
    const kind = configuration?.channel ? 'channel' : configuration?.s3 ? 's3' : undefined;
    const known = kind && desired.find((d) => (kind === 'channel' ? d.channel : d.s3) !== undefined);
    if (!known) return destination.id;
    return known.name !== '' ? known.name : kind;
  });
}

/** Channels a composition broadcasts to, as far as observed. */
export function channelArnsHeldBy(composition: LiveComposition): string[] {
  if (composition.canonical) return channelArnsOf(composition.canonical);
  return composition.destinations.flatMap((d) => (d.configuration?.channel ? [d.configuration.channel.channelArn] : []));
}
