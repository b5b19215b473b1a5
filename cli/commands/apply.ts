// `stageform apply [DIR | PLANFILE]`: load, connect, observe, plan (or check a saved plan is still
// current), confirm, execute, report. Numbered steps; the work itself is core/apply.ts.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyPlan } from '../../core/apply/apply-plan.js';
import type { ApplyResult } from '../../core/model/apply-result.js';
import { buildPlan } from '../../core/plan/build-plan.js';
import type { DesiredState } from '../../core/model/desired.js';
import { UserError } from '../../core/model/diagnostics.js';
import { loadProject } from '../../core/load/load-project.js';
import { fingerprintLive, observeLive } from '../../core/observe/observe-live.js';
import { hasChanges, type Plan, type SavedPlan } from '../../core/model/plan.js';
import { renderApplyResult, renderApplyResultJson } from '../../core/render/apply-result.js';
import { renderPlanHuman } from '../../core/render/human.js';
import { readSavedPlanFile } from '../../core/plan/saved-plan.js';
import { createApplyProgress } from '../apply-progress.js';
import { connect, type Connection } from '../connect.js';
import { parseDuration } from '../duration.js';
import { printDiagnostics, serviceNow } from './live-plan.js';
import { EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, useColor, type CliIo } from '../io.js';
import { askApproval } from '../prompt.js';
import { redact, reportError } from '../report-error.js';

export interface ApplyCommandOptions {
  autoApprove?: boolean;
  target?: string[];
  waitTimeout?: string;
  /** false with --no-wait. */
  wait?: boolean;
  json?: boolean;
  color?: boolean;
  local?: boolean;
  region?: string;
  profile?: string;
  parallelism?: number;
  /** --refresh-all: GetComposition even for compositions whose ownership tags attest their configuration. */
  refreshAll?: boolean;
  /** --horizon: how far ahead MAX_DURATION looks (default 1h). */
  horizon?: string;
}

export const NO_CHANGES_MESSAGE = 'No changes. Live compositions match the manifests.';

export async function runApplyCommand(target: string, opts: ApplyCommandOptions, io: CliIo): Promise<number> {
  const interrupt = io.signal ? { signal: io.signal, dispose: () => {} } : installInterruptHandlers(io);
  try {
    return await applyCommand(target, opts, io, interrupt.signal);
  } catch (error) {
    if (interrupt.signal.aborted && !(error instanceof UserError)) {
      io.stderr.write('Interrupted before anything was changed.\n');
      return EXIT_INTERRUPTED;
    }
    return reportError(io, error);
  } finally {
    interrupt.dispose();
  }
}

async function applyCommand(target: string, opts: ApplyCommandOptions, io: CliIo, signal: AbortSignal): Promise<number> {
  const color = useColor(io, opts.color);
  const parallelism = opts.parallelism ?? 10;
  const waitTimeoutMs = parseDuration(opts.waitTimeout ?? '2m');
  const horizonMs = parseDuration(opts.horizon ?? '1h', '--horizon');
  const targets = opts.target ?? [];

  // 1. A saved plan or a project directory.
  const saved = readSavedPlanIfAny(resolve(io.cwd, target), target);
  if (saved && targets.length > 0) {
    throw new UserError('TARGET_WITH_SAVED_PLAN', '--target cannot be used with a saved plan: the plan already fixes what is applied', {
      hint: 'pass --target to stageform plan instead',
    });
  }
  const dir = saved ? saved.provenance.rootDir : resolve(io.cwd, target);

  // 2. Load and validate the manifests.
  const loaded = await loadProject(dir, { cwd: io.cwd });
  if (!loaded.desired || loaded.diagnostics.length > 0) {
    printDiagnostics(io, loaded.diagnostics, opts.color);
    return EXIT_ERROR;
  }
  const desired = loaded.desired;

  // 3. Connect and observe.
  const connection = await connect(desired, { local: opts.local, region: opts.region, profile: opts.profile, parallelism }, io);
  try {
    // Observed in full, --target or not, as plan does: a targeted start may depend on any
    // composition holding its channel or quota room, and a saved plan's fingerprint covers all.
    const live = await observeLive(desired, connection.apiFor, {
      parallelism,
      regions: connection.regions,
      endpoint: connection.endpoint,
      refreshAll: opts.refreshAll === true,
      signal,
    });

    // 4. The plan: the saved one if still current, else a fresh one the user approves.
    let plan: Plan;
    if (saved) {
      assertSavedPlanCurrent(saved, desired, connection, fingerprintLive(live), opts.local === true);
      plan = saved.plan;
    } else {
      const built = buildPlan(desired, live, { targets, now: serviceNow(connection), horizonMs });
      if (built.errors.length > 0) {
        printDiagnostics(io, built.errors, opts.color);
        return EXIT_ERROR;
      }
      plan = built.plan;
    }

    if (!hasChanges(plan)) {
      if (opts.json) io.stdout.write(renderApplyResultJson(emptyResult(plan)));
      else if (saved) io.stdout.write(NO_CHANGES_MESSAGE + '\n');
      else io.stdout.write(renderPlanHuman(plan, { color }));
      return EXIT_OK;
    }

    if (!saved) {
      if (!opts.json) io.stdout.write(renderPlanHuman(plan, { color }) + '\n');
      if (!opts.autoApprove) {
        const canAsk = io.stdin?.isTTY === true && !opts.json;
        if (!canAsk) {
          throw new UserError('APPROVAL_REQUIRED', 'apply needs confirmation, and there is no terminal to ask on', {
            hint: 'review the plan and pass --auto-approve, or apply a saved plan: stageform plan --out plan.sfplan && stageform apply plan.sfplan',
          });
        }
        const approved = await askApproval(io, signal);
        if (signal.aborted) {
          io.stderr.write('Interrupted before anything was changed.\n');
          return EXIT_INTERRUPTED;
        }
        if (!approved) {
          io.stdout.write('Apply cancelled.\n');
          return EXIT_ERROR;
        }
      }
    }

    // 5. Execute, with progress on stderr.
    // A terminal that reports no width (some CI pseudo-terminals) cannot host a redrawn spinner.
    const interactive = io.stderr.isTTY === true && (io.stderr.columns ?? 0) > 0 && !opts.json && opts.color !== false;
    const progress = await createApplyProgress(io, { interactive });
    let result: ApplyResult;
    try {
      result = await applyPlan(plan, connection.apiFor, {
        parallelism,
        wait: opts.wait !== false,
        waitTimeoutMs,
        signal,
        onEvent: progress.onEvent,
      });
    } finally {
      progress.stop();
    }

    // 6. Report (AWS error messages pass through the same redaction as every other error).
    result = { ...result, results: result.results.map((r) => (r.error ? { ...r, error: { ...r.error, message: redact(r.error.message) } } : r)) };
    if (opts.json) io.stdout.write(renderApplyResultJson(result));
    else io.stdout.write('\n' + renderApplyResult(result, { color }));
    if (result.interrupted) return EXIT_INTERRUPTED;
    return result.complete ? EXIT_OK : EXIT_ERROR;
  } finally {
    await connection.close();
  }
}

