// Walks the model's input shapes of the composition operations and, for every constrained member,
// sends valid and invalid requests through the real SDK client: invalid ones must be answered with
// ValidationException, valid ones with success or a non-validation error.
import {
  GetCompositionCommand,
  IVSRealTimeClient,
  ListCompositionsCommand,
  StartCompositionCommand,
  StopCompositionCommand,
} from '@aws-sdk/client-ivs-realtime';
import { expect } from 'chai';
import { loadServiceModel, type ModelShape } from '../model.js';
import { CHANNEL_ARN, ENCODER_ARN, STAGE_ARN, startWorld, stopWorld, STORAGE_ARN, type TestWorld } from './helpers.js';

type Path = (string | number)[];
type Json = Record<string, unknown>;

interface Variant {
  readonly label: string;
  readonly input: Json;
  readonly valid: boolean;
}

const model = loadServiceModel();
const UNIQUE_LISTS = new Set(['DestinationConfigurationList', 'ThumbnailStorageTypeList']);

function getAt(obj: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], obj);
}
function withValue(base: Json, path: Path, value: unknown): Json {
  const copy = structuredClone(base);
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  if (value === undefined) delete parent[key];
  else parent[key] = value;
  return copy;
}
function anchored(pattern: string): RegExp {
  return new RegExp(pattern.startsWith('^') ? pattern : `^(?:${pattern})$`);
}

