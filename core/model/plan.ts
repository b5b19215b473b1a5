// The plan is plain, readonly, JSON-serialisable data. Renderers are pure functions of it and
// apply executes it; nothing here renders or calls the API. See README "The JSON plan format".
import type { CompositionState, DestinationState, Tags } from './aws-shapes.js';
import type { ManifestFileDigest } from './desired.js';
import type { CanonicalDestination, CanonicalLayout } from './spec.js';
import { assertNever } from './diagnostics.js';

/** Minor versions only add fields. */
export const PLAN_FORMAT_VERSION = '1.3';

/**
 * A closed set, handled exhaustively (assertNever) wherever it is switched on. The order of a
 * replacement is part of its action (decided in core/plan/plan-order.ts); why it is planned is
 * the change's `reasons`, which apply never looks at.
 */
export type Action = 'create' | 'replace-stop-first' | 'replace-start-first' | 'delete' | 'update-tags' | 'no-op';
export const ACTIONS: readonly Action[] = ['create', 'replace-stop-first', 'replace-start-first', 'delete', 'update-tags', 'no-op'];
export type ReplaceAction = Extract<Action, `replace-${string}`>;

/** stop-first when a channel is involved (it takes one broadcast), the old one FAILED, or a quota is tight; start-first otherwise. */
export type ReplaceOrder = 'stop-first' | 'start-first';

/** The JSON plan's words for an action (format 1.x, kept for its readers): a replacement is "replace" plus a replaceOrder. */
export type JsonAction = 'create' | 'replace' | 'delete' | 'update-tags' | 'no-op';
export const JSON_ACTIONS: readonly JsonAction[] = ['create', 'replace', 'delete', 'update-tags', 'no-op'];

export function isReplacement(action: Action): action is ReplaceAction {
  return action === 'replace-stop-first' || action === 'replace-start-first';
}

/** The JSON plan's action word and, for a replacement, its order. */
export function jsonActionOf(action: Action): { readonly action: JsonAction; readonly replaceOrder?: ReplaceOrder } {
  switch (action) {
    case 'create':
    case 'delete':
    case 'update-tags':
    case 'no-op':
      return { action };
    case 'replace-stop-first':
      return { action: 'replace', replaceOrder: 'stop-first' };
    case 'replace-start-first':
      return { action: 'replace', replaceOrder: 'start-first' };
    default:
      return assertNever(action, 'action');
  }
}

/** The inverse of jsonActionOf; undefined for a replacement without a valid order. */
export function actionFromJson(action: JsonAction, replaceOrder: unknown): Action | undefined {
  if (action !== 'replace') return action;
  return replaceOrder === 'stop-first' ? 'replace-stop-first' : replaceOrder === 'start-first' ? 'replace-start-first' : undefined;
}

/** Why a change is planned. Shown to users; never used to decide anything at apply. */
export type ChangeReason =
  | 'not-running' // declared, no live composition
  | 'spec-changed' // layout or destinations differ
  | 'failed' // the live composition is FAILED
  | 'stopped' // stopped outside stageform while the stage was active
  | 'stopped-idle' // IVS stopped it: the stage has no active session
  | 'degraded' // a destination is FAILED or RECONNECTING
  | 'tags-changed' // user tags differ
  | 'removed-from-manifests' // managed, address no longer declared
  | 'duplicate' // more than one live composition for one address: the extras are deleted
  | 'outside-schedule'; // managed and running, but no window of its schedule is open

