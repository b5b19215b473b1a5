// The one module that imports the AWS SDK: IvsApi over @aws-sdk/client-ivs-realtime (and, for the
// channel reads of preflight, @aws-sdk/client-ivs, the low-latency API), with SDK outputs turned
// into our plain types and every failure into an ApiError.
import {
  GetCompositionCommand,
  GetEncoderConfigurationCommand,
  GetStageCommand,
  GetStorageConfigurationCommand,
  IVSRealTimeClient,
  IVSRealTimeServiceException,
  ListCompositionsCommand,
  ListParticipantsCommand,
  ListStagesCommand,
  StartCompositionCommand,
  StopCompositionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type Composition,
  type CompositionSummary as SdkCompositionSummary,
  type IVSRealTimeClientConfig,
  type Stage,
  type StageSummary,
} from '@aws-sdk/client-ivs-realtime';
import type { CompositionState, DestinationConfiguration, DestinationState, LayoutConfiguration, Tags } from '../model/aws-shapes.js';
import { ApiError, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_REQUEST_TIMEOUT_MS, type CompositionSummary, type IvsApi, type IvsOperation, type LiveStream, type Page, type StartCompositionInput } from './ivs-api.js';
import type { LiveComposition, LiveDestination, LiveStage } from '../model/live.js';
import type { RateLimiter } from './rate-limiter.js';

export interface IvsClientOptions {
  region: string;
  /** Shared-config profile for the SDK's default credential chain (--profile, else AWS_PROFILE). */
  profile?: string;
  /**
   * Explicit endpoint (--local), for both APIs; otherwise AWS_ENDPOINT_URL_IVS_REALTIME (Real-Time)
   * and AWS_ENDPOINT_URL_IVS (low-latency) from env; otherwise AWS.
   */
  endpoint?: string;
  env?: NodeJS.ProcessEnv;
  /** Attempts per call, first included; throttling, 5xx and connection failures are retried with backoff. */
  maxAttempts?: number;
  /** A connection not made in this time fails the attempt (default 5 s). */
  connectTimeoutMs?: number;
  /** An answer not complete in this time fails the attempt (default 30 s, --request-timeout). */
  requestTimeoutMs?: number;
  /** A token is acquired for every attempt (retries included) right before it is sent. */
  rateLimiter?: RateLimiter;
  onCall?: (op: IvsOperation) => void;
}

export const ENDPOINT_ENV = 'AWS_ENDPOINT_URL_IVS_REALTIME';
/** The SDK's standard variable for the IVS low-latency API (channels, streams). */
export const LOW_LATENCY_ENDPOINT_ENV = 'AWS_ENDPOINT_URL_IVS';

/** Static credentials for an endpoint that does not check signatures (the local emulator). */
const LOCAL_CREDENTIALS = { accessKeyId: 'stageform-local', secretAccessKey: 'stageform-local' };

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);

/** The endpoint a client for these options talks to: '' means AWS's own. */
export function resolveEndpoint(options: Pick<IvsClientOptions, 'endpoint' | 'env'>): string {
  return options.endpoint ?? options.env?.[ENDPOINT_ENV] ?? '';
}

/** The operations sent to the low-latency API (channels, streams); every other goes to Real-Time. */
const LOW_LATENCY_OPERATIONS: ReadonlySet<IvsOperation> = new Set<IvsOperation>(['GetChannel', 'GetStream']);

/** The low-latency API's endpoint for these options: '' means AWS's own. */
export function resolveLowLatencyEndpoint(options: Pick<IvsClientOptions, 'endpoint' | 'env'>): string {
  return options.endpoint ?? options.env?.[LOW_LATENCY_ENDPOINT_ENV] ?? '';
}

