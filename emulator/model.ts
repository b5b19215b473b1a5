// The AWS service model, loaded once, and a validator derived from it: the emulator checks every
// request against the same shapes AWS publishes, instead of a hand-written copy of them.
import { readFileSync } from 'node:fs';

export interface ModelMemberRef {
  readonly shape: string;
  readonly location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  readonly locationName?: string;
  readonly idempotencyToken?: boolean;
}

export interface ModelShape {
  readonly type: 'structure' | 'string' | 'integer' | 'long' | 'float' | 'double' | 'boolean' | 'list' | 'map' | 'timestamp' | 'blob';
  readonly members?: Readonly<Record<string, ModelMemberRef>>;
  readonly required?: readonly string[];
  readonly member?: ModelMemberRef;
  readonly key?: ModelMemberRef;
  readonly value?: ModelMemberRef;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly error?: { readonly httpStatusCode: number };
}

export interface ModelOperation {
  readonly name: string;
  readonly http: { readonly method: string; readonly requestUri: string };
  readonly input?: { readonly shape: string };
  readonly output?: { readonly shape: string };
}

export interface ServiceModel {
  readonly operations: Readonly<Record<string, ModelOperation>>;
  readonly shapes: Readonly<Record<string, ModelShape>>;
}

// Resolved from the compiled module (dist/emulator/model.js), so the emulator needs nothing outside the package at run time.
const MODEL_URL = new URL('../../emulator/model/ivs-realtime.service-2.json', import.meta.url);
// The low-latency API's model, cut to the operations the emulator serves (GetChannel, GetStream).
const LOW_LATENCY_MODEL_URL = new URL('../../emulator/model/ivs.service-2.json', import.meta.url);

let cachedModel: ServiceModel | undefined;
let cachedLowLatencyModel: ServiceModel | undefined;

export function loadServiceModel(): ServiceModel {
  cachedModel ??= JSON.parse(readFileSync(MODEL_URL, 'utf8')) as ServiceModel;
  return cachedModel;
}

/** The IVS low-latency API's model (channels, streams): a subset of AWS's, see README "The model file". */
export function loadLowLatencyServiceModel(): ServiceModel {
  cachedLowLatencyModel ??= JSON.parse(readFileSync(LOW_LATENCY_MODEL_URL, 'utf8')) as ServiceModel;
  return cachedLowLatencyModel;
}

/** The model that defines an operation: Real-Time first (both define TagResource; the emulator serves Real-Time's). */
export function modelOf(operation: string): ServiceModel | undefined {
  const realTime = loadServiceModel();
  if (realTime.operations[operation]) return realTime;
  const lowLatency = loadLowLatencyServiceModel();
  return lowLatency.operations[operation] ? lowLatency : undefined;
}

/** Traits the Smithy model carries and botocore drops: duplicates are rejected in these lists. */
const UNIQUE_ITEM_SHAPES = new Set(['DestinationConfigurationList', 'ThumbnailStorageTypeList']);
/** The model's ResourceArn pattern allows one character before the `/`, which no real ARN has: not enforced. */
const UNENFORCED_PATTERN_SHAPES = new Set(['ResourceArn']);

const patternCache = new Map<string, RegExp>();
function compileAnchored(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    // botocore strips the anchors the service applies; patterns such as `^$|^arn...$` keep theirs.
    re = new RegExp(pattern.startsWith('^') ? pattern : `^(?:${pattern})$`, 'u');
    patternCache.set(pattern, re);
  }
  return re;
}

/** One failed constraint, worded like AWS's own validation messages. */
export interface ValidationFailure {
  readonly path: string;
  readonly message: string;
}

/** Checks a decoded request (body members and located members merged by member name) against the input shape. */
export function validateInput(model: ServiceModel, shapeName: string, value: unknown): ValidationFailure[] {
  const failures: ValidationFailure[] = [];
  validateValue(model, shapeName, value, '', failures);
  return failures;
}

function validateValue(model: ServiceModel, shapeName: string, value: unknown, path: string, out: ValidationFailure[]): void {
  const shape = model.shapes[shapeName];
  if (!shape) return;
  const fail = (message: string): void => {
    out.push({ path: path || 'input', message });
  };
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('Member must be a structure');
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? []) {
        if (record[name] === undefined || record[name] === null) out.push({ path: joinPath(path, name), message: 'Member must not be null' });
      }
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const v = record[name];
        if (v === undefined || v === null) continue;
        validateValue(model, ref.shape, v, joinPath(path, name), out);
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') return fail('Member must be a string');
      const length = [...value].length;
      if (shape.min !== undefined && length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      if (shape.pattern !== undefined && !UNENFORCED_PATTERN_SHAPES.has(shapeName) && !compileAnchored(shape.pattern).test(value)) {
        fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      }
      if (shape.enum && !shape.enum.includes(value)) fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      return;
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail('Member must be an integer');
      checkRange(shape, value, fail);
      return;
    }
    case 'float':
    case 'double': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('Member must be a number');
      checkRange(shape, value, fail);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail('Member must be a boolean');
      return;
    case 'list': {
      if (!Array.isArray(value)) return fail('Member must be a list');
      if (shape.min !== undefined && value.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      if (UNIQUE_ITEM_SHAPES.has(shapeName)) {
        const seen = new Set(value.map((item) => toStableKey(item)));
        if (seen.size !== value.length) fail('Member must have unique items');
      }
      value.forEach((item, i) => {
        if (item === null || item === undefined) out.push({ path: `${path}.${i + 1}`, message: 'Member must not be null' });
        else validateValue(model, shape.member!.shape, item, `${path}.${i + 1}`, out);
      });
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('Member must be a map');
      const entries = Object.entries(value as Record<string, unknown>);
      if (shape.min !== undefined && entries.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && entries.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      for (const [k, v] of entries) {
        validateValue(model, shape.key!.shape, k, `${path}.key`, out);
        validateValue(model, shape.value!.shape, v, `${path}.${k}`, out);
      }
      return;
    }
    default:
      return;
  }
}

function checkRange(shape: ModelShape, value: number, fail: (m: string) => void): void {
  if (shape.min !== undefined && value < shape.min) fail(`Member must have value greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && value > shape.max) fail(`Member must have value less than or equal to ${shape.max}`);
}

function joinPath(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/** Order-independent key for comparing structures (uniqueItems, idempotency). */
export function toStableKey(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sortDeep((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** AWS words a rejected request as "N validation error(s) detected: Value at 'x' failed to satisfy constraint: ...". */
export function formatValidationFailures(failures: readonly ValidationFailure[]): string {
  const shown = failures.slice(0, 10);
  const parts = shown.map((f) => `Value at '${f.path}' failed to satisfy constraint: ${f.message}`);
  return `${failures.length} validation error${failures.length === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}
