// `stageform plan`: one plan pass (load, observe, diff), rendered; optionally saved for apply.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../../core/model/diagnostics.js';
import { hasChanges } from '../../core/model/plan.js';
import { renderPlan, selectFormat } from '../../core/render/index.js';
import { createSavedPlan, serializeSavedPlan } from '../../core/plan/saved-plan.js';
import { EXIT_CHANGES, EXIT_ERROR, EXIT_OK, useColor, type CliIo } from '../io.js';
import { planWithSpinner, type LiveReadOptions } from '../plan-pass-edges.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { reportError } from '../report-error.js';

export interface PlanCommandOptions extends LiveReadOptions {
  out?: string;
  json?: boolean;
  format?: string;
  detailedExitcode?: boolean;
}

export async function runPlanCommand(dir: string, opts: PlanCommandOptions, io: CliIo): Promise<number> {
  try {
    const format = selectFormat(opts);
    const outcome = await planWithSpinner(dir, opts, io);
    if (!outcome.ok) {
      printDiagnostics(io, outcome.diagnostics, opts.color);
      return EXIT_ERROR;
    }
    const { plan, provenance } = outcome;
    if (opts.out) {
      const file = resolve(io.cwd, opts.out);
      try {
        writeFileSync(file, serializeSavedPlan(createSavedPlan(plan, provenance)));
      } catch (error) {
        throw new UserError('CANNOT_WRITE_PLAN', `cannot write the plan to ${opts.out}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, {
          hint: 'check that the directory exists and is writable',
        });
      }
    }
    io.stdout.write(renderPlan(plan, { format, color: format === 'human' && useColor(io, opts.color) }));
    if (opts.out && format === 'human') io.stdout.write(`\nSaved the plan to ${opts.out}. To apply exactly these changes, run: stageform apply ${opts.out}\n`);
    return opts.detailedExitcode && hasChanges(plan) ? EXIT_CHANGES : EXIT_OK;
  } catch (error) {
    return reportError(io, error);
  }
}
