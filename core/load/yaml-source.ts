// Bytes -> YAML documents with positions. Never throws: every problem with the bytes or the YAML
// becomes a positioned Diagnostic, and nothing in a file is ever executed (core schema, no custom tags).
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Diagnostic, DiagnosticCode, SourcePosition } from '../model/diagnostics.js';

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
/** Alias expansions allowed per document: enough for anchors used as shorthand, far too few for a "billion laughs". */
export const MAX_ALIAS_COUNT = 100;

export type YamlPath = readonly (string | number)[];

/**
 * Where each node of a document starts, by path: plain data, so the parsed tree can be dropped
 * (or the index sent between threads). Entries are [valueLine, valueColumn, keyLine, keyColumn], 0 = none.
 */
export type PositionIndex = ReadonlyMap<string, readonly [number, number, number, number]>;

export interface YamlDocument {
  /** The document as plain data. */
  readonly value: unknown;
  readonly positions: PositionIndex;
}

export interface YamlSource {
  /** Path as shown to users. */
  readonly file: string;
  readonly documents: readonly YamlDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

const YAML_CODES: Record<string, { code: DiagnosticCode; hint?: string }> = {
  DUPLICATE_KEY: { code: 'DUPLICATE_KEY', hint: 'each key may appear once in a mapping; remove or merge the repeated one' },
  TAB_AS_INDENT: { code: 'TAB_INDENT', hint: 'YAML indentation must use spaces; configure your editor to insert spaces' },
  TAG_RESOLVE_FAILED: { code: 'UNSUPPORTED_TAG', hint: 'stageform reads plain YAML only; remove the tag (values are never executed)' },
};

/** Decodes and parses one file. `file` is only used in the diagnostics. */
export function parseYamlSource(file: string, bytes: Uint8Array, maxFileBytes = DEFAULT_MAX_FILE_BYTES): YamlSource {
  const lineCounter = new LineCounter();
  const fail = (code: DiagnosticCode, message: string, line = 1, column = 1, hint?: string): YamlSource =>
    sourceWithError(file, { line, column, code, message, ...(hint ? { hint } : {}) });

  if (bytes.length > maxFileBytes) return fileTooLarge(file, bytes.length, maxFileBytes);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = positionOfByte(bytes, nul);
    return fail('BINARY_FILE', 'file is binary (it contains a NUL byte), not YAML', at.line, at.column, 'keep only YAML manifests in the project directory, or list the file under `exclude` in stageform.yaml');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8Byte(bytes);
    const at = positionOfByte(bytes, bad);
    return fail('INVALID_UTF8', `file is not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')})`, at.line, at.column, 'save the file as UTF-8');
  }

  const diagnostics: Diagnostic[] = [];
  const documents: YamlDocument[] = [];
  let docs: Document[];
  try {
    docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: true, schema: 'core', strict: true, merge: false }) as unknown as Document[];
  } catch (error) {
    // The parser is not expected to throw; if it does, the file is still only an error, not a crash.
    if (isStackOverflow(error)) return fail('NESTING_TOO_DEEP', TOO_DEEP_MESSAGE, 1, 1, TOO_DEEP_HINT);
    return fail('YAML_SYNTAX', `could not parse YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }

  for (const doc of docs) {
    // Where the parser gives up depends on the stack size: point at the document's start, which does not.
    const tooDeep = (): Diagnostic => {
      const start = lineCounter.linePos(doc.range?.[0] ?? 0);
      return { file, line: start.line, column: start.col, code: 'NESTING_TOO_DEEP', message: TOO_DEEP_MESSAGE, hint: TOO_DEEP_HINT };
    };
    const problems = [...doc.errors, ...doc.warnings];
    const linesSeen = new Set<number>();
    for (const problem of problems) {
      const pos = problem.linePos?.[0] ?? lineCounter.linePos(problem.pos[0]);
      // One error per line: a single slip often cascades into several parser errors on that line.
      if (linesSeen.has(pos.line)) continue;
      linesSeen.add(pos.line);
      if (/call stack/i.test(problem.message)) {
        diagnostics.push(tooDeep());
        continue;
      }
      const mapped = YAML_CODES[problem.code] ?? { code: 'YAML_SYNTAX' };
      const message = messageFor(mapped.code, stripPosition(problem.message), text, problem.pos[0]);
      diagnostics.push({ file, line: pos.line, column: pos.col, code: mapped.code, message, ...(mapped.hint ? { hint: mapped.hint } : {}) });
    }
    if (problems.length > 0) continue;
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue; // a bare `---`
    try {
      documents.push({ value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), positions: indexPositions(doc, lineCounter) });
    } catch (error) {
      if (isStackOverflow(error)) {
        diagnostics.push(tooDeep());
        continue;
      }
      const alias = firstAlias(doc.contents);
      const at = alias?.range ? lineCounter.linePos(alias.range[0]) : lineCounter.linePos(doc.range?.[0] ?? 0);
      const isAliasBomb = error instanceof Error && /alias/i.test(error.message);
      diagnostics.push({
        file,
        line: at.line,
        column: at.col,
        code: isAliasBomb ? 'ALIAS_LIMIT' : 'YAML_SYNTAX',
        message: isAliasBomb ? `aliases expand to too many nodes (limit ${MAX_ALIAS_COUNT})` : `could not read YAML: ${error instanceof Error ? error.message : String(error)}`,
        ...(isAliasBomb ? { hint: 'write the values out instead of nesting anchors and aliases' } : {}),
      });
    }
  }

  if (diagnostics.length === 0 && documents.length === 0) {
    return fail('EMPTY_FILE', 'file holds no YAML document', 1, 1, 'add a manifest or delete the file');
  }
  return { file, documents, diagnostics };
}

/** A source that is only an error (unreadable, too large, not text). */
export function sourceWithError(file: string, diagnostic: Omit<Diagnostic, 'file'>): YamlSource {
  return { file, documents: [], diagnostics: [{ file, ...diagnostic }] };
}

export function fileTooLarge(file: string, size: number, maxFileBytes: number): YamlSource {
  return sourceWithError(file, {
    line: 1,
    column: 1,
    code: 'FILE_TOO_LARGE',
    message: `file is ${size} bytes, more than the ${maxFileBytes}-byte limit for a manifest`,
    hint: 'split it into several manifest files',
  });
}

function messageFor(code: string, message: string, text: string, offset: number): string {
  if (code === 'UNSUPPORTED_TAG') {
    const tag = /Unresolved tag: (\S+)/.exec(message)?.[1]?.replace('tag:yaml.org,2002:', '!!');
    return `unsupported YAML tag \`${tag ?? '?'}\``;
  }
  if (code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(text.slice(offset))?.[0].trim();
    return key ? `duplicate key \`${key}\` in the same mapping` : 'duplicate key in the same mapping';
  }
  return message.charAt(0).toLowerCase() + message.slice(1);
}

