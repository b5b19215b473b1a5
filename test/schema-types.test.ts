import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface JsonSchema {
  type?: string;
  $ref?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  maxProperties?: number;
  enum?: string[];
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  definitions?: Record<string, JsonSchema>;
  propertyNames?: JsonSchema;
}

interface ModelShape {
  type: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  required?: string[];
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
}

describe('schema', () => {
  it('GIVEN the checked-in schemas WHEN types are regenerated in memory THEN schema/*.generated.ts are up to date', async function () {
    this.timeout(20000);
    // Imported by URL: the script is plain JS outside the TypeScript build.
    const { generateTypes } = (await import(pathToFileURL(path.join(ROOT, 'scripts/generate-types.js')).href)) as {
      generateTypes: () => Promise<{ output: string; text: string }[]>;
    };
    for (const { output, text } of await generateTypes()) {
      const current = await readFile(path.join(ROOT, output), 'utf8');
      expect(current === text, `${output} is stale: run npm run generate:types`).to.equal(true);
    }
  });

  it('GIVEN the IVS API model WHEN StartComposition input is walked THEN every constraint is in the manifest schema', async () => {
    // The copy the emulator is built from: the test reads nothing outside the repository.
    const model = JSON.parse(await readFile(path.join(ROOT, 'emulator/model/ivs-realtime.service-2.json'), 'utf8')) as {
      shapes: Record<string, ModelShape>;
    };
    const schema = JSON.parse(await readFile(path.join(ROOT, 'schema/stage-compositions.schema.json'), 'utf8')) as JsonSchema;
    const resolve = (s: JsonSchema): JsonSchema => (s.$ref ? resolve(schema.definitions![s.$ref.replace('#/definitions/', '')]) : s);
    const checked: string[] = [];

    // Compares one model shape with one schema node, then walks members; `where` names the spot on failure.
    const compare = (shapeName: string, node: JsonSchema, where: string): void => {
      const shape = model.shapes[shapeName];
      const s = resolve(node);
      checked.push(where);
      if (shape.type === 'string') {
        expect(s.type, where).to.equal('string');
        if (shape.min !== undefined && shape.min > 0) expect(s.minLength, `${where} minLength`).to.equal(shape.min);
        if (shape.max !== undefined) expect(s.maxLength, `${where} maxLength`).to.equal(shape.max);
        if (shape.pattern) expect(s.pattern, `${where} pattern (anchored)`).to.equal(`^${shape.pattern}$`);
        if (shape.enum) expect(s.enum, `${where} enum`).to.deep.equal(shape.enum);
      } else if (shape.type === 'integer') {
        expect(s.type, where).to.equal('integer');
        if (shape.min !== undefined) expect(s.minimum, `${where} minimum`).to.equal(shape.min);
        if (shape.max !== undefined) expect(s.maximum, `${where} maximum`).to.equal(shape.max);
      } else if (shape.type === 'boolean') {
        expect(s.type, where).to.equal('boolean');
      } else if (shape.type === 'list') {
        expect(s.type, where).to.equal('array');
        if (shape.min !== undefined && shape.min > 0) expect(s.minItems, `${where} minItems`).to.equal(shape.min);
        if (shape.max !== undefined) expect(s.maxItems, `${where} maxItems`).to.equal(shape.max);
        compare(shape.member!.shape, s.items!, `${where}[]`);
      } else if (shape.type === 'map') {
        expect(s.type, where).to.equal('object');
        expect(s.maxProperties, `${where} maxProperties`).to.equal(shape.max);
        const key = model.shapes[shape.key!.shape];
        const value = model.shapes[shape.value!.shape];
        expect([s.propertyNames?.minLength, s.propertyNames?.maxLength], `${where} keys`).to.deep.equal([key.min, key.max]);
        const v = s.additionalProperties as JsonSchema;
        expect([v.type, v.maxLength], `${where} values`).to.deep.equal(['string', value.max]);
      } else if (shape.type === 'structure') {
        expect(s.type, where).to.equal('object');
        expect(s.additionalProperties, `${where} additionalProperties`).to.equal(false);
        for (const req of shape.required ?? []) expect(s.required ?? [], `${where} required`).to.include(req);
        for (const [member, ref] of Object.entries(shape.members ?? {})) {
          expect(s.properties, `${where}.${member} is in the schema`).to.have.property(member);
          compare(ref.shape, s.properties![member], `${where}.${member}`);
        }
      }
    };

    const request = model.shapes.StartCompositionRequest.members!;
    const composition = resolve(schema.definitions!.Composition);
    compare(request.layout.shape, composition.properties!.layout, 'layout');
    compare(request.destinations.shape, composition.properties!.destinations, 'destinations');
    compare(request.tags.shape, composition.properties!.tags, 'tags');
    compare(request.stageArn.shape, schema.properties!.spec.properties!.stageArn, 'stageArn');
    expect(checked).to.include.members(['layout.grid.participantOrderAttribute', 'layout.pip.pipHeight', 'destinations[].s3.thumbnailConfigurations[].storage[]']);
  });
});
