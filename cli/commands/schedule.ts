// `stageform schedule [DIR]`: when each scheduled composition starts and stops between --from
// (default now) and --to (default a week later). Reads the manifests only; no AWS call.
import { resolve } from 'node:path';
import { loadProject } from '../../core/load/load-project.js';
import { UserError } from '../../core/model/diagnostics.js';
import { buildScheduleTimeline } from '../../core/plan/schedule-timeline.js';
import { renderScheduleTimeline } from '../../core/render/schedule-timeline.js';
import { EXIT_ERROR, EXIT_OK, type CliIo } from '../io.js';
import { parseInstantFlag } from '../plan-pass-edges.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { reportError } from '../report-error.js';
import { selectFormat } from '../select-format.js';

export interface ScheduleCommandOptions {
  from?: string;
  to?: string;
  json?: boolean;
  format?: string;
  color?: boolean;
}

const DAY_MS = 86_400_000;
export const DEFAULT_RANGE_MS = 7 * DAY_MS;
/** Longer ranges are refused: a minutely cron over years is millions of lines. */
export const MAX_RANGE_MS = 366 * DAY_MS;

/** `now`: the command's clock (tests pass a fixed one). */
export async function runScheduleCommand(dir: string, opts: ScheduleCommandOptions, io: CliIo, now: () => number = Date.now): Promise<number> {
  try {
    const format = selectFormat(opts);
    const fromMs = opts.from === undefined ? now() : parseInstantFlag(opts.from, '--from');
    const toMs = opts.to === undefined ? fromMs + DEFAULT_RANGE_MS : parseInstantFlag(opts.to, '--to');
    if (toMs <= fromMs) throw new UserError('INVALID_RANGE', '--to must come after --from', { hint: 'e.g. --from 2026-12-01T00:00:00Z --to 2026-12-08T00:00:00Z' });
    if (toMs - fromMs > MAX_RANGE_MS) throw new UserError('INVALID_RANGE', 'the range from --from to --to is longer than 366 days', { hint: 'ask for a shorter range' });
    const loaded = await loadProject(resolve(io.cwd, dir), { cwd: io.cwd });
    if (!loaded.desired || loaded.diagnostics.length > 0) {
      printDiagnostics(io, loaded.diagnostics, opts.color);
      return EXIT_ERROR;
    }
    io.stdout.write(renderScheduleTimeline(buildScheduleTimeline(loaded.desired, fromMs, toMs), format));
    return EXIT_OK;
  } catch (error) {
    return reportError(io, error);
  }
}
