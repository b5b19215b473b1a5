// Load -> validate: finds stageform.yaml and the manifests, parses them with positions, checks them
// against the schema and each other, and builds the DesiredState. Problems are returned, all of
// them, as diagnostics; nothing here throws on what is in the user's files.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { StageformConfig } from '../../schema/stageform-config.generated.js';
import type { StageCompositionsManifest } from '../../schema/stage-compositions.generated.js';
import { compareStrings, sha256Hex } from '../util/canonical-json.js';
import type { DesiredState, ProjectSettings } from '../model/desired.js';
import { compareDiagnostics, quoteValue, type Diagnostic } from '../model/diagnostics.js';
import { buildDesiredState, checkProject, projectSettingsOf, type LoadedConfig, type LoadedManifest } from './build-desired.js';
import { isSkippedEntry } from './manifest-signature.js';
import { API_VERSION, MANIFEST_KIND, validateDocument } from './validate-schema.js';
import { readYamlFile, readYamlFiles, type ReadSource } from './yaml-read.js';
import { DEFAULT_MAX_FILE_BYTES, positionOf, type YamlDocument, type YamlSource } from './yaml-source.js';

export const CONFIG_FILE = 'stageform.yaml';
export const SEED_FILE = 'stageform.seed.yaml';

export interface LoadOptions {
  /** Diagnostic paths are shown relative to it when inside it (default process.cwd()). */
  cwd?: string;
  /** Larger files are refused without being read (default 1 MiB). */
  maxFileBytes?: number;
  /** Parse on worker threads when there are many files (default true). */
  parallel?: boolean;
  /**
   * Called once stageform.yaml has been read and found valid, before the manifests are: a caller
   * can start work that needs only the settings (connecting, listing a region) while loading goes
   * on. The manifests are then parsed mostly on workers, this thread helping between turns of its
   * event loop once the promise returned (the caller's work under way) settles.
   */
  onSettings?: (settings: ProjectSettings) => void | Promise<unknown>;
}

export interface LoadResult {
  /** Only when there are no diagnostics. */
  desired?: DesiredState;
  /** Sorted by file, line, column. */
  diagnostics: Diagnostic[];
  /** Absolute paths of every file read (stageform.yaml and manifests), sorted. */
  files: string[];
  /** Manifest documents found (whether valid or not). */
  manifestCount: number;
}

/** Loads the project whose stageform.yaml is in `dir` (or in a parent of it). */
export async function loadProject(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  return loadPaths([dir], options);
}

/**
 * Loads manifests from directories and files (as `stageform validate PATH...` gets them). The
 * paths together make one project: exactly one stageform.yaml among them or above the first one.
 */
