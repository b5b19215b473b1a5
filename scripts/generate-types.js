#!/usr/bin/env node
// Generates schema/*.generated.ts from the checked-in JSON Schemas (the source of truth): the
// TypeScript types (json-schema-to-typescript) and the precompiled validators (ajv standalone),
// so that a run of stageform does not pay for compiling the schemas.
// `node scripts/generate-types.js` writes them; `--check` exits 1 when a file is stale.
// The test suite imports generateTypes() to compare in memory.
import { Ajv } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { compile } from 'json-schema-to-typescript';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `name` is the validator's export in schema/validators.generated.ts. */
export const SCHEMAS = [
  { name: 'config', schema: 'schema/stageform-config.schema.json', output: 'schema/stageform-config.generated.ts' },
  { name: 'manifest', schema: 'schema/stage-compositions.schema.json', output: 'schema/stage-compositions.generated.ts' },
];

const BANNER = '// Generated from the JSON Schema by scripts/generate-types.js (npm run generate:types). Do not edit.';
const VALIDATORS = 'schema/validators.generated.ts';

/** The options core/manifest-schema.ts relies on: every error, with the failing data and schema. */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, strictRequired: false, logger: false };

/** @param {{ name: string, json: object }[]} schemas */
function generateValidators(schemas) {
  const standalone = standaloneModule.default ?? standaloneModule;
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true, lines: true } });
  const refs = {};
  for (const { name, json } of schemas) {
    ajv.addSchema(structuredClone(json), name);
    refs[name] = name;
  }
  const runtime = new Map();
  // ajv's standalone code calls require() for its runtime helpers; our package is ESM.
  const code = standalone(ajv, refs).replace(/require\("(ajv\/dist\/runtime\/[a-z0-9]+)"\)/gi, (_, mod) => {
    if (!runtime.has(mod)) runtime.set(mod, `runtime${runtime.size}`);
    return runtime.get(mod);
  });
  const imports = [...runtime].map(([mod, name]) => `import ${name} from '${mod}.js';`).join('\n');
  return `${BANNER}\n// @ts-nocheck\n${imports}\n${code.replace(/^"use strict";/, '')}\n`;
}

/** @returns {Promise<{output: string, text: string}[]>} */
export async function generateTypes(root = ROOT) {
  const schemas = await Promise.all(SCHEMAS.map(async (s) => ({ ...s, json: JSON.parse(await readFile(path.join(root, s.schema), 'utf8')) })));
  const out = [];
  for (const { json, output } of schemas) {
    const text = await compile(structuredClone(json), json.title, {
      bannerComment: BANNER,
      additionalProperties: false,
      unknownAny: true,
      strictIndexSignatures: false,
      format: true,
      cwd: path.join(root, 'schema'),
      style: { singleQuote: true, printWidth: 140 },
    });
    out.push({ output, text });
  }
  out.push({ output: VALIDATORS, text: generateValidators(schemas) });
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { output, text } of await generateTypes()) {
    const file = path.join(ROOT, output);
    const current = await readFile(file, 'utf8').catch(() => '');
    if (current === text) continue;
    if (check) {
      process.stderr.write(`${output} is stale: run npm run generate:types\n`);
      stale++;
    } else {
      await writeFile(file, text);
      process.stdout.write(`wrote ${output}\n`);
    }
  }
  process.exitCode = stale ? 1 : 0;
}
