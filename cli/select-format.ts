// The plan's output format from the command's flags: flag parsing is the CLI's job, renderers
// take the format value.
import { UserError } from '../core/model/diagnostics.js';
import type { PlanFormat } from '../core/render/index.js';

/** --json wins over --format; human by default. */
export function selectFormat(opts: { json?: boolean; format?: string }): PlanFormat {
  if (opts.json) return 'json';
  if (opts.format === 'json' || opts.format === 'markdown' || opts.format === 'human') return opts.format;
  if (opts.format !== undefined) throw new UserError('BAD_FORMAT', `unknown output format "${opts.format}"`, { hint: 'use human, json or markdown' });
  return 'human';
}
