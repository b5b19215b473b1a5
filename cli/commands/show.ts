// `stageform show FILE`: render a saved plan, without contacting AWS.
import { resolve } from 'node:path';
import { renderPlan } from '../../core/render/index.js';
import { selectFormat } from '../select-format.js';
import { readSavedPlanFile } from '../../core/plan/saved-plan.js';
import { EXIT_OK, useColor, type CliIo } from '../io.js';
import { reportError } from '../report-error.js';

export interface ShowCommandOptions {
  json?: boolean;
  format?: string;
  color?: boolean;
}

export async function runShowCommand(file: string, opts: ShowCommandOptions, io: CliIo): Promise<number> {
  try {
    const format = selectFormat(opts);
    const saved = readSavedPlanFile(resolve(io.cwd, file), file);
    io.stdout.write(renderPlan(saved.plan, { format, color: format === 'human' && useColor(io, opts.color) }));
    return EXIT_OK;
  } catch (error) {
    return reportError(io, error);
  }
}