export function createIvsApi(options: IvsClientOptions): IvsApi {
  const env = options.env ?? process.env;
  const endpoint = resolveEndpoint({ endpoint: options.endpoint, env });
  const config: IVSRealTimeClientConfig = {
    region: options.region,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'standard',
    logger: SILENT_LOGGER,
    // Without these an endpoint that accepts and never answers holds a call forever.
    requestHandler: {
      connectionTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  };
  if (endpoint) config.endpoint = endpoint;
  if (options.profile) config.profile = options.profile;
  const credentials = staticCredentialsFrom(env, endpoint, options.profile);
  if (credentials) config.credentials = credentials;
  const client = new IVSRealTimeClient(config);
  if (options.rateLimiter) pacePerAttempt(client, options.rateLimiter);
  const serviceClock = recordServiceClock(client);
  const where = endpoint || `the AWS IVS Real-Time endpoint in ${options.region}`;
  const attempts = config.maxAttempts as number;
  const lowLatencyEndpoint = resolveLowLatencyEndpoint({ endpoint: options.endpoint, env });
  const lowLatencyWhere = lowLatencyEndpoint || `the AWS IVS low-latency endpoint in ${options.region}`;
  // Configured like the Real-Time client; the package is loaded on first use, so that plans which
  // start nothing (the common case) never pay for it.
  let lowLatency: Promise<LowLatencyClient> | undefined;
  const lowLatencyClient = (): Promise<LowLatencyClient> => {
    lowLatency ??= import('@aws-sdk/client-ivs').then((sdk) => {
      const { endpoint: _, ...shared } = config;
      const client = new sdk.IvsClient({ ...shared, ...(lowLatencyEndpoint ? { endpoint: lowLatencyEndpoint } : {}), credentials: staticCredentialsFrom(env, lowLatencyEndpoint, options.profile) ?? config.credentials });
      if (options.rateLimiter) pacePerAttempt(client, options.rateLimiter);
      return { client, sdk };
    });
    return lowLatency;
  };

  async function call<T>(op: IvsOperation, send: () => Promise<T>, at = where): Promise<T> {
    options.onCall?.(op);
    try {
      return await send();
    } catch (error) {
      throw toApiError(op, error, at, options.profile, attempts);
    }
  }

  function callLowLatency<T>(op: IvsOperation, send: (ll: LowLatencyClient) => Promise<T>): Promise<T> {
    return call(op, async () => send(await lowLatencyClient()), lowLatencyWhere);
  }

  return {
    region: options.region,
    async listStages(input) {
      const out = await call('ListStages', () => client.send(new ListStagesCommand({ nextToken: input.nextToken, maxResults: input.maxResults })));
      return page((out.stages ?? []).map(toLiveStage), out.nextToken);
    },
    async getStage(arn) {
      const out = await call('GetStage', () => client.send(new GetStageCommand({ arn })));
      if (!out.stage) throw new ApiError('GetStage', 'InvalidResponse', 'GetStage returned no stage');
      return toLiveStage(out.stage);
    },
    async listCompositions(input) {
      const out = await call('ListCompositions', () =>
        client.send(new ListCompositionsCommand({ filterByStageArn: input.filterByStageArn, nextToken: input.nextToken, maxResults: input.maxResults })),
      );
      return page((out.compositions ?? []).map(toCompositionSummary), out.nextToken);
    },
    async getComposition(arn) {
      const out = await call('GetComposition', () => client.send(new GetCompositionCommand({ arn })));
      return toLiveComposition(requireComposition('GetComposition', out.composition));
    },
    async listParticipants(input) {
      const out = await call('ListParticipants', () =>
        client.send(
          new ListParticipantsCommand({
            stageArn: input.stageArn,
            sessionId: input.sessionId,
            filterByState: input.filterByState,
            nextToken: input.nextToken,
            maxResults: input.maxResults,
          }),
        ),
      );
      const participants = (out.participants ?? []).map((p) => ({
        participantId: p.participantId ?? '',
        state: p.state === 'CONNECTED' ? ('CONNECTED' as const) : ('DISCONNECTED' as const),
        published: p.published === true,
      }));
      return page(participants, out.nextToken);
    },
    serviceNow: () => serviceClock.now(),
    async startComposition(input: StartCompositionInput) {
      const out = await call('StartComposition', () =>
        client.send(
          new StartCompositionCommand({
            stageArn: input.stageArn,
            idempotencyToken: input.idempotencyToken,
            layout: input.layout,
            destinations: input.destinations as DestinationConfiguration[],
            tags: input.tags,
          } as ConstructorParameters<typeof StartCompositionCommand>[0]),
        ),
      );
      return toLiveComposition(requireComposition('StartComposition', out.composition));
    },
    async stopComposition(arn) {
      await call('StopComposition', () => client.send(new StopCompositionCommand({ arn })));
    },
    async tagResource(arn, tags) {
      await call('TagResource', () => client.send(new TagResourceCommand({ resourceArn: arn, tags })));
    },
    async untagResource(arn, tagKeys) {
      await call('UntagResource', () => client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: [...tagKeys] })));
    },
    async getEncoderConfiguration(arn) {
      const out = await call('GetEncoderConfiguration', () => client.send(new GetEncoderConfigurationCommand({ arn })));
      return { arn: out.encoderConfiguration?.arn ?? arn };
    },
    async getStorageConfiguration(arn) {
      const out = await call('GetStorageConfiguration', () => client.send(new GetStorageConfigurationCommand({ arn })));
      return { arn: out.storageConfiguration?.arn ?? arn };
    },
    async getChannel(arn) {
      const out = await callLowLatency('GetChannel', ({ client: ivs, sdk }) => ivs.send(new sdk.GetChannelCommand({ arn })));
      return compact({ arn: out.channel?.arn ?? arn, name: out.channel?.name || undefined });
    },
    async getStream(channelArn) {
      try {
        const out = await callLowLatency('GetStream', ({ client: ivs, sdk }) => ivs.send(new sdk.GetStreamCommand({ channelArn })));
        if (!out.stream) return null;
        const stream: LiveStream = compact({ channelArn: out.stream.channelArn ?? channelArn, streamId: out.stream.streamId, state: out.stream.state, startTime: iso(out.stream.startTime) });
        return stream;
      } catch (error) {
        // "Do not rely on the OFFLINE state": a channel that is not live answers ChannelNotBroadcasting.
        if (error instanceof ApiError && error.code === 'ChannelNotBroadcasting') return null;
        throw error;
      }
    },
  };
}