export async function loadPaths(paths: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const display = (abs: string) => displayPath(cwd, abs);
  const diagnostics: Diagnostic[] = [];
  const inputs = (paths.length ? paths : ['.']).map((p) => path.resolve(cwd, p));

  // 1. Find the files. A folder that cannot be listed is an error: its manifests would silently be missing.
  const found = new Set<string>();
  const inputDirs = new Set<string>();
  let inputMissing = false;
  const unreadableDir = (dir: string, reason: string) =>
    diagnostics.push({ file: display(dir), line: 1, column: 1, code: 'FILE_UNREADABLE', message: `cannot read the folder (${reason})` });
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (!info) {
      inputMissing = true;
      diagnostics.push({ file: display(input), line: 1, column: 1, code: 'FILE_NOT_FOUND', message: 'no such file or directory' });
    } else if (info.isDirectory()) {
      inputDirs.add(input);
      for (const file of await walk(input, unreadableDir)) found.add(file);
    } else {
      found.add(input);
    }
  }
  let files = [...found].sort();

  // 2. Find the one stageform.yaml.
  // The shallowest stageform.yaml is the project's; any other is a duplicate.
  const depth = (f: string) => f.split(path.sep).length;
  const configs = files.filter((f) => path.basename(f) === CONFIG_FILE).sort((a, b) => depth(a) - depth(b) || compareStrings(a, b));
  let configPath: string | undefined = configs[0];
  // Reported once the project's `exclude` is known: a nested project it excludes is no duplicate.
  const duplicateConfigs = (kept: readonly string[]): void => {
    for (const extra of configs.slice(1).filter((f) => kept.includes(f))) {
      diagnostics.push({
        file: display(extra),
        line: 1,
        column: 1,
        code: 'DUPLICATE_CONFIG',
        message: `a second ${CONFIG_FILE}: ${display(configs[0])} already defines the project`,
        hint: 'validate one project at a time, or list the nested project under `exclude`',
      });
    }
  };
  if (!configPath && !inputMissing) {
    const dir = inputDirs.has(inputs[0]) ? inputs[0] : path.dirname(inputs[0]);
    configPath = await findConfigAbove(dir);
    if (!configPath) {
      diagnostics.push({
        file: display(path.join(dir, CONFIG_FILE)),
        line: 1,
        column: 1,
        code: 'MISSING_CONFIG',
        message: `no ${CONFIG_FILE} in ${display(dir)} or any folder above it`,
        hint: `create ${CONFIG_FILE} with at least \`project:\` and \`region:\``,
      });
    }
  }
  const rootDir = configPath ? path.dirname(configPath) : inputs[0] ?? cwd;

  // 3. Read and parse stageform.yaml first: its `exclude` decides which files are manifests.
  const digestParts: { rel: string; sha256: string }[] = [];
  const keep = (read: ReadSource): YamlSource => {
    if (read.sha256) digestParts.push({ rel: toPosix(path.relative(rootDir, read.abs)), sha256: read.sha256 });
    return read.source;
  };

  let config: LoadedConfig | undefined;
  let callerBusy: Promise<unknown> | undefined;
  if (configPath) {
    if (!files.includes(configPath)) files = [...files, configPath].sort();
    const source = keep(readYamlFile({ abs: configPath, display: display(configPath) }, maxFileBytes));
    diagnostics.push(...source.diagnostics);
    const [first, ...rest] = source.documents;
    for (const extra of rest) {
      diagnostics.push({ ...positionOf(source, extra, []), code: 'UNKNOWN_DOCUMENT', message: `${CONFIG_FILE} holds one document`, hint: 'put manifests in their own files' });
    }
    if (first) {
      const errors = validateDocument(source, first, 'config');
      diagnostics.push(...errors);
      if (errors.length === 0) config = { source, doc: first, value: first.value as StageformConfig };
    }
    if (config) callerBusy = options.onSettings?.(projectSettingsOf(config.value, rootDir, configPath)) ?? undefined;
    const excluded = compileExcludes(config?.value.exclude ?? []);
    files = files.filter((f) => f === configPath || !(isInside(rootDir, f) && excluded(toPosix(path.relative(rootDir, f)))));
  }
  duplicateConfigs(files);

  // 4. Parse and validate every manifest document. Each file is checked as soon as it is parsed
  //    (parsing runs on workers when there are many): a plan pass's listing, begun from
  //    stageform.yaml, is then waiting on rate-limited pages while this work gets done.
  const manifestFiles = files.filter((f) => f !== configPath && path.basename(f) !== CONFIG_FILE);
  const checked = new Array<{ source: YamlSource; diagnostics: Diagnostic[]; manifests: LoadedManifest[]; documents: number }>(manifestFiles.length);
  const check = (read: ReadSource, index: number): void => {
    const source = keep(read);
    const found: Diagnostic[] = [...source.diagnostics];
    const valid: LoadedManifest[] = [];
    for (const doc of source.documents) {
      const kindError = documentKindError(source, doc);
      if (kindError) {
        found.push(kindError);
        continue;
      }
      const errors = validateDocument(source, doc, 'manifest');
      found.push(...errors);
      if (errors.length === 0) valid.push({ source, doc, value: doc.value as StageCompositionsManifest });
    }
    checked[index] = { source, diagnostics: found, manifests: valid, documents: source.documents.length };
  };
  await readYamlFiles(
    manifestFiles.map((abs) => ({ abs, display: display(abs) })),
    maxFileBytes,
    { parallel: options.parallel, keepThreadFree: options.onSettings !== undefined, helpAfter: callerBusy, onRead: check },
  );
  const manifests: LoadedManifest[] = [];
  let manifestCount = 0;
  for (const result of checked) {
    diagnostics.push(...result.diagnostics);
    manifests.push(...result.manifests);
    manifestCount += result.documents;
  }

  // 5. Checks across documents, then the desired state when all is well.
  if (config) diagnostics.push(...checkProject(config, manifests));
  diagnostics.sort(compareDiagnostics);
  const result: LoadResult = { diagnostics, files, manifestCount };
  if (diagnostics.length === 0 && config && configPath) {
    digestParts.sort((a, b) => compareStrings(a.rel, b.rel));
    const digest = sha256Hex(digestParts.map((p) => `${p.rel}\n${p.sha256}\n`).join(''));
    const manifestFiles = digestParts.map((p) => ({ path: p.rel, sha256: p.sha256 }));
    result.desired = buildDesiredState(config, manifests, { rootDir, configFile: configPath, manifestDigest: digest, manifestFiles });
  }
  return result;
}

