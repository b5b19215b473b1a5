// `stageform apply [DIR | PLANFILE [DIR]]`: one plan pass (load, observe, plan, or check a saved plan is
// still current), confirm, execute, report. The work itself is core/pipeline and core/apply.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyPlan } from '../../core/apply/apply-plan.js';
import type { ApplyEvent, ApplyResult } from '../../core/model/apply-result.js';
import { UserError } from '../../core/model/diagnostics.js';
import { hasChanges, type Plan, type SavedPlan } from '../../core/model/plan.js';
import { withPlanPass } from '../../core/pipeline/plan-pass.js';
import { renderApplyResult, renderApplyResultJson } from '../../core/render/apply-result.js';
import { renderPlanHuman } from '../../core/render/human.js';
import { readSavedPlanFile } from '../../core/plan/saved-plan.js';
import { createApplyProgress } from '../apply-progress.js';
import { parseTimeout } from '../duration.js';
import { EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, useColor, type CliIo } from '../io.js';
import { DEFAULT_PARALLELISM, horizonOf, planPassEdges, type LiveReadOptions } from '../plan-pass-edges.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { askApproval } from '../prompt.js';
import { redact, reportError } from '../report-error.js';
import { installStopSignals, type StopSignals } from '../stop-signals.js';

/** The flags every plan pass reads (plan-pass-edges.ts; apply refuses --at: it acts now), and apply's own. */
export interface ApplyCommandOptions extends LiveReadOptions {
  autoApprove?: boolean;
  waitTimeout?: string;
  /** false with --no-wait. */
  wait?: boolean;
  json?: boolean;
}

export const NO_CHANGES_MESSAGE = 'No changes. Live compositions match the manifests.';

