// Diagnostics for people: `file:line:col: error[CODE]: message`, one per line, the hint under
// each (piped into a CI log too), and on a TTY a code frame. For GitHub Actions, workflow commands
// (`::error file=...,line=...,col=...::message`) that become annotations on the pull request. formatDiagnostics is pure: the caller decides where the text
// goes, and passes readSourceFrom(cwd) (or its own reader) for the code frames.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../core/model/diagnostics.js';
import { DEFAULT_MAX_FILE_BYTES } from '../core/load/yaml-source.js';
import { DIAGNOSTIC_STYLES, painter } from '../core/render/styles.js';
import { useColor, type CliIo } from './io.js';

export interface DiagnosticFormatOptions {
  readonly color: boolean;
  /** Source line + caret. On for a TTY. */
  readonly codeFrame: boolean;
  /** Returns a file's text (by its displayed path) for code frames; undefined when unavailable. */
  readonly readSource?: (file: string) => string | undefined;
}


export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: DiagnosticFormatOptions): string {
  const paint = painter(options.color);
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
    out += `${paint(`${d.file}:${d.line}:${d.column}`, ...DIAGNOSTIC_STYLES.location)}: ${paint(`error[${d.code}]`, ...DIAGNOSTIC_STYLES.severity)}: ${sanitize(d.message)}\n`;
    const source = options.codeFrame ? linesOf(d.file)?.[d.line - 1] : undefined;
    if (source !== undefined && source.length > 0) {
      const gutter = String(d.line);
      const frame = frameWindow(source.replace(/\t/g, ' '), d.column);
      out += `  ${paint(`${gutter} |`, ...DIAGNOSTIC_STYLES.frame)} ${sanitize(frame.text)}\n`;
      out += `  ${' '.repeat(gutter.length)} ${paint('|', ...DIAGNOSTIC_STYLES.frame)} ${' '.repeat(frame.caret)}${paint('^', ...DIAGNOSTIC_STYLES.caret)}\n`;
    }
    if (d.hint) out += `  ${paint('hint:', ...DIAGNOSTIC_STYLES.hint)} ${sanitize(d.hint)}\n`;
  }
  return out;
}

/**
 * One `::error` workflow command per diagnostic, for GitHub Actions. `repoPath` maps a displayed
 * path to one relative to the repository root (annotations are placed by that path).
 */
export function formatGithubAnnotations(diagnostics: readonly Diagnostic[], repoPath: (file: string) => string = (f) => f): string {
  return diagnostics
    .map((d) => {
      const properties = `file=${escapeProperty(repoPath(d.file))},line=${d.line},col=${d.column},title=${escapeProperty(d.code)}`;
      const message = d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
      return `::error ${properties}::${escapeData(sanitize(message))}\n`;
    })
    .join('');
}

/** Paths relative to GITHUB_WORKSPACE (the repository root) when set and the file is inside it; else as displayed. */
export function githubRepoPath(cwd: string, env: NodeJS.ProcessEnv): (file: string) => string {
  const workspace = env.GITHUB_WORKSPACE;
  return (file) => {
    if (!workspace) return file;
    const rel = path.relative(workspace, path.resolve(cwd, file));
    return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
  };
}

// The escaping of GitHub's workflow commands (actions/toolkit, command.ts).
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
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
