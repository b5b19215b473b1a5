// A plan saved by `plan --out` and read by `apply` and `show`: one serializer, one parser that
// checks shape and version before anything trusts the contents.
import { readFileSync } from 'node:fs';
import { compareStrings, stringifyCanonical } from '../util/canonical-json.js';
import type { ManifestFileDigest } from '../model/desired.js';
import { UserError } from '../model/diagnostics.js';
import { PLAN_FORMAT_VERSION, type Plan, type PlanProvenance, type SavedPlan } from '../model/plan.js';
import { fromJsonPlan, toJsonPlan, type JsonPlan } from './plan-json.js';

export function createSavedPlan(plan: Plan, provenance: PlanProvenance): SavedPlan {
  return { kind: 'stageform-plan', formatVersion: PLAN_FORMAT_VERSION, provenance, plan };
}

export function serializeSavedPlan(saved: SavedPlan): string {
  return stringifyCanonical({ ...saved, plan: toJsonPlan(saved.plan) }, 2) + '\n';
}

/** The major version this build reads; minor versions only add fields, so any 1.x is readable. */
const SUPPORTED_MAJOR = PLAN_FORMAT_VERSION.split('.')[0];

/** Reads and parses a saved plan; `shown` is the path as the user wrote it, for messages. */
export function readSavedPlanFile(path: string, shown: string): SavedPlan {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError('PLAN_FILE_UNREADABLE', code === 'ENOENT' ? `${shown}: no such file` : `cannot read ${shown}: ${code ?? 'error'}`, {
      hint: 'pass a file written by stageform plan --out',
    });
  }
  return parseSavedPlan(text, shown);
}

export function parseSavedPlan(text: string, file: string): SavedPlan {
  const invalid = (detail: string): UserError =>
    new UserError('INVALID_PLAN_FILE', `${file} is not a stageform plan: ${detail}`, { hint: 'create one with `stageform plan --out FILE`' });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('it is not valid JSON');
  }
  if (!isRecord(value) || value.kind !== 'stageform-plan') throw invalid('"kind" is not "stageform-plan"');
  const version = value.formatVersion;
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version)) throw invalid('"formatVersion" is missing');
  if (version.split('.')[0] !== SUPPORTED_MAJOR) {
    throw new UserError('UNSUPPORTED_PLAN_VERSION', `${file} has plan format ${version}; this stageform reads ${SUPPORTED_MAJOR}.x`, {
      hint: 'run `stageform plan --out FILE` again with this version of stageform',
    });
  }
  const provenance = value.provenance;
  if (!isRecord(provenance)) throw invalid('"provenance" is missing');
  for (const key of ['manifestDigest', 'project', 'endpoint', 'liveFingerprint'] as const) {
    if (typeof provenance[key] !== 'string') throw invalid(`"provenance.${key}" is missing`);
  }
  if (provenance.manifests !== undefined && !(Array.isArray(provenance.manifests) && provenance.manifests.every((m) => isRecord(m) && typeof m.path === 'string' && typeof m.sha256 === 'string'))) {
    throw invalid('"provenance.manifests" is not a list of {path, sha256}');
  }
  if (!isStringArray(provenance.regions)) throw invalid('"provenance.regions" is missing');
  const plan = value.plan;
  if (!isRecord(plan)) throw invalid('"plan" is missing');
  if (typeof plan.project !== 'string' || plan.project !== provenance.project) throw invalid('"plan.project" does not match its provenance');
  for (const key of ['changes', 'drift', 'unmanaged', 'warnings', 'regions', 'targets'] as const) {
    if (!Array.isArray(plan[key])) throw invalid(`"plan.${key}" is not a list`);
  }
  if (!isRecord(plan.summary)) throw invalid('"plan.summary" is missing');
  (plan.changes as unknown[]).forEach((change, i) => {
    if (!isRecord(change) || typeof change.address !== 'string') throw invalid(`"plan.changes[${i}].address" is missing`);
    if (!Array.isArray(change.dependsOn) || !Array.isArray(change.reasons) || !Array.isArray(change.replacePaths)) {
      throw invalid(`"plan.changes[${i}]" lacks dependsOn, reasons or replacePaths`);
    }
  });
  // A newer minor version keeps its number and its extra fields: they pass through untouched.
  return { ...(value as unknown as SavedPlan), plan: fromJsonPlan(plan as unknown as JsonPlan, invalid) };
}

/** How the project's files differ from those a plan was made from, for the stale-plan message: "stages/a.yaml changed, stages/b.yaml added". */
export function describeManifestChanges(planned: readonly ManifestFileDigest[], current: readonly ManifestFileDigest[]): string[] {
  const before = new Map(planned.map((m) => [m.path, m.sha256]));
  const after = new Map(current.map((m) => [m.path, m.sha256]));
  const changes: string[] = [];
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings)) {
    const was = before.get(path);
    const is = after.get(path);
    if (was === undefined) changes.push(`${path} added`);
    else if (is === undefined) changes.push(`${path} removed`);
    else if (was !== is) changes.push(`${path} changed`);
  }
  return changes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