/** `projectDir`: with a saved plan, the project it is applied to (default: the current directory). */
export async function runApplyCommand(target: string, opts: ApplyCommandOptions, io: CliIo, projectDir?: string): Promise<number> {
  const inFlight = new InFlightReplacements();
  const interrupt = io.signal ? { signal: io.signal, dispose: () => {} } : installInterruptHandlers(io, inFlight);
  try {
    return await applyCommand(target, projectDir, opts, io, interrupt.signal, inFlight);
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

async function applyCommand(
  target: string,
  projectDir: string | undefined,
  opts: ApplyCommandOptions,
  io: CliIo,
  signal: AbortSignal,
  inFlight: InFlightReplacements,
): Promise<number> {
  const color = useColor(io, opts.color);
  const parallelism = opts.parallelism ?? DEFAULT_PARALLELISM;
  const waitTimeoutMs = parseTimeout(opts.waitTimeout ?? '2m', '--wait-timeout');
  const targets = opts.target ?? [];
  if (opts.at !== undefined) {
    // Applying what a schedule says at another instant would start a show outside its window,
    // or stop one on air.
    throw new UserError('AT_WITH_APPLY', 'apply acts now, so it evaluates schedules now: --at is only for previews', {
      hint: 'preview with stageform plan --at TIME; apply runs the schedule as of the present instant',
    });
  }

  // 1. A saved plan or a project directory.
  const saved = opts.destroy ? undefined : readSavedPlanIfAny(resolve(io.cwd, target), target);
  const planFlag = targets.length > 0 ? '--target' : (opts.replace ?? []).length > 0 ? '--replace' : (opts.allowStop ?? []).length > 0 ? '--allow-stop' : (opts.adopt ?? []).length > 0 || opts.adoptAll ? '--adopt' : undefined;
  if (saved && planFlag) {
    throw new UserError('TARGET_WITH_SAVED_PLAN', `${planFlag} cannot be used with a saved plan: the plan already fixes what is applied`, {
      hint: `pass ${planFlag} to stageform plan instead`,
    });
  }
  if (!saved && projectDir !== undefined) {
    throw new UserError('UNEXPECTED_ARGUMENT', `${target} is a project directory; a second directory (${projectDir}) goes only after a saved plan`, {
      hint: 'stageform apply DIR, or stageform apply PLANFILE [DIR]',
    });
  }
  // A saved plan records paths relative to the project root: it applies to the project at hand,
  // wherever this checkout is, and the manifests' digest says whether it is the same project.
  const dir = resolve(io.cwd, saved ? (projectDir ?? '.') : target);

  // 2. One plan pass (load, observe, plan or check the saved plan); the rest runs on its connection.
  const passOptions = {
    dir,
    parallelism,
    targets,
    refreshAll: opts.refreshAll === true,
    skipPreflight: opts.skipPreflight === true,
    saved,
    loopbackEndpointsMatch: opts.local === true,
    destroy: opts.destroy === true,
    replace: opts.replace ?? [],
    allowStop: opts.allowStop ?? [],
    adopt: opts.adopt ?? [],
    adoptAll: opts.adoptAll === true,
    now: Date.now(),
    horizonMs: horizonOf(opts),
  };
  return withPlanPass(passOptions, planPassEdges(io, opts, { signal }), async (outcome, apiFor) => {
    if (!outcome.ok) {
      printDiagnostics(io, outcome.diagnostics, opts.color);
      return EXIT_ERROR;
    }
    const { plan } = outcome;

    if (!hasChanges(plan)) {
      if (opts.json) io.stdout.write(renderApplyResultJson(emptyResult(plan)));
      else if (saved) io.stdout.write(NO_CHANGES_MESSAGE + '\n');
      else io.stdout.write(renderPlanHuman(plan, { color }));
      return EXIT_OK;
    }

    // 3. A fresh plan is shown and approved.
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

    // 4. Execute, with progress on stderr.
    // A terminal that reports no width (some CI pseudo-terminals) cannot host a redrawn spinner.
    const interactive = io.stderr.isTTY === true && (io.stderr.columns ?? 0) > 0 && !opts.json;
    const progress = await createApplyProgress(io, { interactive, color: useColor(io, opts.color, io.stderr) });
    let result: ApplyResult;
    try {
      result = await applyPlan(plan, apiFor, {
        parallelism,
        wait: opts.wait !== false,
        waitTimeoutMs,
        signal,
        onEvent: (event) => {
          inFlight.track(event);
          progress.onEvent(event);
        },
      });
    } finally {
      progress.stop();
    }

    // 5. Report (AWS error messages pass through the same redaction as every other error).
    result = { ...result, results: result.results.map((r) => (r.error ? { ...r, error: { ...r.error, message: redact(r.error.message) } } : r)) };
    if (opts.json) io.stdout.write(renderApplyResultJson(result));
    else io.stdout.write('\n' + renderApplyResult(result, { color }));
    if (result.interrupted) return EXIT_INTERRUPTED;
    return result.complete ? EXIT_OK : EXIT_ERROR;
  });
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

/** Addresses whose old composition was stopped and whose successor has not been started yet: what an exit now leaves dark. */
class InFlightReplacements {
  private readonly stopped = new Map<string, string>();
  private readonly replacing = new Set<string>();

  track(event: ApplyEvent): void {
    if (event.kind === 'begin' && event.action === 'replace-stop-first') this.replacing.add(event.address);
    else if (event.kind === 'step' && event.step === 'stopping' && event.arn && this.replacing.has(event.address)) this.stopped.set(event.address, event.arn);
    else if (event.kind === 'step' && (event.step === 'started' || event.step === 'adopted')) this.stopped.delete(event.address);
    else if (event.kind === 'end') this.stopped.delete(event.result.address);
  }

  describe(): string {
    const dark = [...this.stopped.keys()].sort();
    return dark.length > 0 ? ` Left without a composition (stopped, successor not started): ${dark.join(', ')}.` : '';
  }
}

/**
 * First SIGINT/SIGTERM: abort (start nothing new, finish what is in flight, report); a stop-first
 * replacement whose stop was sent still starts its successor. A second one exits at once, through
 * the process edge's `io.exit`, naming what it leaves without a composition. The handlers live only
 * as long as the command.
 */
function installInterruptHandlers(io: CliIo, inFlight: InFlightReplacements): StopSignals {
  return installStopSignals(
    () =>
      io.stderr.write(
        '\nInterrupt received: starting nothing new, waiting for calls in flight; replacements already stopped start their successor first (Ctrl-C again to exit now)...\n',
      ),
    () => {
      io.stderr.write(`\nInterrupted again: exiting now.${inFlight.describe()} Run stageform plan to see what was done.\n`);
      io.exit?.(EXIT_INTERRUPTED);
    },
  );
}
