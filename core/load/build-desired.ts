// Checks that span documents (names, stages, channels, quotas, tags) and the build of the
// DesiredState from schema-valid documents. Every check points at the node that breaks it.
import type { StageformConfig } from '../../schema/stageform-config.generated.js';
import type { CompositionManifest, StageCompositionsManifest } from '../../schema/stage-compositions.generated.js';
import type { Tags } from '../model/aws-shapes.js';
import { parseIvsArn } from '../util/arn.js';
import { compareStrings } from '../util/canonical-json.js';
import {
  COMPOSITIONS_QUOTA_NAME,
  DEFAULT_QUOTAS,
  DEFAULT_RATE_LIMITS,
  type DesiredComposition,
  type DesiredStage,
  type DesiredState,
  type ProjectSettings,
  type Quotas,
  type WhenIdle,
  type ManifestFileDigest,
} from '../model/desired.js';
import type { Diagnostic, DiagnosticCode, SourcePosition } from '../model/diagnostics.js';
import { OWNERSHIP_TAG_COUNT } from '../model/ownership.js';
import { checkTag, type TagRuleViolation } from '../model/tag-rules.js';
import { hashSpec, normalizeSpec, sortTags } from '../model/spec.js';
import { checkTimeZone, DEFAULT_TIMEZONE, readSchedule } from './read-schedule.js';
import type { ScheduleManifest } from '../../schema/stage-compositions.generated.js';
import { positionOf, type YamlDocument, type YamlPath, type YamlSource } from './yaml-source.js';

export const MAX_TAGS = 50;

export interface LoadedConfig {
  readonly source: YamlSource;
  readonly doc: YamlDocument;
  readonly value: StageformConfig;
}

export interface LoadedManifest {
  readonly source: YamlSource;
  readonly doc: YamlDocument;
  readonly value: StageCompositionsManifest;
}

function where(p: SourcePosition): string {
  return `${p.file}:${p.line}:${p.column}`;
}

/** The configured quotas, AWS defaults where not set. */
export function quotasWithDefaults(config: StageformConfig): Quotas {
  return { ...DEFAULT_QUOTAS, ...config.quotas };
}

/** The account quota as messages name it: AWS's name for it, its value, and that it can be raised. */
export function describeAccountQuota(value: number): string {
  return `the IVS quota "${COMPOSITIONS_QUOTA_NAME}" (concurrent compositions per account and region) is ${value}${value === DEFAULT_QUOTAS.compositionsPerAccount ? ' by default' : ' as set in stageform.yaml'}, and it is adjustable`;
}

export const ACCOUNT_QUOTA_HINT =
  'request an increase of "Compositions" for Amazon IVS in the Service Quotas console, then set quotas.compositionsPerAccount in stageform.yaml to the new value';

