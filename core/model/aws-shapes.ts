// Plain shapes of the IVS Real-Time API, as our own types, so that only core/ivs/ivs-client.ts
// imports the SDK. They mirror the official model member for member (the copy the project reads
// is emulator/model/ivs-realtime.service-2.json).

export type VideoAspectRatio = 'AUTO' | 'VIDEO' | 'SQUARE' | 'PORTRAIT';
export type VideoFillMode = 'FILL' | 'COVER' | 'CONTAIN';
export type PipBehavior = 'STATIC' | 'DYNAMIC';
export type PipPosition = 'TOP_LEFT' | 'TOP_RIGHT' | 'BOTTOM_LEFT' | 'BOTTOM_RIGHT';
export type ThumbnailStorageType = 'SEQUENTIAL' | 'LATEST';
export type CompositionState = 'STARTING' | 'ACTIVE' | 'STOPPING' | 'FAILED' | 'STOPPED';
export type DestinationState = 'STARTING' | 'ACTIVE' | 'STOPPING' | 'RECONNECTING' | 'FAILED' | 'STOPPED';

export interface GridConfiguration {
  featuredParticipantAttribute?: string;
  omitStoppedVideo?: boolean;
  videoAspectRatio?: VideoAspectRatio;
  videoFillMode?: VideoFillMode;
  gridGap?: number;
  participantOrderAttribute?: string;
}

export interface PipConfiguration {
  featuredParticipantAttribute?: string;
  omitStoppedVideo?: boolean;
  videoFillMode?: VideoFillMode;
  gridGap?: number;
  pipParticipantAttribute?: string;
  pipBehavior?: PipBehavior;
  pipOffset?: number;
  pipPosition?: PipPosition;
  pipWidth?: number;
  pipHeight?: number;
  participantOrderAttribute?: string;
}

export interface LayoutConfiguration {
  grid?: GridConfiguration;
  pip?: PipConfiguration;
}

export interface ChannelDestinationConfiguration {
  channelArn: string;
  encoderConfigurationArn?: string;
}

export interface ThumbnailConfiguration {
  targetIntervalSeconds?: number;
  storage?: ThumbnailStorageType[];
}

export interface RecordingConfiguration {
  format?: 'HLS';
  hlsConfiguration?: { targetSegmentDurationSeconds?: number };
}

export interface S3DestinationConfiguration {
  storageConfigurationArn: string;
  encoderConfigurationArns: string[];
  recordingConfiguration?: RecordingConfiguration;
  thumbnailConfigurations?: ThumbnailConfiguration[];
}

export interface DestinationConfiguration {
  name?: string;
  channel?: ChannelDestinationConfiguration;
  s3?: S3DestinationConfiguration;
}

export type Tags = Record<string, string>;
