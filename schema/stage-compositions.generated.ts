// Generated from the JSON Schema by scripts/generate-types.js (npm run generate:types). Do not edit.

export type StageArn = string;
/**
 * start: run even when the stage has no participants (IVS stops an idle composition after about a minute). skip: only start while the stage is live.
 */
export type WhenIdle = 'start' | 'skip';
export type VideoFillMode = 'FILL' | 'COVER' | 'CONTAIN';
/**
 * Pixels between participant videos.
 */
export type GridGap = number;
export type AttributeKey = string;
export type ChannelArn = string;
export type EncoderConfigurationArn = string;
export type StorageConfigurationArn = string;

/**
 * A stageform manifest: the server-side compositions that should run on one Amazon IVS Real-Time stage. Constraints follow StartComposition in the IVS Real-Time API model (2020-07-14).
 */
export interface StageCompositionsManifest {
  /**
   * Manifest format version.
   */
  apiVersion: 'stageform/v1';
  /**
   * Document kind.
   */
  kind: 'StageCompositions';
  metadata: ManifestMetadata;
  spec: StageCompositionsSpec;
}
export interface ManifestMetadata {
  /**
   * Unique in the project; the first half of every composition address (`<name>/<composition>`).
   */
  name: string;
}
export interface StageCompositionsSpec {
  stageArn: StageArn;
  whenIdle?: WhenIdle;
  schedule?: ScheduleManifest;
  /**
   * The compositions that should run on this stage.
   */
  compositions: CompositionManifest[];
}
/**
 * Time windows in which compositions should run: open while a window is open and no deny window is (deny wins). In spec it covers every composition of the stage; a composition's own schedule replaces it. Without a schedule a composition always runs.
 */
export interface ScheduleManifest {
  /**
   * IANA time zone the cron windows (and one-off times without an offset) are read in; default stageform.yaml's timezone, else UTC.
   */
  timezone?: string;
  /**
   * When the compositions run.
   *
   * @minItems 1
   * @maxItems 50
   */
  windows: [ScheduleWindowManifest, ...ScheduleWindowManifest[]];
  /**
   * When they must not run, even inside a window.
   *
   * @maxItems 50
   */
  deny?: ScheduleWindowManifest[];
}
/**
 * Either cron and duration (opens at each match, stays open that long) or start and end (a one-off, ISO 8601).
 */
export interface ScheduleWindowManifest {
  /**
   * Five or six cron fields (croner syntax), read in the schedule's time zone.
   */
  cron?: string;
  /**
   * How long each opening lasts: 2h, 90m, 1h30m.
   */
  duration?: string;
  /**
   * ISO 8601 date-time; without an offset it is read in the schedule's time zone.
   */
  start?: string;
  /**
   * ISO 8601 date-time, after start.
   */
  end?: string;
}
export interface CompositionManifest {
  /**
   * Unique on this stage; the second half of the address.
   */
  name: string;
  layout?: LayoutManifest;
  /**
   * 1-2 destinations: at most one channel and at most one s3.
   *
   * @minItems 1
   * @maxItems 2
   */
  destinations: [DestinationManifest] | [DestinationManifest, DestinationManifest];
  tags?: Tags;
  schedule?: ScheduleManifest;
}
/**
 * Exactly one of grid or pip; omitted means grid with AWS defaults.
 */
export interface LayoutManifest {
  grid?: GridManifest;
  pip?: PipManifest;
}
export interface GridManifest {
  /**
   * Participant attribute marking the featured participant.
   */
  featuredParticipantAttribute?: string;
  omitStoppedVideo?: boolean;
  videoAspectRatio?: 'AUTO' | 'VIDEO' | 'SQUARE' | 'PORTRAIT';
  videoFillMode?: VideoFillMode;
  gridGap?: GridGap;
  /**
   * Participant attribute that orders the slots.
   */
  participantOrderAttribute?: string;
}
export interface PipManifest {
  featuredParticipantAttribute?: AttributeKey;
  omitStoppedVideo?: boolean;
  videoFillMode?: VideoFillMode;
  gridGap?: GridGap;
  /**
   * Participant attribute marking the picture-in-picture participant.
   */
  pipParticipantAttribute?: string;
  pipBehavior?: 'STATIC' | 'DYNAMIC';
  pipOffset?: number;
  pipPosition?: 'TOP_LEFT' | 'TOP_RIGHT' | 'BOTTOM_LEFT' | 'BOTTOM_RIGHT';
  pipWidth?: number;
  pipHeight?: number;
  participantOrderAttribute?: AttributeKey;
}
/**
 * Exactly one of channel or s3.
 */
export interface DestinationManifest {
  name?: string;
  channel?: ChannelDestinationManifest;
  s3?: S3DestinationManifest;
}
export interface ChannelDestinationManifest {
  channelArn: ChannelArn;
  encoderConfigurationArn?: EncoderConfigurationArn;
}
export interface S3DestinationManifest {
  storageConfigurationArn: StorageConfigurationArn;
  /**
   * @minItems 1
   * @maxItems 1
   */
  encoderConfigurationArns: [EncoderConfigurationArn];
  recordingConfiguration?: RecordingManifest;
  /**
   * @minItems 0
   * @maxItems 1
   */
  thumbnailConfigurations?: [] | [ThumbnailManifest];
}
export interface RecordingManifest {
  format?: 'HLS';
  hlsConfiguration?: HlsManifest;
}
export interface HlsManifest {
  targetSegmentDurationSeconds?: number;
}
export interface ThumbnailManifest {
  targetIntervalSeconds?: number;
  /**
   * @minItems 0
   * @maxItems 2
   */
  storage?: [] | ['SEQUENTIAL' | 'LATEST'] | ['SEQUENTIAL' | 'LATEST', 'SEQUENTIAL' | 'LATEST'];
}
/**
 * Tags written on the composition (at most 50 including stageform's 3 ownership tags). AWS's tagging rules: keys 1-128 and values 0-256 characters of letters, digits, spaces and _ . : / = + - @; neither may start with aws: (any case).
 */
export interface Tags {
  [k: string]: string;
}