function documentKindError(source: YamlSource, doc: YamlDocument): Diagnostic | undefined {
  const value = doc.value;
  const hint = `a manifest starts with \`apiVersion: ${API_VERSION}\` and \`kind: ${MANIFEST_KIND}\`; keep other YAML files out of the project or list them under \`exclude\` in ${CONFIG_FILE}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ...positionOf(source, doc, []), code: 'UNKNOWN_DOCUMENT', message: 'document is not a stageform manifest (expected a mapping)', hint };
  }
  const v = value as Record<string, unknown>;
  if (v.apiVersion !== API_VERSION) {
    const has = 'apiVersion' in v;
    return {
      ...positionOf(source, doc, has ? ['apiVersion'] : []),
      code: 'UNKNOWN_DOCUMENT',
      message: has ? `unsupported apiVersion ${quoteValue(v.apiVersion)}; this stageform reads ${API_VERSION}` : 'document has no `apiVersion`: not a stageform manifest',
      hint,
    };
  }
  if (v.kind !== MANIFEST_KIND) {
    const has = 'kind' in v;
    return {
      ...positionOf(source, doc, has ? ['kind'] : []),
      code: 'UNKNOWN_DOCUMENT',
      message: has ? `unknown kind ${quoteValue(v.kind)}; expected ${MANIFEST_KIND}` : `document has no \`kind\`; expected ${MANIFEST_KIND}`,
      hint,
    };
  }
  return undefined;
}

/** Manifest candidates under a directory (the caller sorts them); skips dot-entries, node_modules and the emulator seed. */
async function walk(dir: string, onUnreadable: (dir: string, reason: string) => void): Promise<string[]> {
  const out: string[] = [];
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    onUnreadable(dir, (error as NodeJS.ErrnoException).code ?? 'unreadable');
    return out;
  }
  for (const entry of entries) {
    if (isSkippedEntry(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full, onUnreadable)));
    else if ((entry.isFile() || entry.isSymbolicLink()) && /\.ya?ml$/i.test(entry.name) && entry.name !== SEED_FILE) out.push(full);
  }
  return out;
}

async function findConfigAbove(start: string): Promise<string | undefined> {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** `exclude` entries: a path relative to the project root, a folder excludes what is under it, `*` stays within a segment, `**` crosses them. */
export function compileExcludes(patterns: readonly string[]): (relPath: string) => boolean {
  const regexes = patterns.map((p) => {
    const clean = p.replace(/^\.\//, '').replace(/\/+$/, '');
    const body = clean
      .split(/(\*\*|\*)/)
      .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    return new RegExp(`^${body}(/.*)?$`);
  });
  return (relPath) => regexes.some((r) => r.test(relPath));
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Relative to cwd when inside it, else absolute. */
export function displayPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  if (rel === '') return '.';
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs : toPosix(rel);
}
