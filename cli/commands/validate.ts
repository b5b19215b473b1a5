// `stageform validate [PATH...]`: every error in every file, one per line; exit 1 on any.
import { loadPaths } from '../../core/load/load-project.js';
import { EXIT_ERROR, EXIT_OK, useColor, type CliIo } from '../io.js';
import { diagnosticsToJson, formatDiagnostics, formatGithubAnnotations, githubRepoPath, readSourceFrom } from '../print-diagnostics.js';

export interface ValidateOptions {
  readonly json?: boolean;
  /** human (default), json or github (annotations on stdout). */
  readonly format?: string;
  readonly color?: boolean;
}

export async function runValidateCommand(paths: string[], opts: ValidateOptions, io: CliIo): Promise<number> {
  const result = await loadPaths(paths, { cwd: io.cwd });
  const { diagnostics, desired } = result;

  if (opts.json || opts.format === 'json') {
    io.stdout.write(JSON.stringify(diagnosticsToJson(diagnostics), null, 2) + '\n');
    return diagnostics.length ? EXIT_ERROR : EXIT_OK;
  }
  if (diagnostics.length) {
    if (opts.format === 'github') {
      // The runner reads workflow commands from stdout; each becomes an annotation on the file.
      io.stdout.write(formatGithubAnnotations(diagnostics, githubRepoPath(io.cwd, io.env)));
    } else {
      io.stderr.write(
        formatDiagnostics(diagnostics, {
          color: useColor(io, opts.color, io.stderr),
          codeFrame: io.stderr.isTTY === true,
          readSource: readSourceFrom(io.cwd),
        }),
      );
    }
    const files = new Set(diagnostics.map((d) => d.file)).size;
    io.stderr.write(`${plural(diagnostics.length, 'error')} in ${plural(files, 'file')}.\n`);
    return EXIT_ERROR;
  }
  const compositions = desired?.compositions.length ?? 0;
  const stages = desired?.stages.length ?? 0;
  io.stdout.write(
    `Success! ${plural(result.manifestCount, 'manifest')}, ${plural(compositions, 'composition')} on ${plural(stages, 'stage')} ${result.manifestCount === 1 ? 'is' : 'are'} valid.\n`,
  );
  return EXIT_OK;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
