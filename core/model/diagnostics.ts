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

export interface Diagnostic extends SourcePosition {
  /** UPPER_SNAKE_CASE, stable: users grep for it and tests assert it. */
  readonly code: string;
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