/** Project-wide checks. Documents must already be schema-valid. */
export function checkProject(config: LoadedConfig, manifests: readonly LoadedManifest[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report: Report = (m, path, code, message, hint, at = 'value') => out.push({ ...positionOf(m.source, m.doc, path, at), code, message, ...(hint ? { hint } : {}) });
  const quotas = quotasWithDefaults(config.value);

  checkTags(config.value.tags, (key, v) => report(config, ['tags', key], v.code, v.message, v.hint, v.at));
  checkMoves(config, manifests, report);
  const unknownZone = checkTimeZone(config.value.timezone ?? DEFAULT_TIMEZONE, ['timezone']);
  if (unknownZone) report(config, unknownZone.path, unknownZone.code, unknownZone.message, unknownZone.hint);
  // The manifests' schedules are still checked (in UTC) when the project's zone is unknown.
  const defaultTimezone = unknownZone ? DEFAULT_TIMEZONE : (config.value.timezone ?? DEFAULT_TIMEZONE);
  const checkSchedule = (m: LoadedManifest, schedule: ScheduleManifest | undefined, base: YamlPath): void => {
    if (!schedule) return;
    for (const p of readSchedule(schedule, defaultTimezone).problems) {
      report(m, [...base, ...p.path], p.code, p.message, p.hint, p.at);
    }
  };

  const manifestNames = new Map<string, SourcePosition>();
  const stages = new Map<string, { name: string; at: SourcePosition }>();
  const channels = new Map<string, { address: string; at: SourcePosition }>();
  const perAccount = new Map<string, number>();

  for (const m of manifests) {
    const name = m.value.metadata.name;
    const nameAt = positionOf(m.source, m.doc, ['metadata', 'name']);
    const previous = manifestNames.get(name);
    if (previous) report(m, ['metadata', 'name'], 'DUPLICATE_MANIFEST', `manifest \`${name}\` is already defined at ${where(previous)}`, 'metadata.name must be unique in the project: rename one');
    else manifestNames.set(name, nameAt);

    const stageArn = m.value.spec.stageArn;
    const stage = parseIvsArn(stageArn);
    const otherStage = stages.get(stageArn);
    if (otherStage) {
      report(m, ['spec', 'stageArn'], 'DUPLICATE_STAGE', `stage ${stageArn} is already managed by manifest \`${otherStage.name}\` (${where(otherStage.at)})`, "put all of a stage's compositions in one manifest");
    } else {
      stages.set(stageArn, { name, at: positionOf(m.source, m.doc, ['spec', 'stageArn']) });
    }

    checkSchedule(m, m.value.spec.schedule, ['spec', 'schedule']);
    const compositionNames = new Set<string>();
    m.value.spec.compositions.forEach((composition, i) => {
      const base: YamlPath = ['spec', 'compositions', i];
      const address = `${name}/${composition.name}`;
      if (compositionNames.has(composition.name)) {
        report(m, [...base, 'name'], 'DUPLICATE_COMPOSITION', `composition \`${composition.name}\` appears twice on stage \`${name}\``, 'composition names must be unique on a stage: rename one');
      }
      compositionNames.add(composition.name);

      if (quotas.compositionsPerStage !== undefined && i === quotas.compositionsPerStage) {
        report(
          m,
          [...base, 'name'],
          'QUOTA_EXCEEDED',
          `stage \`${name}\` has ${m.value.spec.compositions.length} compositions; quotas.compositionsPerStage in stageform.yaml allows ${quotas.compositionsPerStage}`,
          'AWS documents no per-stage quota: raise or remove quotas.compositionsPerStage, or move compositions to another stage',
        );
      }
      if (stage) {
        const accountKey = `${stage.accountId}/${stage.region}`;
        const count = (perAccount.get(accountKey) ?? 0) + 1;
        perAccount.set(accountKey, count);
        if (count === quotas.compositionsPerAccount + 1) {
          report(
            m,
            [...base, 'name'],
            'QUOTA_EXCEEDED',
            `\`${address}\` is composition ${count} in account ${stage.accountId} (${stage.region}); ${describeAccountQuota(quotas.compositionsPerAccount)}`,
            ACCOUNT_QUOTA_HINT,
          );
        }
      }

      checkDestinations(m, composition, base, stage, report);
      checkSchedule(m, composition.schedule, [...base, 'schedule']);

      composition.destinations.forEach((destination, d) => {
        const channelArn = destination.channel?.channelArn;
        if (!channelArn) return;
        const other = channels.get(channelArn);
        const path = [...base, 'destinations', d, 'channel', 'channelArn'];
        if (other) {
          report(m, path, 'CHANNEL_CONFLICT', `channel ${channelArn} already receives \`${other.address}\` (${where(other.at)})`, 'a channel takes one broadcast: give each composition its own channel, or record to s3');
        } else {
          channels.set(channelArn, { address, at: positionOf(m.source, m.doc, path) });
        }
      });

      checkTags(composition.tags, (key, v) => report(m, [...base, 'tags', key], v.code, v.message, v.hint, v.at));
      const merged = mergeTags(config.value.tags, composition.tags);
      const stageformTags = OWNERSHIP_TAG_COUNT + (composition.protect === true ? 1 : 0);
      const total = Object.keys(merged).length + stageformTags;
      if (total > MAX_TAGS) {
        report(
          m,
          composition.tags ? [...base, 'tags'] : [...base, 'name'],
          'TOO_MANY_TAGS',
          `\`${address}\` would carry ${total} tags (its own, the project's and stageform's ${stageformTags}); AWS allows ${MAX_TAGS}`,
          `keep at most ${MAX_TAGS - stageformTags} tags between stageform.yaml and the composition`,
          'key',
        );
      }
    });
  }
  return out;
}

type Report = (m: { source: YamlSource; doc: YamlDocument }, path: YamlPath, code: DiagnosticCode, message: string, hint?: string, at?: 'value' | 'key') => void;

function checkDestinations(m: LoadedManifest, composition: CompositionManifest, base: YamlPath, stage: ReturnType<typeof parseIvsArn>, report: Report): void {
  let channels = 0;
  let s3 = 0;
  composition.destinations.forEach((destination, d) => {
    const path = [...base, 'destinations', d];
    if (destination.channel && ++channels === 2) {
      report(m, [...path, 'channel'], 'DESTINATION_CONFLICT', 'a composition can broadcast to one channel only', 'start a second composition for the second channel', 'key');
    }
    if (destination.s3 && ++s3 === 2) {
      report(m, [...path, 's3'], 'DESTINATION_CONFLICT', 'a composition can record to one s3 destination only', 'start a second composition for the second recording', 'key');
    }
    if (!stage) return;
    const arns: [YamlPath, string | undefined][] = [
      [[...path, 'channel', 'channelArn'], destination.channel?.channelArn],
      [[...path, 'channel', 'encoderConfigurationArn'], destination.channel?.encoderConfigurationArn],
      [[...path, 's3', 'storageConfigurationArn'], destination.s3?.storageConfigurationArn],
      ...(destination.s3?.encoderConfigurationArns ?? []).map((arn, k): [YamlPath, string] => [[...path, 's3', 'encoderConfigurationArns', k], arn]),
    ];
    for (const [arnPath, arn] of arns) {
      const parsed = arn ? parseIvsArn(arn) : undefined;
      if (!parsed) continue;
      if (parsed.region !== stage.region || parsed.accountId !== stage.accountId) {
        report(
          m,
          arnPath,
          'ARN_MISMATCH',
          `${parsed.kind} ${parsed.id} is in account ${parsed.accountId}, ${parsed.region}, but the stage is in account ${stage.accountId}, ${stage.region}`,
          "a composition can only use channels and configurations in its stage's account and region",
        );
      }
    }
  });
}

/** Each `to` is declared; following from -> to never comes back to where it began. */
function checkMoves(config: LoadedConfig, manifests: readonly LoadedManifest[], report: Report): void {
  const moved = config.value.moved ?? [];
  const declared = new Set(manifests.flatMap((m) => m.value.spec.compositions.map((c) => `${m.value.metadata.name}/${c.name}`)));
  const next = new Map<string, string>();
  for (const entry of moved) if (!next.has(entry.from)) next.set(entry.from, entry.to);
  moved.forEach((entry, i) => {
    if (!declared.has(entry.to)) {
      report(config, ['moved', i, 'to'], 'MOVED_NOT_DECLARED', `moved: \`${entry.to}\` is not declared in any manifest`, 'the `to` of a moved entry must be an address a manifest declares');
    }
    const seen = new Set<string>([entry.from]);
    for (let at = next.get(entry.from); at !== undefined; at = next.get(at)) {
      if (seen.has(at)) {
        report(config, ['moved', i], 'MOVED_CYCLE', `moved: \`${entry.from}\` -> \`${entry.to}\` is part of a cycle (${[...seen, at].join(' -> ')})`, 'each address moves once, to a new address: remove the entry that moves it back');
        break;
      }
      seen.add(at);
    }
  });
}

/** AWS's tagging rules and stageform's reserved prefix, for each tag of one file (project tags are checked in stageform.yaml, where they are written). */
function checkTags(tags: Tags | undefined, report: (key: string, violation: TagRuleViolation) => void): void {
  for (const [key, value] of Object.entries(tags ?? {})) for (const v of checkTag(key, value)) report(key, v);
}

/** Project tags under the composition's (the composition's win), keys sorted. */
export function mergeTags(projectTags: Tags | undefined, compositionTags: Tags | undefined): Tags {
  return sortTags({ ...projectTags, ...compositionTags });
}

export interface DesiredStateInput {
  readonly rootDir: string;
  readonly configFile: string;
  readonly manifestDigest: string;
  readonly manifestFiles: readonly ManifestFileDigest[];
}

/** The position of each ARN a composition references, its first occurrence. */
function referenceSourcesOf(m: LoadedManifest, composition: CompositionManifest, base: YamlPath): Record<string, SourcePosition> {
  const out: Record<string, SourcePosition> = {};
  const note = (path: YamlPath, arn: string | undefined): void => {
    if (arn && !(arn in out)) out[arn] = positionOf(m.source, m.doc, path);
  };
  composition.destinations.forEach((destination, d) => {
    const path = [...base, 'destinations', d];
    note([...path, 'channel', 'channelArn'], destination.channel?.channelArn);
    note([...path, 'channel', 'encoderConfigurationArn'], destination.channel?.encoderConfigurationArn);
    note([...path, 's3', 'storageConfigurationArn'], destination.s3?.storageConfigurationArn);
    (destination.s3?.encoderConfigurationArns ?? []).forEach((arn, k) => note([...path, 's3', 'encoderConfigurationArns', k], arn));
  });
  return out;
}

/** The settings of a schema-valid stageform.yaml. */
export function projectSettingsOf(config: StageformConfig, rootDir: string, configFile: string): ProjectSettings {
  return {
    project: config.project,
    region: config.region,
    rootDir,
    configFile,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...config.rateLimits },
    quotas: quotasWithDefaults(config),
  };
}

