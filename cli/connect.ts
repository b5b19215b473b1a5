// Connecting: which endpoint, region and profile a command talks to, and the IvsApi per region.
import type { DesiredState } from '../core/model/desired.js';
import { UserError } from '../core/model/diagnostics.js';
import type { IvsApi } from '../core/ivs/ivs-api.js';
import { RateLimiter } from '../core/ivs/rate-limiter.js';
import type { CliIo } from './io.js';
import { toUserError } from './report-error.js';

export interface ConnectionOptions {
  local?: boolean;
  region?: string;
  profile?: string;
  parallelism: number;
}

export interface Connection {
  apiFor(region: string): IvsApi;
  /** The endpoint in use; '' for AWS's own. */
  endpoint: string;
  /** The default region: --region, else stageform.yaml, else AWS_REGION / AWS_DEFAULT_REGION. */
  region: string;
  /** Every region to observe: the default region and each declared stage's, sorted. */
  regions: readonly string[];
  rateLimiter: RateLimiter;
  /** Stops the embedded emulator, if one was started. Call it in `finally`. */
  close(): Promise<void>;
}

/** What connect needs of the embedded emulator (emulator/index.ts), loaded only for --local. */
interface LocalEmulator {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function connect(desired: DesiredState, options: ConnectionOptions, io: CliIo): Promise<Connection> {
  const region = resolveRegion(desired, options, io.env);
  const profile = options.profile || io.env.AWS_PROFILE || undefined;
  const stageRegions = desired.stages.map((s) => s.region);
  const regions = [...new Set([region, ...stageRegions].filter((r) => r !== ''))].sort();
  if (regions.length === 0) {
    throw new UserError('NO_REGION', 'no AWS region: none given and no stage declared', {
      hint: 'set region in stageform.yaml, pass --region, or set AWS_REGION',
    });
  }

  // Loaded here, not at the top, so that commands which never connect do not load the SDK.
  const { createIvsApi, resolveEndpoint } = await import('../core/ivs/ivs-client.js');
  const local = options.local ? await openEmbeddedEmulator(desired.rootDir, desired.region) : undefined;
  const endpoint = resolveEndpoint({ endpoint: local?.endpoint, env: io.env });
  const rateLimiter = new RateLimiter(desired.rateLimits);
  const apis = new Map<string, IvsApi>();
  let closed = false;
  return {
    endpoint,
    region: region || regions[0],
    regions,
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
export function resolveRegion(desired: Pick<DesiredState, 'region'>, options: Pick<ConnectionOptions, 'region'>, env: NodeJS.ProcessEnv): string {
  const sources: [string, string | undefined][] = [
    ['--region', options.region],
    ['stageform.yaml', desired.region],
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

async function openEmbeddedEmulator(projectDir: string, region: string): Promise<LocalEmulator> {
  // Imported here so that runs against AWS never load the emulator.
  const { openLocalEmulator } = await import('../emulator/index.js');
  // The project's region, unless its seed file names one.
  try {
    return await openLocalEmulator(projectDir, region ? { region } : {});
  } catch (error) {
    // As a UserError, so that commands treat a locked or corrupt state like any other error of the user's.
    throw toUserError(error);
  }
}