/** Every constrained member reachable in `base`, with the variants its constraints call for. */
function variantsFor(shapeName: string, base: Json): Variant[] {
  const out: Variant[] = [];
  const walk = (name: string, path: Path): void => {
    const shape = model.shapes[name] as ModelShape;
    const here = path.join('.') || '(input)';
    const current = getAt(base, path);
    if (shape.type === 'structure') {
      for (const required of shape.required ?? []) {
        out.push({ label: `${path.concat(required).join('.')} missing (required)`, input: withValue(base, path.concat(required), undefined), valid: false });
      }
      for (const [member, ref] of Object.entries(shape.members ?? {})) {
        if (ref.location === 'header') continue;
        if (getAt(base, path.concat(member)) !== undefined) walk(ref.shape, path.concat(member));
      }
      return;
    }
    if (shape.type === 'string') {
      const value = current as string;
      if (shape.min !== undefined && shape.min > 0) out.push({ label: `${here} shorter than ${shape.min}`, input: withValue(base, path, ''), valid: false });
      if (shape.max !== undefined) {
        out.push({ label: `${here} longer than ${shape.max}`, input: withValue(base, path, 'a'.repeat(shape.max + 1)), valid: false });
        const longest = 'a'.repeat(shape.max);
        // Pagination tokens are opaque: only the ones the service handed out are valid, whatever their shape.
        if (name !== 'PaginationToken' && (!shape.pattern || anchored(shape.pattern).test(longest))) out.push({ label: `${here} exactly ${shape.max} long`, input: withValue(base, path, longest), valid: true });
      }
      if (shape.pattern) {
        out.push({ label: `${here} breaking the pattern`, input: withValue(base, path, 'bad value!'), valid: false });
        out.push({ label: `${here} with trailing junk (pattern anchored)`, input: withValue(base, path, `${value}!`), valid: false });
        out.push({ label: `${here} with leading junk (pattern anchored)`, input: withValue(base, path, `!${value}`), valid: false });
      }
      if (shape.enum) {
        out.push({ label: `${here} outside the enum`, input: withValue(base, path, 'NOT_IN_ENUM'), valid: false });
        for (const e of shape.enum) out.push({ label: `${here} = ${e}`, input: withValue(base, path, e), valid: true });
      }
      return;
    }
    if (shape.type === 'integer' || shape.type === 'long') {
      if (shape.min !== undefined) {
        out.push({ label: `${here} below ${shape.min}`, input: withValue(base, path, shape.min - 1), valid: false });
        out.push({ label: `${here} = min ${shape.min}`, input: withValue(base, path, shape.min), valid: true });
      }
      if (shape.max !== undefined) {
        out.push({ label: `${here} above ${shape.max}`, input: withValue(base, path, shape.max + 1), valid: false });
        out.push({ label: `${here} = max ${shape.max}`, input: withValue(base, path, shape.max), valid: true });
      }
      return;
    }
    if (shape.type === 'list') {
      const list = current as unknown[];
      if (shape.min !== undefined && shape.min > 0) out.push({ label: `${here} with fewer than ${shape.min} items`, input: withValue(base, path, []), valid: false });
      if (shape.max !== undefined) {
        out.push({ label: `${here} with more than ${shape.max} items`, input: withValue(base, path, Array.from({ length: shape.max + 1 }, () => structuredClone(list[0]))), valid: false });
      }
      if (UNIQUE_LISTS.has(name)) {
        out.push({ label: `${here} with a duplicate item (uniqueItems)`, input: withValue(base, path, [list[0], structuredClone(list[0])]), valid: false });
        const itemShape = model.shapes[shape.member!.shape] as ModelShape;
        if (itemShape.enum && shape.max !== undefined) {
          out.push({ label: `${here} with ${shape.max} distinct items`, input: withValue(base, path, itemShape.enum.slice(0, shape.max)), valid: true });
        }
      }
      if (list.length > 0) walk(shape.member!.shape, path.concat(0));
      return;
    }
    if (shape.type === 'map') {
      const keyShape = model.shapes[shape.key!.shape] as ModelShape;
      const valueShape = model.shapes[shape.value!.shape] as ModelShape;
      const entries = (n: number): Json => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
      if (shape.max !== undefined) {
        out.push({ label: `${here} with more than ${shape.max} entries`, input: withValue(base, path, entries(shape.max + 1)), valid: false });
        out.push({ label: `${here} with ${shape.max} entries`, input: withValue(base, path, entries(shape.max)), valid: true });
      }
      if (keyShape.min !== undefined && keyShape.min > 0) out.push({ label: `${here} with an empty key`, input: withValue(base, path, { '': 'v' }), valid: false });
      if (keyShape.max !== undefined) out.push({ label: `${here} with a key longer than ${keyShape.max}`, input: withValue(base, path, { ['k'.repeat(keyShape.max + 1)]: 'v' }), valid: false });
      if (valueShape.max !== undefined) {
        out.push({ label: `${here} with a value longer than ${valueShape.max}`, input: withValue(base, path, { k: 'v'.repeat(valueShape.max + 1) }), valid: false });
        out.push({ label: `${here} with a value exactly ${valueShape.max} long`, input: withValue(base, path, { k: 'v'.repeat(valueShape.max) }), valid: true });
      }
    }
  };
  walk(shapeName, []);
  out.unshift({ label: 'the base request', input: base, valid: true });
  return out;
}

type Operation = 'StartComposition' | 'GetComposition' | 'ListCompositions' | 'StopComposition';

async function send(client: IVSRealTimeClient, operation: Operation, input: Json): Promise<string> {
  const commands = { StartComposition: StartCompositionCommand, GetComposition: GetCompositionCommand, ListCompositions: ListCompositionsCommand, StopComposition: StopCompositionCommand };
  const Command = commands[operation] as unknown as new (input: Json) => Parameters<IVSRealTimeClient['send']>[0];
  try {
    await client.send(new Command(input));
    return 'ok';
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    if (e.$metadata?.httpStatusCode === undefined) throw new Error(`the SDK refused to send ${operation}: ${e.message}`);
    return e.name;
  }
}

