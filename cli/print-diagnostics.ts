// Diagnostics for people: `file:line:col: error[CODE]: message`, one per line, and on a TTY a
// code frame and the hint under each. formatDiagnostics is pure: the caller decides where the text
// goes, and passes readSourceFrom(cwd) (or its own reader) for the code frames.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../core/model/diagnostics.js';
import { DEFAULT_MAX_FILE_BYTES } from '../core/load/yaml-source.js';
import { useColor, type CliIo } from './io.js';

export interface DiagnosticFormatOptions {
  readonly color: boolean;
  /** Source line + caret, and the hint. On for a TTY. */
  readonly codeFrame: boolean;
  /** Returns a file's text (by its displayed path) for code frames; undefined when unavailable. */
  readonly readSource?: (file: string) => string | undefined;
}

const RED = '\u001b[31m';
const BOLD = '\u001b[1m';
const DIM = '\u001b[2m';
const CYAN = '\u001b[36m';
const RESET = '\u001b[0m';

export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: DiagnosticFormatOptions): string {
  const paint = (style: string, text: string) => (options.color ? `${style}${text}${RESET}` : text);
  const lineCache = new Map<string, string[] | undefined>();
  const linesOf = (file: string): string[] | undefined => {
    if (!lineCache.has(file)) {
      let text: string | undefined;
      try {
        text = options.readSource?.(file);
      } catch {
        text = undefined;
      }
      lineCache.set(file, text === undefined ? undefined : text.split(/\r?\n/));
    }
    return lineCache.get(file);
  };
  let out = '';
  for (const d of diagnostics) {
    out += `${paint(BOLD, `${d.file}:${d.line}:${d.column}`)}: ${paint(RED, `error[${d.code}]`)}: ${sanitize(d.message)}\n`;
    if (!options.codeFrame) continue;
    const source = linesOf(d.file)?.[d.line - 1];
    if (source !== undefined && source.length > 0) {
      const gutter = String(d.line);
      const frame = frameWindow(source.replace(/\t/g, ' '), d.column);
      out += `  ${paint(DIM, `${gutter} |`)} ${sanitize(frame.text)}\n`;
      out += `  ${' '.repeat(gutter.length)} ${paint(DIM, '|')} ${' '.repeat(frame.caret)}${paint(RED, '^')}\n`;
    }
    if (d.hint) out += `  ${paint(CYAN, 'hint:')} ${sanitize(d.hint)}\n`;
  }
  return out;
}

/** Reads a diagnostic's file by its displayed path; a file over the manifest size limit (which the loader refused to read) gets no frame. */
export function readSourceFrom(cwd: string): (file: string) => string | undefined {
  return (file) => {
    const abs = path.resolve(cwd, file);
    return statSync(abs).size > DEFAULT_MAX_FILE_BYTES ? undefined : readFileSync(abs, 'utf8');
  };
}

/** The JSON form of `validate --json`: stable keys, hint only when there is one. */
export function diagnosticsToJson(diagnostics: readonly Diagnostic[]): { file: string; line: number; column: number; code: string; message: string; hint?: string }[] {
  return diagnostics.map((d) => ({ file: d.file, line: d.line, column: d.column, code: d.code, message: d.message, ...(d.hint ? { hint: d.hint } : {}) }));
}

/** Control characters from a user's file must not drive the terminal. */
function sanitize(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const FRAME_WIDTH = 120;

/** The part of a long source line around the column, so a huge line cannot flood the terminal. */
function frameWindow(line: string, column: number): { text: string; caret: number } {
  const at = Math.max(0, column - 1);
  if (line.length <= FRAME_WIDTH) return { text: line, caret: at };
  const start = Math.max(0, Math.min(at - 40, line.length - FRAME_WIDTH));
  const prefix = start > 0 ? '…' : '';
  const suffix = start + FRAME_WIDTH < line.length ? '…' : '';
  return { text: prefix + line.slice(start, start + FRAME_WIDTH) + suffix, caret: at - start + prefix.length };
}

/** Diagnostics to stderr, with code frames read from the working directory. */
export function printDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[], color: boolean | undefined): void {
  const text = formatDiagnostics(diagnostics, {
    color: useColor(io, color, io.stderr),
    codeFrame: true,
    readSource: readSourceFrom(io.cwd),
  });
  io.stderr.write(text.endsWith('\n') || text === '' ? text : text + '\n');
}
