// `init --from-live`, up to the files: (1) load the project in DIR, if it has one; (2) connect and
// read the region's stages and the running compositions no stageform project owns; (3) build one
// manifest per stage that has some. Writing the files is the caller's (it never overwrites).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_QUOTAS, DEFAULT_RATE_LIMITS, type DesiredState, type ProjectSettings } from '../model/desired.js';
import { UserError, type Diagnostic } from '../model/diagnostics.js';
import type { LiveStage } from '../model/live.js';
import { CONFIG_FILE, loadProject } from '../load/load-project.js';
import { observeUnowned, type OwnedComposition } from '../observe/observe-unowned.js';
import { buildLiveManifests, type LiveManifest } from '../render/live-manifests.js';
import type { PipelineConnection } from './plan-pass.js';

export interface FromLiveOptions {
  /** The project directory (absolute). */
  readonly rootDir: string;
  /** The project name a new project gets. */
  readonly newProjectName: string;
  /** --stage: only these stages. */
  readonly stageArns?: readonly string[];
  /** --region, to check against an existing project's. */
  readonly region?: string;
  readonly parallelism: number;
}

export interface FromLiveEdges {
  /** Diagnostic paths are shown relative to it. */
  readonly cwd: string;
  connect(settings: ProjectSettings): Promise<PipelineConnection>;
  readonly signal?: AbortSignal;
}

export type FromLiveOutcome =
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }
  | {
      readonly ok: true;
      /** Absent: DIR has no stageform.yaml yet. */
      readonly existing?: DesiredState;
      readonly project: string;
      readonly region: string;
      /** Sorted by name. */
      readonly manifests: readonly LiveManifest[];
      /** Stages with nothing to write, sorted by ARN. */
      readonly emptyStages: readonly LiveStage[];
      /** Stages a manifest of the project declares already (left alone), sorted by ARN. */
      readonly declaredStages: readonly { readonly stageArn: string; readonly manifestName: string }[];
      /** Running compositions a stageform project owns (not written), sorted by ARN. */
      readonly owned: readonly OwnedComposition[];
    };

export async function runFromLivePass(options: FromLiveOptions, edges: FromLiveEdges): Promise<FromLiveOutcome> {
  // 1. The project in DIR, if there is one: its settings, names and stages are kept.
  let existing: DesiredState | undefined;
  if (existsSync(path.join(options.rootDir, CONFIG_FILE))) {
    const loaded = await loadProject(options.rootDir, { cwd: edges.cwd });
    if (!loaded.desired) return { ok: false, diagnostics: loaded.diagnostics };
    existing = loaded.desired;
    if (options.region && existing.region && options.region !== existing.region) {
      throw new UserError('REGION_MISMATCH', `--region ${options.region} is not the project's region (${existing.region} in ${CONFIG_FILE})`, {
        hint: 'manifests join a project in its own region: drop --region, or write them to a new folder',
      });
    }
  }
  const settings: ProjectSettings = existing ?? {
    project: options.newProjectName,
    region: '',
    rootDir: options.rootDir,
    configFile: path.join(options.rootDir, CONFIG_FILE),
    rateLimits: DEFAULT_RATE_LIMITS,
    quotas: DEFAULT_QUOTAS,
  };

  // 2. The region's stages and running compositions.
  const connection = await edges.connect(settings);
  try {
    const region = connection.region;
    if (!region) throw new UserError('MISSING_REGION', 'no region to read', { hint: 'pass --region, or set AWS_REGION' });
    const state = await observeUnowned(connection.apiFor(region), { stageArns: options.stageArns, parallelism: options.parallelism, signal: edges.signal });
    if (state.missingStageArns.length > 0) {
      throw new UserError('STAGE_NOT_FOUND', `--stage ${state.missingStageArns.join(', ')}: no such stage in ${region}`, {
        hint: 'pass the ARN of a stage in the region read (--region, else the project\'s, else AWS_REGION)',
      });
    }

    // 3. A manifest per stage not declared already.
    const declaredBy = new Map((existing?.stages ?? []).map((s) => [s.stageArn, s.manifestName]));
    const built = buildLiveManifests({
      stages: state.stages.filter((s) => !declaredBy.has(s.arn)),
      compositions: state.unowned,
      channelNames: state.channelNames,
      takenNames: existing?.stages.map((s) => s.manifestName) ?? [],
    });
    return {
      ok: true,
      ...(existing ? { existing } : {}),
      project: settings.project,
      region,
      manifests: built.manifests,
      emptyStages: built.emptyStages,
      declaredStages: state.stages.filter((s) => declaredBy.has(s.arn)).map((s) => ({ stageArn: s.arn, manifestName: declaredBy.get(s.arn)! })),
      owned: state.owned,
    };
  } finally {
    await connection.close();
  }
}
