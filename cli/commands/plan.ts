// `stageform plan`: one plan pass (load, observe, diff), rendered; optionally saved for apply.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../../core/model/diagnostics.js';
import { hasChanges } from '../../core/model/plan.js';
import { selectFormat } from '../select-format.js';
import { EXIT_CHANGES, EXIT_ERROR, EXIT_OK, useColor, type CliIo } from '../io.js';
import { planWithSpinner, type LiveReadOptions } from '../plan-pass-edges.js';
import { reportError } from '../report-error.js';

export interface PlanCommandOptions extends LiveReadOptions {
  out?: string;
  json?: boolean;
  format?: string;
  detailedExitcode?: boolean;
}

/** The apply command for a saved plan, with the connection flags the plan was made with: applied elsewhere, it would be refused. */
export function applyCommandLine(planFile: string, dir: string, opts: Pick<PlanCommandOptions, 'local' | 'region' | 'profile'>): string {
  const words = ['stageform', 'apply'];
  if (opts.local) words.push('--local');
  if (opts.region) words.push('--region', opts.region);
  if (opts.profile) words.push('--profile', opts.profile);
  words.push(planFile);
  if (dir !== '.' && dir !== '') words.push(dir);
  return words.map(shellQuote).join(' ');
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export async function runPlanCommand(dir: string, opts: PlanCommandOptions, io: CliIo): Promise<number> {
  try {
    // github: errors as GitHub Actions annotations, the plan as plain text for the log.
    const github = opts.format === 'github';
    const format = selectFormat(github ? { ...opts, format: 'human', color: false } : opts);
    // The renderers load once the listing is on its way, so that its first request need not wait for them.
    let rendering: Promise<[typeof import('../../core/render/index.js'), typeof import('../../core/plan/saved-plan.js')]> | undefined;
    const loadRendering = (): NonNullable<typeof rendering> => (rendering ??= Promise.all([import('../../core/render/index.js'), import('../../core/plan/saved-plan.js')]));
    const outcome = await planWithSpinner(dir, github ? { ...opts, color: false } : opts, io, undefined, {}, () => void loadRendering());
    if (!outcome.ok) {
      const { formatGithubAnnotations, githubRepoPath, printDiagnostics } = await import('../print-diagnostics.js');
      if (github) io.stdout.write(formatGithubAnnotations(outcome.diagnostics, githubRepoPath(io.cwd, io.env)));
      else printDiagnostics(io, outcome.diagnostics, opts.color);
      return EXIT_ERROR;
    }
    const { plan, provenance } = outcome;
    const [{ renderPlan }, { createSavedPlan, serializeSavedPlan }] = await loadRendering();
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
    io.stdout.write(renderPlan(plan, { format, color: format === 'human' && !github && useColor(io, opts.color) }));
    if (opts.out && format === 'human') io.stdout.write(`\nSaved the plan to ${opts.out}. To apply exactly these changes, run: ${applyCommandLine(opts.out, dir, opts)}\n`);
    return opts.detailedExitcode && hasChanges(plan) ? EXIT_CHANGES : EXIT_OK;
  } catch (error) {
    return reportError(io, error);
  }
}