/**
 * Takes a rate-limit token for every attempt, retries included, as late as possible: after
 * signing, right before the request goes on the wire. The service counts requests on arrival, so
 * a token taken before the SDK's own set-up work (credentials, first connection) would let the
 * next requests arrive early and be throttled; and unpaced retries would feed a throttling storm.
 */
function pacePerAttempt(client: IVSRealTimeClient | LowLatencyClient['client'], limiter: RateLimiter): void {
  type Handler = (args: unknown) => Promise<unknown>;
  const pace = (next: Handler, context: { commandName?: string }): Handler => async (args) => {
    await limiter.acquire(String(context.commandName).replace(/Command$/, '') as IvsOperation);
    return next(args);
  };
  client.middlewareStack.addRelativeTo(
    pace as unknown as Parameters<typeof client.middlewareStack.addRelativeTo>[0],
    { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'stageformRateLimit', override: true },
  );
}

/**
 * Reads the Date header of every response: the service's clock, to the second. The offset to the
 * local clock is kept, so `now()` moves on between responses.
 */
function recordServiceClock(client: IVSRealTimeClient): { now(): number | undefined } {
  let offsetMs: number | undefined;
  type Handler = (args: unknown) => Promise<{ response?: { headers?: Record<string, string> } }>;
  const read = (next: Handler): Handler => async (args) => {
    const out = await next(args);
    const date = out.response?.headers?.date ?? out.response?.headers?.Date;
    const at = date ? Date.parse(date) : NaN;
    if (Number.isFinite(at)) offsetMs = at - Date.now();
    return out;
  };
  client.middlewareStack.add(read as unknown as Parameters<typeof client.middlewareStack.add>[0], { step: 'deserialize', name: 'stageformServiceClock', override: true });
  return { now: () => (offsetMs === undefined ? undefined : Date.now() + offsetMs) };
}

