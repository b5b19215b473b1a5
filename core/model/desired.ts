// The desired state: what the manifests say, validated and normalised. Built by the loader
// (core/load-project.ts) and read by plan; never mutated after it is built.
import type { SourcePosition } from './diagnostics.js';
import type { CanonicalSpec } from './spec.js';
import type { Tags } from './aws-shapes.js';
import type { Schedule } from './schedule.js';

export type WhenIdle = 'start' | 'skip';

/**
 * Concurrent (STARTING or ACTIVE) compositions. AWS documents one quota, "Compositions": 5 per
 * account and region, adjustable (IVS Real-Time user guide, "Service Quotas"). It documents no
 * per-stage quota: compositionsPerStage applies only when stageform.yaml sets one.
 */
export interface Quotas {
  readonly compositionsPerStage?: number;
  readonly compositionsPerAccount: number;
}

/** The quota's name on the quotas page and in the Service Quotas console. */
export const COMPOSITIONS_QUOTA_NAME = 'Compositions';

/** Requests per second per API operation, as in the published IVS Real-Time quotas. */
export interface RateLimits {
  /** StartComposition, GetComposition, ListCompositions, StopComposition: each. */
  readonly composition: number;
  /** ListStages, GetStage, ...: each. */
  readonly stage: number;
  /** TagResource, UntagResource, ListTagsForResource: each. */
  readonly tag: number;
  /** Get*Configuration: each. Not settable in stageform.yaml; unset means AWS's documented 5 TPS. */
  readonly configuration?: number;
  /** GetChannel, GetStream (low-latency IVS): each. Not settable; unset means the documented 5 TPS. */
  readonly channel?: number;
}

export const DEFAULT_QUOTAS: Quotas = { compositionsPerAccount: 5 };
export const DEFAULT_RATE_LIMITS: RateLimits = { composition: 5, stage: 5, tag: 10 };

export interface DesiredStage {
  readonly manifestName: string;
  readonly stageArn: string;
  readonly region: string;
  readonly accountId: string;
  readonly whenIdle: WhenIdle;
  readonly source: SourcePosition;
}

export interface DesiredComposition {
  /** `<metadata.name>/<composition name>`: the identity users see everywhere. */
  readonly address: string;
  readonly manifestName: string;
  readonly compositionName: string;
  readonly stageArn: string;
  readonly region: string;
  readonly accountId: string;
  readonly spec: CanonicalSpec;
  /** hashSpec(spec); written to the `stageform:spec` tag. */
  readonly specHash: string;
  /** User tags: project tags merged under the composition's, keys sorted. No `stageform:` keys. */
  readonly tags: Tags;
  readonly whenIdle: WhenIdle;
  /** `protect: true`: a plan that would stop it fails with PROTECTED unless the run allows it. */
  readonly protect: boolean;
  /** `adopt: true`: a matching running composition stageform did not start may be adopted. */
  readonly adopt: boolean;
  /** When it should run (its own schedule, else its manifest's); absent: always. */
  readonly schedule?: Schedule;
  readonly source: SourcePosition;
  /**
   * Where each ARN the composition references (channel, encoder and storage configurations) is
   * written, its first occurrence: preflight's errors point there. Absent: `source` stands in.
   */
  readonly referenceSources?: Readonly<Record<string, SourcePosition>>;
}

/** A `moved:` entry of stageform.yaml: the address `from` is now `to`. */
export interface AddressMove {
  readonly from: string;
  readonly to: string;
  readonly source: SourcePosition;
}

export interface DesiredState {
  readonly project: string;
  /** Default region (stageform.yaml); stage ARNs carry their own. */
  readonly region: string;
  readonly rootDir: string;
  readonly configFile: string;
  readonly quotas: Quotas;
  readonly rateLimits: RateLimits;
  /** Sorted by manifestName. */
  readonly stages: readonly DesiredStage[];
  /** Sorted by address. */
  readonly compositions: readonly DesiredComposition[];
  /** stageform.yaml's `moved:` entries, in file order. */
  readonly moves: readonly AddressMove[];
  /** Every region the project touches (default region + stage regions), sorted. */
  readonly regions: readonly string[];
  /** sha256 over every file read (relative path and bytes, sorted by path): a saved plan is stale when it changes. */
  readonly manifestDigest: string;
  /** The files manifestDigest covers: path relative to rootDir (with /), sorted. */
  readonly manifestFiles: readonly ManifestFileDigest[];
}

export interface ManifestFileDigest {
  readonly path: string;
  readonly sha256: string;
}

/**
 * What stageform.yaml alone says: enough to connect and start listing before the manifests are
 * read. The quotas are the account's: the embedded emulator (--local) emulates an account with them.
 */
export type ProjectSettings = Pick<DesiredState, 'project' | 'region' | 'rootDir' | 'configFile' | 'rateLimits' | 'quotas'>;
