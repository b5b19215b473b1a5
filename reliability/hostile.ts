// Scenario 4: generated mutations of the example project (byte flips, deleted and duplicated keys,
// wrong types, huge strings and lists, deep nesting, alias bombs, custom tags, invalid UTF-8,
// empty and binary files). Every mutation goes through the loader in this process; every one also
// goes through `stageform validate` (many project directories per process); a sample goes through
// `stageform apply --auto-approve` against the emulator, whose write counters must not move while
// the manifests are invalid.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../core/load/load-project.js';
import { loadSeedFile } from '../emulator/index.js';
import { cliEnv, ROOT, runBuiltCli, type BuiltCliRun } from '../bench/child.js';
import {
  createRandom,
  DIAGNOSTIC_LINE,
  figure,
  hasStackTrace,
  OTHER_PROJECT,
  pickInt,
  snapshotUnmanaged,
  startRecordingEmulator,
  touchedUnmanaged,
  type Figure,
} from './harness.js';

export interface HostileOptions {
  readonly mutations: number;
  /** Mutations also run through `stageform apply` (one process each). */
  readonly applySample: number;
  /** Project directories per `stageform validate` process. */
  readonly validateBatch?: number;
  readonly randomSeed?: number;
}

const SCENARIO = 'hostile manifests';
const EXAMPLES = join(ROOT, 'examples');

interface SourceFile {
  readonly path: string;
  readonly bytes: Buffer;
}

export type MutationKind =
  | 'byte-flip'
  | 'delete-key'
  | 'duplicate-key'
  | 'wrong-type'
  | 'huge-string'
  | 'huge-list'
  | 'deep-nesting'
  | 'alias-bomb'
  | 'custom-tag'
  | 'invalid-utf8'
  | 'empty'
  | 'binary'
  | 'truncate'
  | 'control-chars'
  | 'crlf-bom-tabs'
  | 'extra-document';

export const MUTATION_KINDS: readonly MutationKind[] = [
  'byte-flip',
  'delete-key',
  'duplicate-key',
  'wrong-type',
  'huge-string',
  'huge-list',
  'deep-nesting',
  'alias-bomb',
  'custom-tag',
  'invalid-utf8',
  'empty',
  'binary',
  'truncate',
  'control-chars',
  'crlf-bom-tabs',
  'extra-document',
];

const WRONG_VALUES = ['[1, 2]', '{a: 1}', '12345', 'true', 'null', '~', '-1e309', '.nan', '0x1F', '"\\u0000"', "''", '2026-01-01', '[]', '{}'];
const CUSTOM_TAGS = ['!!js/function "function () { return 1 }"', '!!js/regexp /x/', '!!js/undefined ""', '!!binary aGVsbG8=', '!foo bar', '!!python/object/apply:os.system ["ls"]', '!!set {a, b}', '!!omap [a: 1]', '!<tag:yaml.org,2002:js/function> x'];

