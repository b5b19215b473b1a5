// `stageform drift`: the scheduled check. One summary line (or JSON for alerting); exit 2 when
// live compositions differ from the manifests or drifted, 0 when they match, 1 on error.
import { isDrifted, renderDriftJson, renderDriftLine } from '../../core/render/drift-summary.js';
import { EXIT_CHANGES, EXIT_ERROR, EXIT_OK, type CliIo } from '../io.js';
import { planWithSpinner, type LiveReadOptions } from '../plan-pass-edges.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { reportError } from '../report-error.js';

export interface DriftCommandOptions extends LiveReadOptions {
  json?: boolean;
}

export async function runDriftCommand(dir: string, opts: DriftCommandOptions, io: CliIo): Promise<number> {
  try {
    // A missing stage is drift to report, not a reason to stop checking the others.
    const outcome = await planWithSpinner(dir, { ...opts, target: [] }, io, 'Checking for drift', { missingStage: 'drift' });
    if (!outcome.ok) {
      printDiagnostics(io, outcome.diagnostics, opts.color);
      return EXIT_ERROR;
    }
    io.stdout.write(opts.json ? renderDriftJson(outcome.plan) : renderDriftLine(outcome.plan));
    return isDrifted(outcome.plan) ? EXIT_CHANGES : EXIT_OK;
  } catch (error) {
    return reportError(io, error);
  }
}
