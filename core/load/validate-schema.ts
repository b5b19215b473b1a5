// JSON Schema validation of stageform.yaml and manifest documents, with ajv's errors turned into
// positioned diagnostics. The checked-in schemas under schema/ are the source of truth.
import type { ErrorObject } from 'ajv';
import * as generated from '../../schema/validators.generated.js';
import { clipText, quoteValue, type Diagnostic, type DiagnosticCode } from '../model/diagnostics.js';
import { checkTag } from '../model/tag-rules.js';
import { positionOf, type YamlDocument, type YamlPath, type YamlSource } from './yaml-source.js';

export const API_VERSION = 'stageform/v1';
export const MANIFEST_KIND = 'StageCompositions';

export type SchemaName = 'config' | 'manifest';

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Precompiled from schema/*.schema.json by scripts/generate-types.js (ajv standalone): nothing to compile at start-up. */
const validators: Record<SchemaName, Validator> = { config: generated.config as Validator, manifest: generated.manifest as Validator };

/** Validates one document against a schema; returns no diagnostics when it is valid. */
export function validateDocument(source: YamlSource, doc: YamlDocument, schema: SchemaName): Diagnostic[] {
  const validate = validators[schema];
  if (validate(doc.value)) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const d = diagnosticFor(source, doc, error);
    if (!d) continue;
    const key = `${d.line}:${d.column}:${d.code}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

function splitPointer(pointer: string): YamlPath {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `gridGap`, `destinations[1]`, `the document`: how a message names the node. */
function describe(path: YamlPath): string {
  if (path.length === 0) return 'the document';
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return `\`${parent === undefined ? '' : clipText(String(parent), 80)}[${last}]\``;
  }
  return `\`${clipText(String(last), 80)}\``;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${quoteValue(value)}`;
}

const ARN_KINDS: Record<string, string> = {
  stageArn: 'stage',
  channelArn: 'channel',
  encoderConfigurationArn: 'encoder-configuration',
  encoderConfigurationArns: 'encoder-configuration',
  storageConfigurationArn: 'storage-configuration',
};

function patternMessage(path: YamlPath, value: unknown): { message: string; hint?: string } {
  const last = path[path.length - 1];
  const field = typeof last === 'number' ? path[path.length - 2] : last;
  const kind = ARN_KINDS[String(field)];
  const shown = quoteValue(value);
  if (kind) {
    return {
      message: `${describe(path)} is not an IVS ${kind} ARN: ${shown}`,
      hint: `expected arn:aws:ivs:REGION:ACCOUNT:${kind}/ID, e.g. arn:aws:ivs:us-east-1:123456789012:${kind}/AbCdEfGh1234`,
    };
  }
  if (field === 'name' || field === 'project') {
    if (path[0] === 'spec' && path.includes('destinations')) {
      return { message: `${describe(path)} may hold only letters, digits, '-' and '_': ${shown}` };
    }
    return {
      message: `${describe(path)} must be lowercase letters, digits and '-', starting with a letter or digit, at most 63 characters: ${shown}`,
      hint: typeof value === 'string' ? `e.g. ${suggestName(value)}` : undefined,
    };
  }
  if (field === 'region') return { message: `${describe(path)} is not an AWS region: ${shown}`, hint: 'e.g. us-east-1' };
  return { message: `${describe(path)} may hold only letters, digits, '-' and '_': ${shown}` };
}

function suggestName(value: string): string {
  const s = value.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+/, '').slice(0, 63);
  return s || 'my-name';
}

function diagnosticFor(source: YamlSource, doc: YamlDocument, error: ErrorObject): Diagnostic | undefined {
  const path = splitPointer(error.instancePath);
  const at = (p: YamlPath, where: 'value' | 'key' = 'value') => positionOf(source, doc, p, where);
  const make = (p: YamlPath, where: 'value' | 'key', code: DiagnosticCode, message: string, hint?: string): Diagnostic => ({
    ...at(p, where),
    code,
    message,
    ...(hint ? { hint } : {}),
  });
  const params = error.params as Record<string, unknown>;
  const last = path[path.length - 1];

  // The destination's exactly-one-of (if channel then not s3, else s3) reports through its branches.
  if (error.keyword === 'if') return undefined;
  if (error.keyword === 'not' && error.schemaPath.includes('/then/')) {
    return make([...path, 's3'], 'key', 'DESTINATION_CONFLICT', 'a destination has both `channel` and `s3`', 'write them as two destinations of the composition (at most one channel and one s3)');
  }
  if (error.keyword === 'required' && error.schemaPath.includes('/else/')) {
    return make(path, 'value', 'MISSING_FIELD', `${describe(path)} needs \`channel\` or \`s3\``, 'a destination is either a channel (channelArn) or an s3 recording (storageConfigurationArn)');
  }
  // Tags: the schema states AWS's rules; the messages come from the same rules the project checks use.
  if (error.propertyName !== undefined) {
    const key = error.propertyName;
    const v = checkTag(key, '').find((x) => x.at === 'key');
    return v ? make([...path, key], 'key', v.code, v.message, v.hint) : make([...path, key], 'key', 'INVALID_VALUE', `tag key ${quoteValue(key)} breaks AWS's tagging rules`);
  }
  if (path[path.length - 2] === 'tags' && typeof error.data === 'string' && (error.keyword === 'pattern' || error.keyword === 'maxLength')) {
    const v = checkTag(String(last), error.data).find((x) => x.at === 'value');
    if (v) return make(path, 'value', v.code, v.message, v.hint);
  }

  switch (error.keyword) {
    case 'propertyNames':
      return undefined; // reported through the inner error, which carries propertyName
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const allowed = Object.keys(((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
      const guess = closest(field, allowed);
      const where = path.length ? ` in ${describe(path)}` : '';
      return make(
        [...path, field],
        'key',
        'UNKNOWN_FIELD',
        `unknown field \`${clipText(String(field), 80)}\`${where}`,
        guess ? `did you mean \`${guess}\`?` : allowed.length ? `expected one of: ${allowed.join(', ')}` : undefined,
      );
    }
    case 'required': {
      const field = String(params.missingProperty);
      return make(path, path.length ? 'key' : 'value', 'MISSING_FIELD', `missing required field \`${field}\`${path.length ? ` in ${describe(path)}` : ''}`);
    }
    case 'type': {
      const expected = String(params.type);
      const article = expected === 'object' ? 'a mapping' : expected === 'array' ? 'a list' : `a${/^[aeiou]/.test(expected) ? 'n' : ''} ${expected}`;
      const quoteHint =
        expected === 'string' && (typeof error.data === 'number' || typeof error.data === 'boolean')
          ? `quote it: "${String(error.data)}"`
          : error.data === null
            ? 'the value is empty: write one after the colon, or remove the key'
            : undefined;
      return make(path, 'value', 'INVALID_TYPE', `${describe(path)} must be ${article}, got ${typeOf(error.data)}`, quoteHint);
    }
    case 'maxProperties':
      if (last === 'layout') {
        return make(path, 'key', 'LAYOUT_CONFLICT', 'a layout is either `grid` or `pip`, not both', 'keep one of them; a composition has one layout');
      }
      return make(path, 'key', 'TOO_MANY_TAGS', `${describe(path)} has more than ${String(params.limit)} entries`);
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = typeof error.data === 'string' ? allowed.find((a) => a.toLowerCase() === (error.data as string).toLowerCase()) ?? closest(error.data, allowed) : undefined;
      return make(path, 'value', 'INVALID_VALUE', `${describe(path)} must be one of ${allowed.join(', ')}; got ${quoteValue(error.data)}`, guess ? `did you mean \`${guess}\`?` : undefined);
    }
    case 'const':
      return make(path, 'value', 'UNKNOWN_DOCUMENT', `${describe(path)} must be ${quoteValue(params.allowedValue)}`);
    case 'pattern': {
      const { message, hint } = patternMessage(path, error.data);
      return make(path, 'value', 'INVALID_VALUE', message, hint);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return make(path, 'value', 'INVALID_VALUE', `${describe(path)} ${String(error.message)}, got ${quoteValue(error.data)}`);
    case 'minLength':
    case 'maxLength':
      return make(path, 'value', 'INVALID_VALUE', `${describe(path)} must be ${error.keyword === 'minLength' ? 'at least' : 'at most'} ${String(params.limit)} characters long`);
    case 'minItems':
    case 'maxItems': {
      const limit = Number(params.limit);
      const what = last === 'destinations' ? (error.keyword === 'minItems' ? ' (a composition needs a destination)' : ' (at most one channel and one s3)') : '';
      return make(path, 'key', 'INVALID_VALUE', `${describe(path)} must have ${error.keyword === 'minItems' ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}${what}`);
    }
    case 'uniqueItems':
      return make([...path, Number(params.i)], 'value', 'INVALID_VALUE', `${describe(path)} lists the same item twice (items ${Number(params.j) + 1} and ${Number(params.i) + 1})`, 'remove the repeated item');
    default:
      return make(path, 'value', 'INVALID_VALUE', `${describe(path)} ${error.message ?? 'is not valid'}`);
  }
}

/** The allowed word nearest to a typo, when it is near enough to be what was meant. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  return closestMatches(word, candidates, 1)[0];
}

/** Up to `limit` candidates near enough to a typo to be what was meant, nearest first (ties in the candidates' order). */
export function closestMatches(word: string, candidates: readonly string[], limit: number): string[] {
  const threshold = Math.max(2, Math.floor(word.length / 3));
  return candidates
    .map((c, index) => ({ c, index, d: editDistance(word.toLowerCase(), c.toLowerCase()) }))
    .filter((x) => x.d <= threshold)
    .sort((a, b) => a.d - b.d || a.index - b.index)
    .slice(0, limit)
    .map((x) => x.c);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
