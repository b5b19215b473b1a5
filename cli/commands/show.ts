// `stageform show FILE`: render a saved plan, without contacting AWS.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../../core/diagnostics.js';
import { renderPlan, selectFormat } from '../../core/render/index.js';
import { parseSavedPlan } from '../../core/saved-plan.js';
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
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, file), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UserError('PLAN_FILE_NOT_FOUND', code === 'ENOENT' ? `${file}: no such file` : `cannot read ${file}: ${code ?? 'error'}`, {
        hint: 'pass a file written by stageform plan --out',
      });
    }
    const saved = parseSavedPlan(text, file);
    io.stdout.write(renderPlan(saved.plan, { format, color: format === 'human' && useColor(io, opts.color) }));
    return EXIT_OK;
  } catch (error) {
    return reportError(io, error);
  }
}
