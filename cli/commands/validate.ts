// `stageform validate [PATH...]`: every error in every file, one per line; exit 1 on any.
import { loadPaths } from '../../core/load/load-project.js';
import { EXIT_ERROR, EXIT_OK, useColor, type CliIo } from '../io.js';
import { diagnosticsToJson, formatDiagnostics, readSourceFrom } from '../print-diagnostics.js';

export interface ValidateOptions {
  readonly json?: boolean;
  readonly color?: boolean;
}

export async function runValidateCommand(paths: string[], opts: ValidateOptions, io: CliIo): Promise<number> {
  const result = await loadPaths(paths, { cwd: io.cwd });
  const { diagnostics, desired } = result;

  if (opts.json) {
    io.stdout.write(JSON.stringify(diagnosticsToJson(diagnostics), null, 2) + '\n');
    return diagnostics.length ? EXIT_ERROR : EXIT_OK;
  }
  if (diagnostics.length) {
    const tty = io.stderr.isTTY === true;
    io.stderr.write(
      formatDiagnostics(diagnostics, {
        color: useColor(io, opts.color, io.stderr),
        codeFrame: tty,
        readSource: readSourceFrom(io.cwd),
      }),
    );
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
