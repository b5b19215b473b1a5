// Errors are values: a code, a message and the place in the user's files they come from.
// They are collected (every one, not the first) and only printed at the edge (cli/).

export interface SourcePosition {
  /** Path as the user should read it: relative to the working directory where possible. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/**
 * Every code a Diagnostic can carry: UPPER_SNAKE_CASE, stable (users grep for them, tests assert
 * them). README "Error codes" lists exactly these (test/codes-readme.test.ts checks it).
 */
export const DIAGNOSTIC_CODES = [
  // Reading YAML
  'YAML_SYNTAX',
  'DUPLICATE_KEY',
  'TAB_INDENT',
  'ALIAS_LIMIT',
  'NESTING_TOO_DEEP',
  'UNSUPPORTED_TAG',
  'EMPTY_FILE',
  'BINARY_FILE',
  'INVALID_UTF8',
  'FILE_TOO_LARGE',
  'FILE_NOT_FOUND',
  'FILE_UNREADABLE',
  // The schema
  'UNKNOWN_DOCUMENT',
  'UNKNOWN_FIELD',
  'INVALID_TYPE',
  'INVALID_VALUE',
  'MISSING_FIELD',
  // The project as a whole
  'LAYOUT_CONFLICT',
  'DESTINATION_CONFLICT',
  'DUPLICATE_MANIFEST',
  'DUPLICATE_COMPOSITION',
  'DUPLICATE_STAGE',
  'CHANNEL_CONFLICT',
  'ARN_MISMATCH',
  'QUOTA_EXCEEDED',
  'RESERVED_TAG',
  'TOO_MANY_TAGS',
  'MISSING_CONFIG',
  'DUPLICATE_CONFIG',
  'INVALID_SCHEDULE',
  'UNKNOWN_TIME_ZONE',
  // Planning against live state
  'STAGE_NOT_FOUND',
  'CHANNEL_IN_USE',
  'DEPENDENCY_CYCLE',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface Diagnostic extends SourcePosition {
  readonly code: DiagnosticCode;
  readonly message: string;
  /** One line that helps the user fix it, where one helps. */
  readonly hint?: string;
}

/** An error a user can act on (bad flags, unreachable endpoint, stale plan...). Printed as one line, never with a stack. */
export class UserError extends Error {
  readonly code: string;
  readonly hint?: string;
  readonly diagnostics: readonly Diagnostic[];
  constructor(code: string, message: string, options: { hint?: string; diagnostics?: readonly Diagnostic[] } = {}) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.hint = options.hint;
    this.diagnostics = options.diagnostics ?? [];
  }
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}

/** A user's value quoted for a message, cut short: a 1 MB string must not make a 1 MB error line. */
export function quoteValue(value: unknown, max = 140): string {
  return clipText(JSON.stringify(value) ?? String(value), max);
}

/** Text from a user's file (a key, a value) cut to `max` characters, saying how much was left out. */
export function clipText(text: string, max = 140): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