/** The desired state of schema-valid, checked documents. */
export function buildDesiredState(config: LoadedConfig, manifests: readonly LoadedManifest[], input: DesiredStateInput): DesiredState {
  const c = config.value;
  const projectWhenIdle: WhenIdle = c.whenIdle ?? 'start';
  const stages: DesiredStage[] = [];
  const compositions: DesiredComposition[] = [];
  const regions = new Set<string>([c.region]);
  for (const m of manifests) {
    const { metadata, spec } = m.value;
    const arn = parseIvsArn(spec.stageArn);
    const region = arn?.region ?? c.region;
    const accountId = arn?.accountId ?? '';
    const whenIdle: WhenIdle = spec.whenIdle ?? projectWhenIdle;
    regions.add(region);
    stages.push({ manifestName: metadata.name, stageArn: spec.stageArn, region, accountId, whenIdle, source: positionOf(m.source, m.doc, ['spec', 'stageArn']) });
    // The stage's schedule is read once, not once per composition that inherits it.
    const stageSchedule = spec.schedule ? readSchedule(spec.schedule, c.timezone ?? DEFAULT_TIMEZONE).schedule : undefined;
    spec.compositions.forEach((composition, i) => {
      const schedule = composition.schedule ? readSchedule(composition.schedule, c.timezone ?? DEFAULT_TIMEZONE).schedule : stageSchedule;
      const canonical = normalizeSpec({ stageArn: spec.stageArn, layout: composition.layout, destinations: composition.destinations });
      compositions.push({
        address: `${metadata.name}/${composition.name}`,
        manifestName: metadata.name,
        compositionName: composition.name,
        stageArn: spec.stageArn,
        region,
        accountId,
        spec: canonical,
        specHash: hashSpec(canonical),
        tags: mergeTags(c.tags, composition.tags),
        whenIdle,
        protect: composition.protect === true,
        adopt: composition.adopt === true,
        ...(schedule ? { schedule } : {}),
        source: positionOf(m.source, m.doc, ['spec', 'compositions', i]),
        referenceSources: referenceSourcesOf(m, composition, ['spec', 'compositions', i]),
      });
    });
  }
  stages.sort((a, b) => compareStrings(a.manifestName, b.manifestName));
  compositions.sort((a, b) => compareStrings(a.address, b.address));
  return {
    ...projectSettingsOf(c, input.rootDir, input.configFile),
    stages,
    compositions,
    moves: (c.moved ?? []).map((entry, i) => ({ from: entry.from, to: entry.to, source: positionOf(config.source, config.doc, ['moved', i]) })),
    regions: [...regions].sort(compareStrings),
    manifestDigest: input.manifestDigest,
    manifestFiles: input.manifestFiles,
  };
}
