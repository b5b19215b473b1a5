import type { Schedule } from '../../core/model/schedule.js';
// Small builders for desired and live states, so plan tests read as the situation they describe.
import type { CompositionState, DestinationConfiguration, DestinationState, LayoutConfiguration, Tags } from '../../core/model/aws-shapes.js';
import { DEFAULT_QUOTAS, DEFAULT_RATE_LIMITS, type DesiredComposition, type DesiredState, type Quotas, type WhenIdle } from '../../core/model/desired.js';
import { parseIvsArn } from '../../core/util/arn.js';
import type { LiveComposition, LiveStage, LiveState } from '../../core/model/live.js';
import { ownershipTags } from '../../core/model/ownership.js';
import { hashSpec, normalizeSpec, sortTags, type CanonicalSpec } from '../../core/model/spec.js';

export const PROJECT = 'studio';
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export function stageArn(id: string, region = REGION): string {
  return `arn:aws:ivs:${region}:${ACCOUNT}:stage/${id}`;
}
export function channelArn(id: string, region = REGION): string {
  return `arn:aws:ivs:${region}:${ACCOUNT}:channel/${id}`;
}
export function compositionArn(id: string, region = REGION): string {
  return `arn:aws:ivs:${region}:${ACCOUNT}:composition/${id}`;
}
export const STORAGE = `arn:aws:ivs:${REGION}:${ACCOUNT}:storage-configuration/Store1`;
export const ENCODER = `arn:aws:ivs:${REGION}:${ACCOUNT}:encoder-configuration/Enc720p`;
export const ENCODER_HD = `arn:aws:ivs:${REGION}:${ACCOUNT}:encoder-configuration/Enc1080p`;

export function s3Destination(overrides: Partial<NonNullable<DestinationConfiguration['s3']>> = {}, name?: string): DestinationConfiguration {
  return { ...(name ? { name } : {}), s3: { storageConfigurationArn: STORAGE, encoderConfigurationArns: [ENCODER], ...overrides } };
}
export function channelDestination(id: string, name?: string): DestinationConfiguration {
  return { ...(name ? { name } : {}), channel: { channelArn: channelArn(id), encoderConfigurationArn: ENCODER } };
}

export interface CompositionInput {
  readonly address: string;
  readonly stage: string;
  readonly layout?: LayoutConfiguration;
  readonly destinations: readonly DestinationConfiguration[];
  readonly tags?: Tags;
  readonly whenIdle?: WhenIdle;
  readonly schedule?: Schedule;
  readonly line?: number;
}

export function desiredComposition(input: CompositionInput): DesiredComposition {
  const arn = input.stage.startsWith('arn:') ? input.stage : stageArn(input.stage);
  const spec = normalizeSpec({ stageArn: arn, layout: input.layout, destinations: input.destinations });
  const [manifestName, compositionName] = input.address.split('/');
  const parsed = parseIvsArn(arn);
  return {
    address: input.address,
    manifestName,
    compositionName,
    stageArn: arn,
    region: parsed?.region ?? REGION,
    accountId: parsed?.accountId ?? ACCOUNT,
    spec,
    specHash: hashSpec(spec),
    tags: sortTags(input.tags ?? {}),
    whenIdle: input.whenIdle ?? 'start',
    ...(input.schedule ? { schedule: input.schedule } : {}),
    source: { file: `manifests/${manifestName}.yaml`, line: input.line ?? 5, column: 5 },
  };
}

export function desiredState(compositions: readonly CompositionInput[], options: { quotas?: Partial<Quotas>; project?: string } = {}): DesiredState {
  const built = compositions.map(desiredComposition).sort((a, b) => (a.address < b.address ? -1 : 1));
  const stages = new Map<string, DesiredComposition>();
  for (const c of built) if (!stages.has(c.manifestName)) stages.set(c.manifestName, c);
  const regions = [...new Set([REGION, ...built.map((c) => c.region)])].sort();
  return {
    project: options.project ?? PROJECT,
    region: REGION,
    rootDir: '/project',
    configFile: 'stageform.yaml',
    quotas: { ...DEFAULT_QUOTAS, ...options.quotas },
    rateLimits: DEFAULT_RATE_LIMITS,
    stages: [...stages.values()]
      .map((c) => ({ manifestName: c.manifestName, stageArn: c.stageArn, region: c.region, accountId: c.accountId, whenIdle: c.whenIdle, source: { file: c.source.file, line: 3, column: 13 } }))
      .sort((a, b) => (a.manifestName < b.manifestName ? -1 : 1)),
    compositions: built,
    regions,
    manifestDigest: 'digest',
    manifestFiles: [],
  };
}