/** What changed outside stageform, in the order the drift line lists them. README "Drift kinds" lists exactly these. */
export const DRIFT_KINDS = ['failed', 'stopped', 'stopped-idle', 'degraded', 'tags-changed', 'stage-missing'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** A plan warning's code. README "Warning codes" lists exactly these. */
export const WARNING_CODES = ['IDLE_STAGE', 'QUOTA_STOP_FIRST', 'TARGETED_PLAN', 'TARGET_DEPENDENCY', 'WINDOW_EXCEEDS_MAX_DURATION'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** A composition's attributes as the plan shows them: canonical, user tags only. */
export interface CompositionView {
  readonly stageArn: string;
  readonly layout: CanonicalLayout;
  readonly destinations: readonly CanonicalDestination[];
  readonly tags: Tags;
}

export interface LiveCompositionRef {
  readonly arn: string;
  readonly state: CompositionState;
  readonly destinationStates: readonly DestinationState[];
  /**
   * Since 1.2. The destinations as the manifest names them (nameLiveDestination: IVS's id for one
   * it does not know), in destinationStates' order.
   */
  readonly destinationNames?: readonly string[];
  /** The spec hash its ownership tag carries. */
  readonly specHash?: string;
}

export interface TagChanges {
  /** Keys to add or change, with their new values; sorted. */
  readonly set: Tags;
  /** Keys to remove; sorted. */
  readonly remove: readonly string[];
}

/** Since 1.3. Where a scheduled address stands at the instant the plan was made for. */
export interface ScheduleStatus {
  /** The schedule's IANA time zone (what people read the times in). */
  readonly timezone: string;
  /** The instant the schedule was evaluated at (ISO 8601, UTC): now, or plan --at. */
  readonly evaluatedAt: string;
  /** A window is open (and no deny window is). */
  readonly open: boolean;
  /** The next opening or closing within a year (ISO 8601, UTC); null when there is none. */
  readonly next: { readonly at: string; readonly opens: boolean } | null;
}

export interface PlannedChange {
  readonly address: string;
  readonly action: Action;
  readonly reasons: readonly ChangeReason[];
  /** Attribute paths whose change forces the replacement, e.g. ["layout","grid","gridGap"]; sorted. */
  readonly replacePaths: readonly (readonly (string | number)[])[];
  readonly stageArn: string;
  readonly region: string;
  /** Live attributes (null for create). */
  readonly before: CompositionView | null;
  /** Desired attributes (null for delete). */
  readonly after: CompositionView | null;
  /** Desired spec hash (null for delete). */
  readonly specHash: string | null;
  /** The live composition acted on: stopped by delete/replace, tagged by update-tags. */
  readonly live: LiveCompositionRef | null;
  /** For update-tags. */
  readonly tagChanges?: TagChanges;
  /** Addresses whose changes must finish first (a channel handed over, quota room made). Sorted. */
  readonly dependsOn: readonly string[];
  /** StartComposition's idempotency token, for create and replace. */
  readonly idempotencyToken?: string;
  /** Since 1.3. Only for an address with a schedule. */
  readonly schedule?: ScheduleStatus;
}

export interface DriftRecord {
  readonly address: string;
  readonly kind: DriftKind;
  /** One human sentence: "stage has no active session; IVS stopped the composition". */
  readonly detail: string;
  readonly arn?: string;
}

export interface UnmanagedRecord {
  readonly arn: string;
  readonly stageArn: string;
  readonly state: CompositionState;
  /** When it carries another stageform project's tags. */
  readonly project?: string;
  readonly address?: string;
}

export interface PlanWarning {
  readonly code: WarningCode;
  readonly message: string;
  readonly address?: string;
}

export interface PlanSummary {
  /** A replacement counts in add and in destroy. */
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly noop: number;
  readonly drift: number;
  readonly unmanaged: number;
  /** Since 1.1. Changes apply would make (no-ops excluded). */
  readonly changes: number;
  /** Since 1.1. Changes per action, in the JSON plan's words (a replacement is `replace`, either order). */
  readonly actions: Readonly<Record<JsonAction, number>>;
  /** Since 1.1. Drift records per kind, every kind present (0 when none). */
  readonly driftByKind: Readonly<Record<DriftKind, number>>;
}

export interface Plan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly project: string;
  readonly regions: readonly string[];
  /** Every declared or managed address, sorted by address; no-ops included (renderers hide them). */
  readonly changes: readonly PlannedChange[];
  readonly drift: readonly DriftRecord[];
  readonly unmanaged: readonly UnmanagedRecord[];
  readonly warnings: readonly PlanWarning[];
  readonly summary: PlanSummary;
  /** Addresses the plan was limited to with --target (empty: all). */
  readonly targets: readonly string[];
}

/**
 * What a saved plan was made from; apply refuses it when any of this no longer holds. Paths are
 * relative to the project root, so the plan applies to any copy of the project (a CI runner's
 * workspace, a moved checkout).
 */
export interface PlanProvenance {
  readonly manifestDigest: string;
  /** Each file the digest covers (relative path, sha256), sorted: says which changed. Absent in plans of 0.1.0. */
  readonly manifests?: readonly ManifestFileDigest[];
  readonly project: string;
  readonly regions: readonly string[];
  /** The API endpoint ('' for AWS's default). */
  readonly endpoint: string;
  /** Hash of the live state observed (ARNs, states, tags). */
  readonly liveFingerprint: string;
}

export interface SavedPlan {
  readonly kind: 'stageform-plan';
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly provenance: PlanProvenance;
  readonly plan: Plan;
}

/** Anything for apply to do; read from the summary counted when the plan was made. */
export function hasChanges(plan: Plan): boolean {
  return plan.summary.changes > 0;
}
