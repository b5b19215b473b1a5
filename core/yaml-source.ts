// Bytes -> YAML documents with positions. Never throws: every problem with the bytes or the YAML
// becomes a positioned Diagnostic, and nothing in a file is ever executed (core schema, no custom tags).
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Diagnostic, SourcePosition } from './diagnostics.js';

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
/** Alias expansions allowed per document: enough for anchors used as shorthand, far too few for a "billion laughs". */
export const MAX_ALIAS_COUNT = 100;

export type YamlPath = readonly (string | number)[];

export interface YamlDocument {
  readonly doc: Document;
  /** The document as plain data (only set when the document parsed without errors). */
  readonly value: unknown;
}

export interface YamlSource {
  /** Path as shown to users. */
  readonly file: string;
  readonly text: string;
  readonly lineCounter: LineCounter;
  readonly documents: readonly YamlDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

const YAML_CODES: Record<string, { code: string; hint?: string }> = {
  DUPLICATE_KEY: { code: 'DUPLICATE_KEY', hint: 'each key may appear once in a mapping; remove or merge the repeated one' },
  TAB_AS_INDENT: { code: 'TAB_INDENT', hint: 'YAML indentation must use spaces; configure your editor to insert spaces' },
  TAG_RESOLVE_FAILED: { code: 'UNSUPPORTED_TAG', hint: 'stageform reads plain YAML only; remove the tag (values are never executed)' },
};

/** Decodes and parses one file. `file` is only used in the diagnostics. */
export function parseYamlSource(file: string, bytes: Uint8Array, maxFileBytes = DEFAULT_MAX_FILE_BYTES): YamlSource {
  const lineCounter = new LineCounter();
  const fail = (code: string, message: string, line = 1, column = 1, hint?: string): YamlSource =>
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
    return fail('YAML_SYNTAX', `could not parse YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }

  for (const doc of docs) {
    const problems = [...doc.errors, ...doc.warnings];
    const linesSeen = new Set<number>();
    for (const problem of problems) {
      const pos = problem.linePos?.[0] ?? lineCounter.linePos(problem.pos[0]);
      // One error per line: a single slip often cascades into several parser errors on that line.
      if (linesSeen.has(pos.line)) continue;
      linesSeen.add(pos.line);
      const mapped = YAML_CODES[problem.code] ?? { code: 'YAML_SYNTAX' };
      const message = messageFor(mapped.code, stripPosition(problem.message), text, problem.pos[0]);
      diagnostics.push({ file, line: pos.line, column: pos.col, code: mapped.code, message, ...(mapped.hint ? { hint: mapped.hint } : {}) });
    }
    if (problems.length > 0) continue;
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue; // a bare `---`
    try {
      documents.push({ doc, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) });
    } catch (error) {
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
    return { ...fail('EMPTY_FILE', 'file holds no YAML document', 1, 1, 'add a manifest or delete the file'), text, lineCounter };
  }
  return { file, text, lineCounter, documents, diagnostics };
}

/** A source that is only an error (unreadable, too large, not text). */
export function sourceWithError(file: string, diagnostic: Omit<Diagnostic, 'file'>): YamlSource {
  return { file, text: '', lineCounter: new LineCounter(), documents: [], diagnostics: [{ file, ...diagnostic }] };
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

export interface NodeLookup {
  /** The value node at the path, or the deepest node that exists on the way. */
  readonly node?: Node;
  /** The key of the last pair on the path, when the path ends in a mapping key that exists. */
  readonly key?: Node;
  /** True when the whole path was found. */
  readonly exact: boolean;
}

/** Walks a document along a JSON path (ajv instancePath segments) and returns the nodes found. */
export function lookupNode(doc: Document, path: YamlPath): NodeLookup {
  let node: unknown = doc.contents;
  let key: Node | undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));
      if (!pair) return { node: node as Node, key, exact: false };
      key = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(String(segment))) {
      const item = node.items[Number(segment)];
      if (item === undefined) return { node: node as Node, key, exact: false };
      key = undefined;
      node = item;
    } else {
      return { node: node as Node | undefined, key, exact: false };
    }
  }
  if (isAlias(node)) node = node.resolve(doc) ?? node;
  return { node: (node ?? undefined) as Node | undefined, key, exact: true };
}

/** Where to point for a path: at the value (default) or at its key. Falls back to the nearest node, then the document. */
export function positionOf(source: YamlSource, doc: Document, path: YamlPath, at: 'value' | 'key' = 'value'): SourcePosition {
  const found = lookupNode(doc, path);
  const target = at === 'key' && found.key ? found.key : found.node ?? found.key;
  const offset = target?.range?.[0] ?? (found.key?.range?.[0]) ?? doc.range?.[0] ?? 0;
  const pos = source.lineCounter.linePos(offset);
  return { file: source.file, line: pos.line, column: pos.col };
}
