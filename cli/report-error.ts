import { UserError } from '../core/model/diagnostics.js';
import { ApiError } from '../core/ivs/ivs-api.js';
import { EmulatorError } from '../emulator/errors.js';
import { EXIT_ERROR, type CliIo } from './io.js';

/**
 * The one place errors become output and an exit code: one line, never a stack trace. With `code`,
 * a user error's code leads the line (`Error: FILE_EXISTS: ...`), for commands whose errors scripts tell apart.
 */
export function reportError(io: CliIo, error: unknown, options: { code?: boolean } = {}): number {
  error = toUserError(error);
  if (error instanceof UserError) {
    io.stderr.write(`Error: ${options.code ? `${error.code}: ` : ''}${error.message}\n`);
    if (error.hint) io.stderr.write(`  hint: ${error.hint}\n`);
    return EXIT_ERROR;
  }
  if (error instanceof ApiError) {
    io.stderr.write(`Error: ${error.operation} failed: ${error.code}: ${redact(error.message)}\n`);
    return EXIT_ERROR;
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.stderr.write(`Error: internal error in stageform (${redact(detail)}). Please report it with the command you ran; set STAGEFORM_DEBUG=1 for details.\n`);
  if (io.env.STAGEFORM_DEBUG && error instanceof Error && error.stack) io.stderr.write(redact(error.stack) + '\n');
  return EXIT_ERROR;
}

/** The emulator keeps its own error classes (it stands apart from core); users see them as UserErrors: same code, message and hint. */
export function toUserError(error: unknown): unknown {
  if (!(error instanceof EmulatorError)) return error;
  return new UserError(error.code, error.message, error.hint !== undefined ? { hint: error.hint } : {});
}

/** Never print credentials, even when an error message carries them. */
export function redact(text: string): string {
  return text
    // A key name, then `=` or `:` (quotes and spaces around them allowed): "credential chain" is prose, not a secret.
    .replace(/(aws_secret_access_key|secretAccessKey|sessionToken|aws_session_token|X-Amz-Security-Token|Signature|Credential)(["']?\s*[=:]\s*["']?)[^\s"'&,]+/gi, '$1$2***')
    .replace(/\bA(KIA|SIA)[A-Z0-9]{16}\b/g, 'A$1****************');
}