/** A saved plan when `path` is a file that parses as one; undefined for a directory. */
function readSavedPlanIfAny(path: string, shown: string): SavedPlan | undefined {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new UserError('NOT_FOUND', `${shown}: no such project directory or saved plan`, { hint: 'pass a project directory or a file written by stageform plan --out' });
  }
  return isFile ? readSavedPlanFile(path, shown) : undefined;
}

function assertSavedPlanCurrent(saved: SavedPlan, desired: DesiredState, connection: Connection, liveFingerprint: string, local: boolean): void {
  const hint = 'run stageform plan again and apply the new plan';
  const p = saved.provenance;
  if (p.project !== desired.project) {
    throw new UserError('STALE_PLAN', `Saved plan is for project ${p.project}, but the manifests are project ${desired.project}`, { hint });
  }
  if (p.manifestDigest !== desired.manifestDigest) {
    throw new UserError('STALE_PLAN', 'Saved plan is stale: the manifests changed since it was made', { hint });
  }
  if (p.regions.join(',') !== connection.regions.join(',')) {
    throw new UserError('STALE_PLAN', `Saved plan was made for regions ${p.regions.join(', ')}, not ${connection.regions.join(', ')}`, { hint });
  }
  if (!sameEndpoint(p.endpoint, connection.endpoint, local)) {
    throw new UserError('STALE_PLAN', `Saved plan was made against ${p.endpoint || 'AWS'}, not ${connection.endpoint || 'AWS'}`, { hint });
  }
  if (p.liveFingerprint !== liveFingerprint) {
    throw new UserError('STALE_PLAN', 'Saved plan is stale: live compositions changed since it was made', { hint });
  }
}

/**
 * The embedded emulator (--local) listens on a new loopback port each run while its state stays
 * the project's: any two loopback endpoints are then the same. Otherwise they must be equal.
 */
function sameEndpoint(planned: string, current: string, local: boolean): boolean {
  if (planned === current) return true;
  const loopback = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/;
  return local && loopback.test(planned) && loopback.test(current);
}

function emptyResult(plan: Plan): ApplyResult {
  return {
    project: plan.project,
    results: [],
    summary: { added: 0, changed: 0, destroyed: 0, failed: 0, skipped: 0 },
    interrupted: false,
    complete: true,
    durationMs: 0,
  };
}

/**
 * First SIGINT/SIGTERM: abort (start nothing new, finish what is in flight, report). A second
 * one exits at once. The handlers live only as long as the command.
 */
function installInterruptHandlers(io: CliIo): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) {
      io.stderr.write('\nInterrupted again: exiting now. Run stageform plan to see what was done.\n');
      process.exit(EXIT_INTERRUPTED);
    }
    io.stderr.write('\nInterrupt received: starting nothing new, waiting for calls in flight (Ctrl-C again to exit now)...\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