describe('emulator conformance with the model (composition operations)', () => {
  let world: TestWorld;
  let compositionArn: string;
  let nextToken: string;
  let counter = 0;

  before(async () => {
    world = await startWorld({ quotas: { compositionsPerStage: 10_000, compositionsPerAccount: 10_000 } });
    const started = [];
    for (let i = 0; i < 2; i++) {
      started.push(await world.client.send(new StartCompositionCommand({ stageArn: STAGE_ARN, destinations: [{ s3: { storageConfigurationArn: STORAGE_ARN, encoderConfigurationArns: [ENCODER_ARN] } }] })));
    }
    compositionArn = started[0]!.composition!.arn!;
    nextToken = (await world.client.send(new ListCompositionsCommand({ maxResults: 1 }))).nextToken!;
  });
  after(async () => {
    await stopWorld(world);
  });

  const gridStart = (): Json => ({
    stageArn: STAGE_ARN,
    idempotencyToken: 'base-token',
    layout: { grid: { featuredParticipantAttribute: 'featured', omitStoppedVideo: true, videoAspectRatio: 'AUTO', videoFillMode: 'COVER', gridGap: 2, participantOrderAttribute: 'order' } },
    destinations: [
      {
        name: 'recording',
        s3: {
          storageConfigurationArn: STORAGE_ARN,
          encoderConfigurationArns: [ENCODER_ARN],
          recordingConfiguration: { hlsConfiguration: { targetSegmentDurationSeconds: 4 }, format: 'HLS' },
          thumbnailConfigurations: [{ targetIntervalSeconds: 30, storage: ['LATEST'] }],
        },
      },
    ],
    tags: { team: 'media' },
  });
  const pipStart = (): Json => ({
    stageArn: STAGE_ARN,
    idempotencyToken: 'base-token',
    layout: {
      pip: {
        featuredParticipantAttribute: 'featured',
        omitStoppedVideo: false,
        videoFillMode: 'FILL',
        gridGap: 0,
        pipParticipantAttribute: 'pip',
        pipBehavior: 'DYNAMIC',
        pipOffset: 8,
        pipPosition: 'TOP_LEFT',
        pipWidth: 320,
        pipHeight: 180,
        participantOrderAttribute: 'order',
      },
    },
    destinations: [{ name: 'live', channel: { channelArn: CHANNEL_ARN, encoderConfigurationArn: ENCODER_ARN } }],
  });

  const suites: { operation: Operation; base: () => Json }[] = [
    { operation: 'StartComposition', base: gridStart },
    { operation: 'StartComposition', base: pipStart },
    { operation: 'GetComposition', base: () => ({ arn: compositionArn }) },
    { operation: 'ListCompositions', base: () => ({ filterByStageArn: STAGE_ARN, filterByEncoderConfigurationArn: ENCODER_ARN, nextToken, maxResults: 10 }) },
    { operation: 'StopComposition', base: () => ({ arn: compositionArn }) },
  ];

  for (const suite of suites) {
    it(`GIVEN ${suite.operation}${suite.operation === 'StartComposition' ? ` (${Object.keys((suite.base().layout as Json) ?? {})[0]} layout)` : ''} WHEN each constrained member is sent valid and invalid THEN invalid ones are ValidationException and valid ones are not`, async () => {
      const shapeName = model.operations[suite.operation]!.input!.shape;
      const variants = variantsFor(shapeName, suite.base());
      const wrong: string[] = [];
      for (const v of variants) {
        const input = structuredClone(v.input);
        // A fresh token per request, unless the token itself is under test: reuse with other parameters is a conflict, not what is checked here.
        if (suite.operation === 'StartComposition' && input.idempotencyToken === 'base-token') input.idempotencyToken = `t-${++counter}`;
        const answer = await send(world.client, suite.operation, input);
        const ok = v.valid ? answer !== 'ValidationException' : answer === 'ValidationException';
        if (!ok) wrong.push(`${v.valid ? 'valid' : 'invalid'}: ${v.label} -> ${answer}`);
      }
      expect(wrong, wrong.join('\n')).to.deep.equal([]);
      expect(variants.filter((v) => !v.valid).length).to.be.greaterThan(suite.operation === 'StartComposition' ? 30 : 3);
    });
  }
});
