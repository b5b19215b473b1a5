// One normalisation for both sides of the diff: a manifest's composition and a live
// GetComposition answer go through normalizeSpec, so an omitted AWS default and the same
// value written out are the same desired state.
import type {
  DestinationConfiguration,
  GridConfiguration,
  LayoutConfiguration,
  PipConfiguration,
  S3DestinationConfiguration,
  ThumbnailStorageType,
  Tags,
} from './aws-shapes.js';
import { compareStrings, sha256Hex, stringifyCanonical, sortKeysDeep } from '../util/canonical-json.js';

/** Defaults documented by AWS in the IVS Real-Time API reference (GridConfiguration, PipConfiguration, ...). */
export const AWS_DEFAULTS = {
  grid: {
    featuredParticipantAttribute: '',
    omitStoppedVideo: false,
    videoAspectRatio: 'VIDEO',
    gridGap: 2,
    participantOrderAttribute: '',
    // videoFillMode has no single default (COVER for the grid, CONTAIN for the featured slot): left absent.
  },
  pip: {
    featuredParticipantAttribute: '',
    omitStoppedVideo: false,
    videoFillMode: 'COVER',
    gridGap: 0,
    pipParticipantAttribute: '',
    pipBehavior: 'STATIC',
    pipOffset: 0,
    pipPosition: 'BOTTOM_RIGHT',
    participantOrderAttribute: '',
    // pipWidth / pipHeight are computed by IVS when absent: left absent.
  },
  recording: { format: 'HLS', targetSegmentDurationSeconds: 2 },
  thumbnail: { targetIntervalSeconds: 60, storage: ['SEQUENTIAL'] as ThumbnailStorageType[] },
} as const;

export type CanonicalGrid = Required<Omit<GridConfiguration, 'videoFillMode'>> & Pick<GridConfiguration, 'videoFillMode'>;
export type CanonicalPip = Required<Omit<PipConfiguration, 'pipWidth' | 'pipHeight'>> & Pick<PipConfiguration, 'pipWidth' | 'pipHeight'>;
export type CanonicalLayout = { readonly grid: CanonicalGrid } | { readonly pip: CanonicalPip };

export interface CanonicalS3Destination {
  readonly storageConfigurationArn: string;
  readonly encoderConfigurationArns: readonly string[];
  readonly recordingConfiguration: { readonly format: 'HLS'; readonly hlsConfiguration: { readonly targetSegmentDurationSeconds: number } };
  readonly thumbnailConfigurations: readonly { readonly targetIntervalSeconds: number; readonly storage: readonly ThumbnailStorageType[] }[];
}

export interface CanonicalDestination {
  /** '' when not named. */
  readonly name: string;
  readonly channel?: { readonly channelArn: string; readonly encoderConfigurationArn?: string };
  readonly s3?: CanonicalS3Destination;
}

/** Everything that, when changed, needs a new composition (there is no update call). */
export interface CanonicalSpec {
  readonly stageArn: string;
  readonly layout: CanonicalLayout;
  /** Channel destinations first, then S3; at most one of each. */
  readonly destinations: readonly CanonicalDestination[];
}

export function normalizeLayout(layout: LayoutConfiguration | undefined): CanonicalLayout {
  if (layout?.pip) return { pip: sortKeysDeep({ ...AWS_DEFAULTS.pip, ...dropUndefined(layout.pip) }) as CanonicalPip };
  return { grid: sortKeysDeep({ ...AWS_DEFAULTS.grid, ...dropUndefined(layout?.grid ?? {}) }) as CanonicalGrid };
}

function normalizeS3(s3: S3DestinationConfiguration): CanonicalS3Destination {
  const thumbnails = s3.thumbnailConfigurations ?? [{}];
  return {
    storageConfigurationArn: s3.storageConfigurationArn,
    encoderConfigurationArns: [...s3.encoderConfigurationArns],
    recordingConfiguration: {
      format: s3.recordingConfiguration?.format ?? AWS_DEFAULTS.recording.format,
      hlsConfiguration: {
        targetSegmentDurationSeconds:
          s3.recordingConfiguration?.hlsConfiguration?.targetSegmentDurationSeconds ?? AWS_DEFAULTS.recording.targetSegmentDurationSeconds,
      },
    },
    thumbnailConfigurations: thumbnails.map((t) => ({
      targetIntervalSeconds: t.targetIntervalSeconds ?? AWS_DEFAULTS.thumbnail.targetIntervalSeconds,
      storage: [...new Set(t.storage ?? AWS_DEFAULTS.thumbnail.storage)].sort(),
    })),
  };
}