export function liveStage(id: string, options: { active?: boolean; region?: string } = {}): LiveStage {
  return { arn: stageArn(id, options.region), name: id, ...(options.active === false ? {} : { activeSessionId: `st-${id}` }), tags: {} };
}

/** The canonical spec as AWS echoes it: configuration in GetComposition's shape. */
export function echoSpec(spec: CanonicalSpec): { layout: LayoutConfiguration; destinations: DestinationConfiguration[] } {
  const destinations = spec.destinations.map((d) => {
    const out: DestinationConfiguration = {};
    if (d.name) out.name = d.name;
    if (d.channel) out.channel = { ...d.channel };
    if (d.s3) {
      out.s3 = {
        storageConfigurationArn: d.s3.storageConfigurationArn,
        encoderConfigurationArns: [...d.s3.encoderConfigurationArns],
        recordingConfiguration: { format: d.s3.recordingConfiguration.format, hlsConfiguration: { ...d.s3.recordingConfiguration.hlsConfiguration } },
        thumbnailConfigurations: d.s3.thumbnailConfigurations.map((t) => ({ targetIntervalSeconds: t.targetIntervalSeconds, storage: [...t.storage] })),
      };
    }
    return out;
  });
  return { layout: JSON.parse(JSON.stringify(spec.layout)) as LayoutConfiguration, destinations };
}

export interface LiveInput {
  readonly id: string;
  readonly state?: CompositionState;
  readonly destinationStates?: readonly DestinationState[];
  /** User tags as they are live (default: the desired ones). */
  readonly tags?: Tags;
  /** User tags stageform wrote (default: the desired ones); their hash goes into the spec tag. */
  readonly writtenTags?: Tags;
  readonly startTime?: string;
  readonly endTime?: string;
  /** Another project's ownership, or none. */
  readonly project?: string | null;
}

/** A managed composition echoing `want` exactly as IVS would return it. */
export function liveFor(want: DesiredComposition, input: LiveInput): LiveComposition {
  return liveFromSpec(want.spec, want.address, want.specHash, want.tags, input);
}

export function liveFromSpec(spec: CanonicalSpec, address: string, specHash: string, desiredTags: Tags, input: LiveInput): LiveComposition {
  const echo = echoSpec(spec);
  const state = input.state ?? 'ACTIVE';
  const written = input.writtenTags ?? desiredTags;
  let tags: Tags;
  if (input.project === null) tags = { ...(input.tags ?? desiredTags) };
  else {
    tags = ownershipTags(input.project ?? PROJECT, address, specHash, written);
    for (const key of Object.keys(written)) delete tags[key];
    Object.assign(tags, input.tags ?? written);
  }
  const destinationStates = input.destinationStates ?? echo.destinations.map(() => (state === 'ACTIVE' ? 'ACTIVE' : state === 'FAILED' ? 'FAILED' : state === 'STARTING' ? 'STARTING' : 'STOPPED'));
  return {
    arn: compositionArn(input.id),
    stageArn: spec.stageArn,
    state,
    tags: sortTags(tags),
    layout: echo.layout,
    destinations: echo.destinations.map((configuration, i) => ({ id: `dest${i + 1}`, state: destinationStates[i] ?? 'ACTIVE', configuration })),
    startTime: input.startTime ?? '2026-01-01T10:00:00.000Z',
    ...(input.endTime ? { endTime: input.endTime } : {}),
  };
}

export function liveState(stages: readonly LiveStage[], compositions: readonly LiveComposition[]): LiveState {
  const regions = [...new Set([REGION, ...stages.map((s) => parseIvsArn(s.arn)?.region ?? REGION)])].sort();
  return {
    regions: regions.map((region) => ({
      region,
      stages: stages.filter((s) => (parseIvsArn(s.arn)?.region ?? REGION) === region).sort((a, b) => (a.arn < b.arn ? -1 : 1)),
      compositions: compositions.filter((c) => (parseIvsArn(c.stageArn)?.region ?? REGION) === region).sort((a, b) => (a.arn < b.arn ? -1 : 1)),
    })),
  };
}

/** Deep-freezes a value so a test fails if planning mutates its inputs. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