type LowLatencySdk = typeof import('@aws-sdk/client-ivs');
interface LowLatencyClient {
  readonly client: InstanceType<LowLatencySdk['IvsClient']>;
  readonly sdk: LowLatencySdk;
}

/**
 * Says nothing. It has no `info`: the SDK's logger middleware builds a redacted copy of every
 * response (a walk over each item of a listing page) only to hand it to `logger.info`, and skips
 * that when there is none; the SDK calls `info` nowhere else, and only through `?.`.
 */
const SILENT_LOGGER = { trace() {}, debug() {}, warn() {}, error() {} } as unknown as NonNullable<IVSRealTimeClientConfig['logger']>;

/**
 * Credentials from the env we were given (which may not be process.env), or for a non-AWS
 * endpoint without a profile, placeholders, so that --local needs no AWS account. Otherwise
 * undefined: the SDK's default chain (env, shared config with `profile`, SSO, IMDS...) applies.
 */
function staticCredentialsFrom(env: NodeJS.ProcessEnv, endpoint: string, profile: string | undefined): IVSRealTimeClientConfig['credentials'] {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && !profile) {
    return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN || undefined };
  }
  if (endpoint && !profile) return LOCAL_CREDENTIALS;
  return undefined;
}

function page<T>(items: T[], nextToken: string | undefined): Page<T> {
  return nextToken ? { items, nextToken } : { items };
}

function requireComposition(op: IvsOperation, composition: Composition | undefined): Composition {
  if (!composition) throw new ApiError(op, 'InvalidResponse', `${op} returned no composition`);
  return composition;
}

function iso(date: Date | undefined): string | undefined {
  return date ? date.toISOString() : undefined;
}

/** Drops undefined members so that results are plain data that compare and serialise predictably. */
function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}

/** Deep copy without undefined members, for configuration objects passed back by the SDK. */
function plain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plain) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = plain(v);
    return out as T;
  }
  return value;
}

function toLiveStage(stage: StageSummary | Stage): LiveStage {
  return compact({ arn: stage.arn ?? '', name: stage.name || undefined, activeSessionId: stage.activeSessionId || undefined, tags: { ...(stage.tags ?? {}) } });
}

function toCompositionSummary(summary: SdkCompositionSummary): CompositionSummary {
  return compact({
    arn: summary.arn ?? '',
    stageArn: summary.stageArn ?? '',
    state: summary.state as CompositionState,
    tags: { ...(summary.tags ?? {}) } as Tags,
    destinations: (summary.destinations ?? []).map((d) =>
      compact({ id: d.id ?? '', state: d.state as DestinationState, startTime: iso(d.startTime), endTime: iso(d.endTime) }),
    ),
    startTime: iso(summary.startTime),
    endTime: iso(summary.endTime),
  });
}

function toLiveComposition(composition: Composition): LiveComposition {
  return compact({
    arn: composition.arn ?? '',
    stageArn: composition.stageArn ?? '',
    state: composition.state as CompositionState,
    tags: { ...(composition.tags ?? {}) } as Tags,
    destinations: (composition.destinations ?? []).map(
      (d): LiveDestination =>
        compact({
          id: d.id ?? '',
          state: d.state as DestinationState,
          configuration: d.configuration ? (plain(d.configuration) as DestinationConfiguration) : undefined,
          startTime: iso(d.startTime),
          endTime: iso(d.endTime),
        }),
    ),
    layout: composition.layout ? (plain(composition.layout) as LayoutConfiguration) : undefined,
    startTime: iso(composition.startTime),
    endTime: iso(composition.endTime),
  });
}