export function normalizeDestination(destination: DestinationConfiguration): CanonicalDestination {
  return sortKeysDeep({
    name: destination.name ?? '',
    channel: destination.channel
      ? dropUndefined({ channelArn: destination.channel.channelArn, encoderConfigurationArn: destination.channel.encoderConfigurationArn })
      : undefined,
    s3: destination.s3 ? normalizeS3(destination.s3) : undefined,
  }) as CanonicalDestination;
}

export function normalizeSpec(input: {
  stageArn: string;
  layout?: LayoutConfiguration;
  destinations: readonly DestinationConfiguration[];
}): CanonicalSpec {
  const destinations = input.destinations.map(normalizeDestination);
  destinations.sort((a, b) => destinationRank(a) - destinationRank(b) || compareStrings(a.name, b.name));
  return { stageArn: input.stageArn, layout: normalizeLayout(input.layout), destinations };
}

function destinationRank(d: CanonicalDestination): number {
  return d.channel ? 0 : 1;
}

/** Short, stable hash of the canonical spec; written to the `stageform:spec` tag. */
export function hashSpec(spec: CanonicalSpec): string {
  return sha256Hex(stringifyCanonical(spec)).slice(0, 32);
}

export function sortTags(tags: Tags | undefined): Tags {
  const out: Tags = {};
  for (const key of Object.keys(tags ?? {}).sort()) out[key] = (tags as Tags)[key];
  return out;
}

/** The API shape of a canonical destination (what StartComposition is sent). */
export function toDestinationConfiguration(d: CanonicalDestination): DestinationConfiguration {
  const out: DestinationConfiguration = {};
  if (d.name) out.name = d.name;
  if (d.channel) out.channel = { ...d.channel };
  if (d.s3) out.s3 = structuredClone(d.s3) as DestinationConfiguration['s3'];
  return out;
}

/** The API shape of a canonical layout. */
export function toLayoutConfiguration(layout: CanonicalLayout): LayoutConfiguration {
  return structuredClone(layout) as LayoutConfiguration;
}

/**
 * The manifest's `layout` and `destinations` for a canonical spec: the inverse of normalizeSpec,
 * with every value equal to its AWS default left out (normalizeSpec puts them back). A grid of
 * defaults has no layout at all; a pip keeps `pip: {}`, since an omitted layout means a grid.
 */
export function toManifestSpec(spec: Pick<CanonicalSpec, 'layout' | 'destinations'>): { layout?: LayoutConfiguration; destinations: DestinationConfiguration[] } {
  const layout: LayoutConfiguration | undefined =
    'pip' in spec.layout
      ? { pip: withoutDefaults(spec.layout.pip, AWS_DEFAULTS.pip) }
      : Object.keys(withoutDefaults(spec.layout.grid, AWS_DEFAULTS.grid)).length > 0
        ? { grid: withoutDefaults(spec.layout.grid, AWS_DEFAULTS.grid) }
        : undefined;
  return { ...(layout ? { layout } : {}), destinations: spec.destinations.map(toManifestDestination) };
}

function toManifestDestination(d: CanonicalDestination): DestinationConfiguration {
  const out: DestinationConfiguration = {};
  if (d.name) out.name = d.name;
  if (d.channel) out.channel = { channelArn: d.channel.channelArn, ...(d.channel.encoderConfigurationArn ? { encoderConfigurationArn: d.channel.encoderConfigurationArn } : {}) };
  if (d.s3) {
    const s3: S3DestinationConfiguration = { storageConfigurationArn: d.s3.storageConfigurationArn, encoderConfigurationArns: [...d.s3.encoderConfigurationArns] };
    const seconds = d.s3.recordingConfiguration.hlsConfiguration.targetSegmentDurationSeconds;
    if (seconds !== AWS_DEFAULTS.recording.targetSegmentDurationSeconds) s3.recordingConfiguration = { hlsConfiguration: { targetSegmentDurationSeconds: seconds } };
    const thumbnails = d.s3.thumbnailConfigurations.map((t) => withoutDefaults(t, AWS_DEFAULTS.thumbnail));
    // Omitted means one thumbnail configuration of defaults; none at all must be written as [].
    if (!(thumbnails.length === 1 && Object.keys(thumbnails[0]).length === 0)) s3.thumbnailConfigurations = thumbnails as S3DestinationConfiguration['thumbnailConfigurations'];
    out.s3 = s3;
  }
  return out;
}

/** The fields of `value` that differ from `defaults` (arrays compared by content), in `value`'s key order. */
function withoutDefaults<T extends object>(value: T, defaults: object): Partial<T> {
  const table = defaults as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(value).filter(([key, v]) => v !== undefined && !(key in table && stringifyCanonical(v) === stringifyCanonical(table[key]))),
  ) as Partial<T>;
}

export function channelArnsOf(spec: Pick<CanonicalSpec, 'destinations'>): string[] {
  return spec.destinations.flatMap((d) => (d.channel ? [d.channel.channelArn] : []));
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