/** One mutation of one file's bytes. */
export function mutate(kind: MutationKind, bytes: Buffer, random: () => number): Buffer {
  const text = bytes.toString('utf8');
  const lines = text.split('\n');
  const keyLines = lines.map((l, i) => ({ l, i })).filter(({ l }) => /^\s*-?\s*[A-Za-z][\w-]*:/.test(l));
  const valueLines = keyLines.filter(({ l }) => /:\s+\S/.test(l));
  const anyLine = (list: { l: string; i: number }[]): { l: string; i: number } => list[Math.floor(random() * list.length)] ?? { l: '', i: 0 };
  const replaceValue = (value: string): string => {
    const { l, i } = anyLine(valueLines);
    const copy = [...lines];
    copy[i] = l.replace(/:\s+.*$/, `: ${value}`);
    return copy.join('\n');
  };
  switch (kind) {
    case 'byte-flip': {
      const out = Buffer.from(bytes);
      for (let n = pickInt(random, 1, 5); n > 0 && out.length > 0; n--) out[Math.floor(random() * out.length)] ^= 1 << pickInt(random, 0, 7);
      return out;
    }
    case 'delete-key': {
      const { i } = anyLine(keyLines);
      return Buffer.from(lines.filter((_, j) => j !== i).join('\n'));
    }
    case 'duplicate-key': {
      const { i } = anyLine(keyLines);
      const copy = [...lines];
      copy.splice(i, 0, lines[i].replace(/^(\s*)-\s/, '$1  '));
      return Buffer.from(copy.join('\n'));
    }
    case 'wrong-type':
      return Buffer.from(replaceValue(WRONG_VALUES[Math.floor(random() * WRONG_VALUES.length)]));
    case 'huge-string':
      return Buffer.from(replaceValue('x'.repeat(pickInt(random, 100_000, 1_000_000))));
    case 'huge-list':
      return Buffer.from(replaceValue(`[${Array.from({ length: pickInt(random, 1_000, 20_000) }, (_, i) => `{name: n${i}}`).join(', ')}]`));
    case 'deep-nesting': {
      const depth = pickInt(random, 1_000, 20_000);
      return Buffer.from(replaceValue(random() < 0.5 ? '['.repeat(depth) + ']'.repeat(depth) : '{a: '.repeat(depth) + '1' + '}'.repeat(depth)));
    }
    case 'alias-bomb': {
      const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < 10; i++) {
        const prev = String.fromCharCode(96 + i);
        const name = String.fromCharCode(97 + i);
        levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      // As the whole document, or as one value of the real one.
      if (random() < 0.5) return Buffer.from(levels.join('\n') + '\n');
      return Buffer.from(replaceValue(`&top [${levels.map((l) => l.replace(/^\w+: /, '')).join(', ')}, *j]`));
    }
    case 'custom-tag':
      return Buffer.from(replaceValue(CUSTOM_TAGS[Math.floor(random() * CUSTOM_TAGS.length)]));
    case 'invalid-utf8': {
      const bad = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from([0x80])][pickInt(random, 0, 4)];
      const at = Math.floor(random() * bytes.length);
      return Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)]);
    }
    case 'empty':
      return random() < 0.7 ? Buffer.alloc(0) : Buffer.from(['\n', '   \n', '# only a comment\n', '---\n', '...\n'][pickInt(random, 0, 4)]);
    case 'binary':
      return Buffer.from(Array.from({ length: pickInt(random, 1, 4096) }, () => pickInt(random, 0, 255)));
    case 'truncate':
      return bytes.subarray(0, Math.floor(random() * bytes.length));
    case 'control-chars': {
      const at = Math.floor(random() * text.length);
      const junk = ['\u0000', '\u001b[31m', '\u0007', '\u007f', '\u2028', '\ufeff', '\r'][pickInt(random, 0, 6)];
      return Buffer.from(text.slice(0, at) + junk + text.slice(at));
    }
    case 'crlf-bom-tabs': {
      const variant = pickInt(random, 0, 2);
      if (variant === 0) return Buffer.from(text.replace(/\n/g, '\r\n'));
      if (variant === 1) return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
      return Buffer.from(text.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2)));
    }
    case 'extra-document':
      return Buffer.from(text + (random() < 0.5 ? '\n---\n' + text : '\n---\n- not a manifest\n'));
    default: {
      const never: never = kind;
      throw new Error(`unknown mutation ${String(never)}`);
    }
  }
}

function readExampleProject(): SourceFile[] {
  const files: SourceFile[] = [{ path: 'stageform.yaml', bytes: readFileSync(join(EXAMPLES, 'stageform.yaml')) }];
  for (const name of readdirSync(join(EXAMPLES, 'stages')).sort()) files.push({ path: `stages/${name}`, bytes: readFileSync(join(EXAMPLES, 'stages', name)) });
  return files;
}

function writeProject(dir: string, files: readonly SourceFile[]): void {
  mkdirSync(join(dir, 'stages'), { recursive: true });
  for (const f of files) writeFileSync(join(dir, f.path), f.bytes);
}

