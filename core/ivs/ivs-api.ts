// The small interface the rest of core uses to talk to IVS Real-Time (and, for channels, the IVS
// low-latency API). Its only implementation over the network is core/ivs/ivs-client.ts, the one
// module that imports the AWS SDK.
import type { CompositionState, DestinationConfiguration, DestinationState, LayoutConfiguration, Tags } from '../model/aws-shapes.js';
import type { LiveComposition, LiveStage } from '../model/live.js';

/** The client's defaults (here, not in ivs-client.ts, so that the CLI's help can name them without loading the SDK). */
export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface CompositionSummary {
  readonly arn: string;
  readonly stageArn: string;
  readonly state: CompositionState;
  readonly tags: Tags;
  readonly destinations: readonly { readonly id: string; readonly state: DestinationState; readonly startTime?: string; readonly endTime?: string }[];
  readonly startTime?: string;
  readonly endTime?: string;
}

/** A participant as ListParticipants lists it. */
export interface ParticipantSummary {
  readonly participantId: string;
  readonly state: 'CONNECTED' | 'DISCONNECTED';
  /** Whether the participant ever published in the session (not whether it publishes now). */
  readonly published: boolean;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

export interface StartCompositionInput {
  readonly stageArn: string;
  readonly idempotencyToken: string;
  readonly layout: LayoutConfiguration;
  readonly destinations: readonly DestinationConfiguration[];
  readonly tags: Tags;
}

export type IvsOperation =
  | 'ListStages'
  | 'GetStage'
  | 'ListCompositions'
  | 'ListParticipants'
  | 'GetComposition'
  | 'StartComposition'
  | 'StopComposition'
  | 'TagResource'
  | 'UntagResource'
  // Read by preflight only: configurations (Real-Time API) and channels (low-latency API).
  | 'GetEncoderConfiguration'
  | 'GetStorageConfiguration'
  | 'GetChannel'
  | 'GetStream';

/** A channel's live stream, as GetStream tells it (low-latency API). */
export interface LiveStream {
  readonly channelArn: string;
  readonly streamId?: string;
  readonly state?: string;
  readonly startTime?: string;
}

export interface IvsApi {
  readonly region: string;
  listStages(input: { nextToken?: string; maxResults?: number }): Promise<Page<LiveStage>>;
  /** One stage (a targeted pass reads only the stages it was asked about); ResourceNotFoundException when it does not exist. */
  getStage(arn: string): Promise<LiveStage>;
  listCompositions(input: { filterByStageArn?: string; nextToken?: string; maxResults?: number }): Promise<Page<CompositionSummary>>;
  getComposition(arn: string): Promise<LiveComposition>;
  /** One filter at most per request (the API's rule); a sessionId is required. */
  listParticipants(input: {
    stageArn: string;
    sessionId: string;
    filterByState?: 'CONNECTED' | 'DISCONNECTED';
    nextToken?: string;
    maxResults?: number;
  }): Promise<Page<ParticipantSummary>>;
  /**
   * The service's clock (epoch ms) as its latest response's Date header gave it, corrected for the
   * time since; undefined before any response. Durations measured on the service's timestamps
   * (the 24-hour limit) use it rather than the local clock.
   */
  serviceNow?(): number | undefined;
  startComposition(input: StartCompositionInput): Promise<LiveComposition>;
  stopComposition(arn: string): Promise<void>;
  tagResource(arn: string, tags: Tags): Promise<void>;
  untagResource(arn: string, tagKeys: readonly string[]): Promise<void>;
  /** Resolves when it exists; ResourceNotFoundException otherwise. */
  getEncoderConfiguration(arn: string): Promise<{ readonly arn: string }>;
  getStorageConfiguration(arn: string): Promise<{ readonly arn: string }>;
  /** Low-latency API: resolves when the channel exists; ResourceNotFoundException otherwise. */
  getChannel(arn: string): Promise<{ readonly arn: string; readonly name?: string }>;
  /** Low-latency API: the channel's live stream, or null when it is not broadcasting. */
  getStream(channelArn: string): Promise<LiveStream | null>;
}

/** Every failure of an API call, whatever the transport: the AWS error code is what callers branch on. */
export class ApiError extends Error {
  /** AWS error name: ResourceNotFoundException, ThrottlingException, ... or NetworkError. */
  readonly code: string;
  readonly operation: IvsOperation;
  readonly statusCode?: number;
  constructor(operation: IvsOperation, code: string, message: string, statusCode?: number) {
    super(message);
    this.name = 'ApiError';
    this.operation = operation;
    this.code = code;
    this.statusCode = statusCode;
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'ResourceNotFoundException';
}

/** The read's value, or null when the resource does not exist (ResourceNotFoundException); other failures propagate. */
export async function nullIfNotFound<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