/** Every SDK failure as an ApiError: the AWS error name as code, one line, no credentials. */
export function toApiError(op: IvsOperation, error: unknown, where: string, profile?: string, attempts = DEFAULT_MAX_ATTEMPTS): ApiError {
  if (error instanceof ApiError) return error;
  const notIvs = describeNonIvsAnswer(error);
  if (notIvs) {
    const [api, variable] = LOW_LATENCY_OPERATIONS.has(op) ? ['IVS low-latency', LOW_LATENCY_ENDPOINT_ENV] : ['IVS Real-Time', ENDPOINT_ENV];
    return new ApiError(op, 'NotIvsApi', `${where} answered ${op} with ${notIvs}: that is not the ${api} API; check the endpoint (--local, ${variable})`, statusOf(error));
  }
  if (error instanceof IVSRealTimeServiceException || isServiceException(error)) {
    const detail = (error as { exceptionMessage?: string }).exceptionMessage || error.message || error.name;
    return new ApiError(op, error.name, oneLine(detail), error.$metadata?.httpStatusCode);
  }
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  if (e?.name === 'CredentialsProviderError' || /could not load credentials/i.test(e?.message ?? '')) {
    const whose = profile ? `profile "${profile}"` : 'the default credential chain';
    return new ApiError(
      op,
      'CredentialsError',
      `no usable AWS credentials from ${whose} (hint: set AWS_PROFILE or --profile, run "aws sso login", or use --local for the local emulator)`,
    );
  }
  const code = e?.code ?? (e as { cause?: { code?: string } })?.cause?.code;
  if (e?.name === 'TimeoutError') {
    return new ApiError(op, 'NetworkError', `${op} to ${where}: no answer in time after ${attempts} attempts (${oneLine(e.message ?? '').replace(/^@smithy\/node-http-handler - (\[ERROR\] )?/, '')}): check the endpoint and your network, or raise --request-timeout`);
  }
  if ((code && NETWORK_CODES.has(code)) || /socket hang up|ECONNREFUSED|getaddrinfo/i.test(e?.message ?? '')) {
    return new ApiError(op, 'NetworkError', `${op} to ${where}: could not reach it after ${attempts} attempts${code ? ` (${code})` : ''}: check the endpoint and your network`);
  }
  const status = e?.$metadata?.httpStatusCode;
  return new ApiError(op, e?.name && e.name !== 'Error' ? e.name : 'UnknownError', oneLine(e?.message ?? String(error)), status);
}

/** An error the service answered with (either SDK's ServiceException: a fault and response metadata). */
function isServiceException(error: unknown): error is IVSRealTimeServiceException {
  const e = error as { $fault?: unknown; $metadata?: unknown; name?: unknown };
  return typeof e?.$fault === 'string' && typeof e.$metadata === 'object' && typeof e.name === 'string' && e.name !== 'Error';
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

/**
 * An answer that is not the IVS API's (a web server, a proxy's page, the wrong port): no
 * `x-amzn-ErrorType`, and an empty, HTML or unparsable body. Said as such, not as `UnknownError`.
 */
function describeNonIvsAnswer(error: unknown): string | undefined {
  const e = error as { name?: string; message?: string; $response?: { statusCode?: number; headers?: Record<string, string> }; $responseBodyText?: string };
  const response = e?.$response;
  const status = response?.statusCode ?? statusOf(error);
  if (!status) return undefined;
  const headers = Object.fromEntries(Object.entries(response?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  if (headers['x-amzn-errortype']) return undefined;
  const contentType = headers['content-type'] ?? '';
  const body = e.$responseBodyText;
  const unparsable = /Deserialization error|Unexpected token|is not valid JSON|Unexpected end of JSON/i.test(e.message ?? '');
  if (/html/i.test(contentType) || /^\s*</.test(body ?? '')) return `HTTP ${status} and an HTML page`;
  if (body === '' || headers['content-length'] === '0') return `HTTP ${status} and an empty body`;
  // The SDK names an error it found no AWS error type for "Unknown": an empty body, or one with no error in it.
  if (e.name === 'Unknown' || e.name === 'UnknownError') return `HTTP ${status} and no AWS error in the body (empty?)`;
  if (unparsable) return `HTTP ${status} and a body that is not JSON`;
  if (status >= 300 && !(error instanceof IVSRealTimeServiceException)) return `HTTP ${status} and no AWS error type`;
  return undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