const SUMMARY_LINE = /^\d+ errors? in \d+ files?\.$|^Success! /;

/** Output lines of validate/apply that report an error without file:line:col. */
function unplacedErrorLines(run: BuiltCliRun): string[] {
  return run.stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !DIAGNOSTIC_LINE.test(l) && !SUMMARY_LINE.test(l) && !/^\s+hint: /.test(l) && !/^\s+\d* \|/.test(l));
}

export async function runHostileScenario(options: HostileOptions): Promise<Figure[]> {
  const random = createRandom(options.randomSeed ?? 23);
  const base = readExampleProject();
  const batchSize = options.validateBatch ?? 100;
  const seed = loadSeedFile(join(EXAMPLES, 'stageform.seed.yaml'));
  seed.compositions = [
    ...(seed.compositions ?? []),
    {
      stageArn: 'arn:aws:ivs:us-east-1:123456789012:stage/InterviewRm1',
      layout: { grid: {} },
      destinations: [{ s3: { storageConfigurationArn: 'arn:aws:ivs:us-east-1:123456789012:storage-configuration/StorageArch1', encoderConfigurationArns: ['arn:aws:ivs:us-east-1:123456789012:encoder-configuration/Encoder720p1'] } }],
      tags: { 'stageform:project': OTHER_PROJECT, 'stageform:address': 'interview/program', 'stageform:spec': 'x.y' },
    },
  ];
  const emulator = await startRecordingEmulator({ seed, startDelayMs: 20, stopDelayMs: 20 });
  const unmanaged = snapshotUnmanaged(emulator.handle);
  const root = mkdtempSync(join(tmpdir(), 'stageform-hostile-'));
  const applyEvery = options.applySample > 0 ? Math.max(1, Math.floor(options.mutations / options.applySample)) : Infinity;

  let loaderThrew = 0;
  let unplacedDiagnostics = 0;
  let invalidCount = 0;
  const loaderMs: number[] = [];
  const badExits: string[] = [];
  const stackTraces: string[] = [];
  const unplaced: string[] = [];
  const writesWhileInvalid: string[] = [];
  const loaderProblems: string[] = [];
  let validateMs = 0;
  let validateFiles = 0;
  let applyRuns = 0;
  let applyMs = 0;
  const perKind = new Map<string, number>();

  try {
    for (let start = 0; start < options.mutations; start += batchSize) {
      const batch: { dir: string; kind: MutationKind; valid: boolean; index: number }[] = [];
      for (let index = start; index < Math.min(options.mutations, start + batchSize); index++) {
        const kind = MUTATION_KINDS[index % MUTATION_KINDS.length];
        // A manifest most of the time, stageform.yaml now and then.
        const target = random() < 0.2 ? 0 : pickInt(random, 1, base.length - 1);
        const files = base.map((f, i) => (i === target ? { path: f.path, bytes: mutate(kind, f.bytes, random) } : f));
        const dir = join(root, `m${String(index).padStart(5, '0')}`);
        writeProject(dir, files);

        // In process: never throws, every diagnostic placed.
        const began = performance.now();
        let valid = false;
        try {
          const loaded = await loadProject(dir, { cwd: dir });
          valid = loaded.desired !== undefined && loaded.diagnostics.length === 0;
          for (const d of loaded.diagnostics) {
            if (!d.file || !(d.line >= 1) || !(d.column >= 1)) {
              unplacedDiagnostics++;
              loaderProblems.push(`${kind} #${index}: ${d.file}:${d.line}:${d.column} ${d.code}`);
            }
          }
        } catch (error) {
          loaderThrew++;
          loaderProblems.push(`${kind} #${index}: loader threw ${(error as Error).name}: ${(error as Error).message.slice(0, 120)}`);
        }
        loaderMs.push(performance.now() - began);
        if (!valid) invalidCount++;
        perKind.set(kind, (perKind.get(kind) ?? 0) + (valid ? 0 : 1));
        batch.push({ dir, kind, valid, index });
      }

      // The CLI: one validate process for the whole batch.
      const validate = await runBuiltCli(['validate', ...batch.map((b) => b.dir)], { cwd: root, env: cliEnv(emulator.endpoint) });
      validateMs += validate.wallMs;
      validateFiles += batch.length;
      const anyInvalid = batch.some((b) => !b.valid);
      if (validate.code !== (anyInvalid ? 1 : 0)) badExits.push(`validate batch ${start}: exit ${validate.code} (${anyInvalid ? 'some invalid' : 'all valid'})`);
      if (hasStackTrace(validate.stdout + validate.stderr)) stackTraces.push(`validate batch ${start}`);
      for (const l of unplacedErrorLines(validate)) unplaced.push(`validate: ${l.slice(0, 160)}`);

      // A sample through apply, one process each.
      for (const b of batch) {
        if (b.index % applyEvery !== 0) continue;
        const writesBefore = emulator.writes.length;
        const apply = await runBuiltCli(['apply', '--auto-approve', '--no-wait', b.dir], { cwd: b.dir, env: cliEnv(emulator.endpoint) });
        applyRuns++;
        applyMs += apply.wallMs;
        if (apply.code !== 0 && apply.code !== 1) badExits.push(`apply ${b.kind} #${b.index}: exit ${apply.code} signal ${apply.signal}`);
        if (b.valid !== (apply.code === 0) && !(b.valid && apply.code === 1)) badExits.push(`apply ${b.kind} #${b.index}: exit ${apply.code} for a project the loader calls invalid`);
        if (hasStackTrace(apply.stdout + apply.stderr)) stackTraces.push(`apply ${b.kind} #${b.index}`);
        if (!b.valid) {
          for (const l of unplacedErrorLines(apply)) unplaced.push(`apply ${b.kind} #${b.index}: ${l.slice(0, 160)}`);
          const writes = emulator.writes.length - writesBefore;
          if (writes > 0) writesWhileInvalid.push(`apply ${b.kind} #${b.index}: ${writes} writes`);
        }
      }
      for (const b of batch) rmSync(b.dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
    await emulator.stop();
  }

  const sorted = [...loaderMs].sort((a, b) => a - b);
  const mean = loaderMs.reduce((a, b) => a + b, 0) / Math.max(1, loaderMs.length);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
  const max = sorted[sorted.length - 1] ?? 0;
  const touched = touchedUnmanaged(emulator, unmanaged);
  return [
    figure(SCENARIO, `mutations (invalid per loader: ${invalidCount}); validate processes: ${Math.ceil(options.mutations / batchSize)}; apply sample: ${applyRuns}`, options.mutations, `${options.mutations}`, true),
    figure(SCENARIO, 'loader threw or left a diagnostic without file:line:col', loaderThrew + unplacedDiagnostics, '0', loaderThrew + unplacedDiagnostics === 0, loaderProblems),
    figure(SCENARIO, 'CLI exits other than 0/1 (or disagreeing with the loader)', badExits.length, '0', badExits.length === 0, badExits),
    figure(SCENARIO, 'error lines without file:line:col', unplaced.length, '0', unplaced.length === 0, unplaced),
    figure(SCENARIO, 'stack traces in any output', stackTraces.length, '0', stackTraces.length === 0, stackTraces),
    figure(SCENARIO, 'API write calls while a manifest was invalid', writesWhileInvalid.length, '0', writesWhileInvalid.length === 0, writesWhileInvalid),
    figure(SCENARIO, 'unmanaged compositions touched', touched.length, '0', touched.length === 0, touched),
    figure(SCENARIO, 'loader time per mutated project (mean / p99 / max)', `${mean.toFixed(1)} / ${p99.toFixed(0)} / ${max.toFixed(0)} ms`, 'mean < 500 ms (shared CPU)', mean < 500),
    figure(SCENARIO, 'CLI validate time per project (batched); apply per process', `${(validateMs / Math.max(1, validateFiles)).toFixed(1)} ms; ${(applyMs / Math.max(1, applyRuns)).toFixed(0)} ms`, 'informational', true),
  ];
}