function stripPosition(message: string): string {
  return message.replace(/ at line \d+, column \d+:[\s\S]*$/, '').split('\n')[0];
}

function firstAlias(node: unknown): Node | undefined {
  if (isAlias(node)) return node;
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      const found = isPair(item) ? firstAlias(item.key) ?? firstAlias(item.value) : firstAlias(item);
      if (found) return found;
    }
  }
  return undefined;
}

/** Offset of the first byte that breaks UTF-8 (the decoder told us there is one). */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    let min: number;
    if (b < 0x80) { i++; continue; }
    else if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return 0;
}

/** 1-based line and column (in characters) of a byte offset; the bytes before it are valid UTF-8. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  return { line, column: [...prefix].length + 1 };
}

function pathKey(path: YamlPath): string {
  return path.join('\u0000');
}

/** Walks the tree once and records where every node (and its key) starts. Aliases are not followed. */
function indexPositions(doc: Document, lineCounter: LineCounter): PositionIndex {
  const index = new Map<string, [number, number, number, number]>();
  const put = (path: string, node: unknown, keyNode: unknown) => {
    const v = isNode(node) && node.range ? lineCounter.linePos(node.range[0]) : undefined;
    const k = isNode(keyNode) && keyNode.range ? lineCounter.linePos(keyNode.range[0]) : undefined;
    index.set(path, [v?.line ?? k?.line ?? 0, v?.col ?? k?.col ?? 0, k?.line ?? 0, k?.col ?? 0]);
  };
  // Same keys as pathKey: segments joined by NUL, the root is ''.
  const child = (path: string, segment: string | number) => (path === '' ? String(segment) : `${path}\u0000${segment}`);
  const walk = (node: unknown, path: string) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const p = child(path, String(pair.key.value));
        put(p, pair.value, pair.key);
        walk(pair.value, p);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const p = child(path, i);
        put(p, item, undefined);
        walk(item, p);
      });
    }
  };
  const start = lineCounter.linePos(isNode(doc.contents) && doc.contents.range ? doc.contents.range[0] : doc.range?.[0] ?? 0);
  index.set('', [start.line, start.col, 0, 0]);
  walk(doc.contents, '');
  return index;
}

/** Where to point for a path: at the value (default) or at its key; a missing path falls back to its nearest ancestor. */
export function positionOf(source: YamlSource, document: YamlDocument, path: YamlPath, at: 'value' | 'key' = 'value'): SourcePosition {
  for (let n = path.length; n >= 0; n--) {
    const entry = document.positions.get(pathKey(path.slice(0, n)));
    if (!entry) continue;
    const [vLine, vCol, kLine, kCol] = entry;
    if (at === 'key' && kLine > 0) return { file: source.file, line: kLine, column: kCol };
    return { file: source.file, line: vLine || kLine || 1, column: vCol || kCol || 1 };
  }
  return { file: source.file, line: 1, column: 1 };
}

const TOO_DEEP_MESSAGE = 'the document nests too deeply to read';
const TOO_DEEP_HINT = 'a manifest nests a few levels deep: look for runaway brackets or indentation';

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
