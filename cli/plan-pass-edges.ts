// The flags plan, drift and apply share, and the edges they hand core's plan pass: the working
// directory, a connection made the CLI's way (--local, --profile, --region), the signal, progress.
import { resolve } from 'node:path';
import type { ObserveProgress } from '../core/observe/observe-live.js';
import { runPlanPass, type PlanPassEdges, type PlanPassOptions, type PlanPassOutcome } from '../core/pipeline/plan-pass.js';
import { UserError } from '../core/model/diagnostics.js';
import { parseScheduleInstant } from '../core/model/schedule.js';
import { connect } from './connect.js';
import { parseDuration, parseTimeout } from './duration.js';
import { useColor, type CliIo } from './io.js';
import { createObserveSpinner } from './observe-spinner.js';

export interface LiveReadOptions {
  target?: string[];
  /** plan --destroy. */
  destroy?: boolean;
  replace?: string[];
  allowStop?: string[];
  adopt?: string[];
  adoptAll?: boolean;
  local?: boolean;
  region?: string;
  profile?: string;
  parallelism?: number;
  /** --refresh-all: GetComposition even for compositions whose ownership tags attest their configuration. */
  refreshAll?: boolean;
  /** --horizon: how far ahead MAX_DURATION looks (default 1h). */
  horizon?: string;
  /** --skip-preflight: the plan's starts are not checked, and the plan says so. */
  skipPreflight?: boolean;
  /** --request-timeout: a duration (default 30s). */
  requestTimeout?: string;
  color?: boolean;
  /** --at: evaluate schedules at this instant (ISO 8601) instead of now; a preview. */
  at?: string;
}

export const DEFAULT_PARALLELISM = 10;

/** --horizon in milliseconds (default 1h). */
export function horizonOf(opts: LiveReadOptions): number {
  return parseDuration(opts.horizon ?? '1h', '--horizon');
}

export function planPassEdges(
  io: CliIo,
  opts: LiveReadOptions,
  edges: { signal?: AbortSignal; onObserveProgress?: (event: ObserveProgress) => void },
): PlanPassEdges {
  const parallelism = opts.parallelism ?? DEFAULT_PARALLELISM;
  // Read now, not at connect: a bad value is reported before the manifests are even loaded.
  const requestTimeoutMs = opts.requestTimeout !== undefined ? parseTimeout(opts.requestTimeout, '--request-timeout') : undefined;
  return {
    cwd: io.cwd,
    connect: (settings) => connect(settings, { local: opts.local, region: opts.region, profile: opts.profile, parallelism, requestTimeoutMs }, io),
    signal: edges.signal,
    onObserveProgress: edges.onObserveProgress,
  };
}

/** --at, --from, --to: an ISO 8601 date-time; without an offset it is UTC. */
export function parseInstantFlag(text: string, flag = '--at'): number {
  const ms = parseScheduleInstant(text.trim(), 'UTC');
  if (ms === undefined) {
    throw new UserError('INVALID_TIME', `${flag} expects an ISO 8601 date-time like 2026-12-01T08:30:00+01:00, got "${text}"`, {
      hint: 'without an offset the time is read as UTC',
    });
  }
  return ms;
}

/** One plan pass with the observe spinner on stderr (plan and drift). */
export async function planWithSpinner(
  dir: string,
  opts: LiveReadOptions,
  io: CliIo,
  spinnerLabel?: string,
  pass: Pick<PlanPassOptions, 'missingStage'> = {},
): Promise<PlanPassOutcome> {
  const spinner = await createObserveSpinner(io, { enabled: true, color: useColor(io, opts.color, io.stderr), label: spinnerLabel });
  try {
    return await runPlanPass(
      {
        dir: resolve(io.cwd, dir),
        parallelism: opts.parallelism ?? DEFAULT_PARALLELISM,
        targets: opts.target ?? [],
        refreshAll: opts.refreshAll === true,
        destroy: opts.destroy === true,
        replace: opts.replace ?? [],
        allowStop: opts.allowStop ?? [],
        adopt: opts.adopt ?? [],
        adoptAll: opts.adoptAll === true,
        horizonMs: horizonOf(opts),
        skipPreflight: opts.skipPreflight === true,
        now: opts.at === undefined ? Date.now() : parseInstantFlag(opts.at),
        ...pass,
      },
      planPassEdges(io, opts, { signal: io.signal, onObserveProgress: spinner.update }),
    );
  } finally {
    spinner.stop();
  }
}
