#!/usr/bin/env node
// Generates schema/*.generated.ts from the checked-in JSON Schemas (the source of truth).
// `node scripts/generate-types.js` writes them; `--check` exits 1 when a file is stale.
// The test suite imports generateTypes() to compare in memory.
import { compile } from 'json-schema-to-typescript';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const SCHEMAS = [
  { schema: 'schema/stageform-config.schema.json', output: 'schema/stageform-config.generated.ts' },
  { schema: 'schema/stage-compositions.schema.json', output: 'schema/stage-compositions.generated.ts' },
];

const BANNER = '// Generated from the JSON Schema by scripts/generate-types.js (npm run generate:types). Do not edit.';

/** @returns {Promise<{output: string, text: string}[]>} */
export async function generateTypes(root = ROOT) {
  const out = [];
  for (const { schema, output } of SCHEMAS) {
    const json = JSON.parse(await readFile(path.join(root, schema), 'utf8'));
    const text = await compile(json, json.title, {
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
