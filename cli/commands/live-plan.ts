// The steps plan and drift share: load, connect, observe, plan. Problems come back as a value
// (diagnostics to print) so each command decides its output and exit code.
import type { DesiredState } from '../../core/model/desired.js';
import type { Diagnostic } from '../../core/model/diagnostics.js';
import { buildPlan } from '../../core/plan/build-plan.js';
import { loadProject } from '../../core/load/load-project.js';
import { fingerprintLive, observeLive } from '../../core/observe/observe-live.js';
import type { Plan, PlanProvenance } from '../../core/model/plan.js';
import { connect, type Connection } from '../connect.js';
import { parseDuration } from '../duration.js';
import { useColor, type CliIo } from '../io.js';
import { formatDiagnostics, readSourceFrom } from '../print-diagnostics.js';
import { createProgress } from '../progress.js';

export interface LivePlanOptions {
  target?: string[];
  local?: boolean;
  region?: string;
  profile?: string;
  parallelism?: number;
  /** --refresh-all: GetComposition even for compositions whose ownership tags attest their configuration. */
  refreshAll?: boolean;
  /** --horizon: how far ahead MAX_DURATION looks (default 1h). */
  horizon?: string;
  color?: boolean;
}

export type LivePlanOutcome =
  | { readonly ok: true; readonly plan: Plan; readonly provenance: PlanProvenance; readonly desired: DesiredState }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export async function planAgainstLive(dir: string, opts: LivePlanOptions, io: CliIo, progressLabel?: string): Promise<LivePlanOutcome> {
  // 1. Load and validate the manifests.
  const loaded = await loadProject(dir, { cwd: io.cwd });
  if (!loaded.desired || loaded.diagnostics.length > 0) return { ok: false, diagnostics: loaded.diagnostics };
  const desired = loaded.desired;
  const parallelism = opts.parallelism ?? 10;
  const targets = opts.target ?? [];
  const horizonMs = parseDuration(opts.horizon ?? '1h', '--horizon');

  // 2. Connect and observe.
  const connection = await connect(desired, { local: opts.local, region: opts.region, profile: opts.profile, parallelism }, io);
  try {
    const progress = await createProgress(io, { enabled: opts.color !== false, label: progressLabel });
    let live;
    try {
      live = await observeLive(desired, connection.apiFor, {
        parallelism,
        // Everything in detail, --target or not: a targeted start may depend on any composition
        // that holds its channel or quota room.
        regions: connection.regions,
        endpoint: connection.endpoint,
        refreshAll: opts.refreshAll === true,
        onProgress: progress.update,
        signal: io.signal,
      });
    } finally {
      progress.stop();
    }

    // 3. Diff and plan.
    const { plan, errors } = buildPlan(desired, live, { targets, now: serviceNow(connection), horizonMs });
    if (errors.length > 0) return { ok: false, diagnostics: errors };
    const provenance: PlanProvenance = {
      manifestDigest: desired.manifestDigest,
      project: desired.project,
      regions: connection.regions,
      endpoint: connection.endpoint,
      liveFingerprint: fingerprintLive(live),
      rootDir: desired.rootDir,
    };
    return { ok: true, plan, provenance, desired };
  } finally {
    await connection.close();
  }
}

export function printDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[], color: boolean | undefined): void {
  const text = formatDiagnostics(diagnostics, {
    color: useColor(io, color, io.stderr),
    codeFrame: true,
    readSource: readSourceFrom(io.cwd),
  });
  io.stderr.write(text.endsWith('\n') || text === '' ? text : text + '\n');
}

/** The service's clock as its responses told it (an emulator's may be advanced), else ours. */
export function serviceNow(connection: Connection): number {
  for (const region of connection.regions) {
    const now = connection.apiFor(region).serviceNow?.();
    if (now !== undefined) return now;
  }
  return Date.now();
}
