// Connecting: which endpoint, region and profile a command talks to, and the IvsApi per region.
import type { ProjectSettings } from '../core/model/desired.js';
import { UserError } from '../core/model/diagnostics.js';
import type { IvsApi } from '../core/ivs/ivs-api.js';
import { RateLimiter } from '../core/ivs/rate-limiter.js';
import type { PipelineConnection } from '../core/pipeline/plan-pass.js';
import type { CliIo } from './io.js';
import { toUserError } from './report-error.js';

export interface ConnectionOptions {
  local?: boolean;
  region?: string;
  profile?: string;
  parallelism: number;
  /** Per-attempt request timeout (default: the client's, 30 s). */
  requestTimeoutMs?: number;
}

export interface Connection extends PipelineConnection {
  /** The default region: --region, else stageform.yaml, else AWS_REGION / AWS_DEFAULT_REGION ('' when none). */
  readonly region: string;
  readonly rateLimiter: RateLimiter;
  /** Stops the embedded emulator, if one was started. Call it in `finally`. */
  close(): Promise<void>;
}

/** What connect needs of the embedded emulator (emulator/index.ts), loaded only for --local. */
interface LocalEmulator {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function connect(settings: ProjectSettings, options: ConnectionOptions, io: CliIo): Promise<Connection> {
  const region = resolveRegion(settings, options, io.env);
  const profile = options.profile || io.env.AWS_PROFILE || undefined;
  // The SDK warns about this Node version on stderr when a client is built, and reads the switch
  // from the process environment only; that notice is ours to give, not the user's plan's.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

  // Loaded here, not at the top, so that commands which never connect do not load the SDK.
  const { createIvsApi, resolveEndpoint } = await import('../core/ivs/ivs-client.js');
  const local = options.local ? await openEmbeddedEmulator(settings) : undefined;
  const endpoint = resolveEndpoint({ endpoint: local?.endpoint, env: io.env });
  const rateLimiter = new RateLimiter(settings.rateLimits);
  const apis = new Map<string, IvsApi>();
  let closed = false;
  return {
    endpoint,
    region,
    rateLimiter,
    apiFor(r: string): IvsApi {
      let api = apis.get(r);
      if (!api) {
        api = createIvsApi({
          region: r,
          profile: local ? undefined : profile,
          endpoint: endpoint || undefined,
          env: io.env,
          rateLimiter: rateLimiter.forScope(r),
          ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
        });
        apis.set(r, api);
      }
      return api;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await local?.stop();
    },
  };
}

/** The shape of AWS region names (us-east-1, us-gov-west-1, ap-southeast-2); stageform.yaml's schema checks the same. */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function isRegionName(value: string): boolean {
  return REGION_NAME.test(value);
}

/** --region, else stageform.yaml, else AWS_REGION / AWS_DEFAULT_REGION; '' when none. A malformed one is an error naming it and where it came from. */
export function resolveRegion(settings: Pick<ProjectSettings, 'region'>, options: Pick<ConnectionOptions, 'region'>, env: NodeJS.ProcessEnv): string {
  const sources: [string, string | undefined][] = [
    ['--region', options.region],
    ['stageform.yaml', settings.region],
    ['AWS_REGION', env.AWS_REGION],
    ['AWS_DEFAULT_REGION', env.AWS_DEFAULT_REGION],
  ];
  const found = sources.find(([, value]) => value);
  if (!found) return '';
  const [source, region] = found as [string, string];
  if (!isRegionName(region)) {
    throw new UserError('INVALID_REGION', `${source} "${region}" is not an AWS region name`, { hint: 'use a region name like us-east-1 or eu-west-2' });
  }
  return region;
}

async function openEmbeddedEmulator(settings: Pick<ProjectSettings, 'rootDir' | 'region' | 'quotas'>): Promise<LocalEmulator> {
  // Imported here so that runs against AWS never load the emulator.
  const { openLocalEmulator } = await import('../emulator/index.js');
  // The project's region, unless its seed file names one; the account's quotas as stageform.yaml
  // states them (AWS's defaults unless raised), so that what plan allows, the emulator allows.
  const { region, quotas } = settings;
  try {
    return await openLocalEmulator(settings.rootDir, { ...(region ? { region } : {}), quotas: { ...quotas } });
  } catch (error) {
    // As a UserError, so that commands treat a locked or corrupt state like any other error of the user's.
    throw toUserError(error);
  }
}
