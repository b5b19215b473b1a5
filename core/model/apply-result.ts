// The result of applying a plan: plain data, produced by core/apply and rendered by core/render.
import type { CompositionState } from './aws-shapes.js';
import type { Action } from './plan.js';

export type AppliedAction = Exclude<Action, 'no-op'>;
export type ApplyOutcome = 'started' | 'stopped' | 'replaced' | 'tagged' | 'failed' | 'skipped';

/** What a change is doing right now; shown as progress. */
export type ApplyStep =
  | 'stopping' // StopComposition sent
  | 'waiting-stopped'
  | 'stopped'
  | 'starting' // StartComposition sent
  | 'waiting-active'
  | 'started'
  | 'adopted' // already running with this spec: nothing started
  | 'tagging'
  | 'tagged'
  | 'rolling-back'; // the start failed after the stop: starting the previous spec again

/** stageform's own apply error codes. README "Apply error codes" lists exactly these. */
export const APPLY_ERROR_CODES = [
  'NotOwned',
  'ConcurrentChange',
  'CompositionFailed',
  'CompositionStopped',
  'DestinationUnhealthy',
  'StaleIdempotencyToken',
  'RollbackFailed',
  'WaitTimeout',
  'Interrupted',
  'InternalError',
] as const;
export type ApplyErrorCode = (typeof APPLY_ERROR_CODES)[number];

/**
 * A failed API call's error name as AWS (or the SDK boundary) gave it: an open set, branded so a
 * misspelt code of stageform's own cannot pass for one.
 */
export type ApiErrorName = string & { readonly __apiErrorName: true };

export function apiErrorName(name: string): ApiErrorName {
  return name as ApiErrorName;
}

export interface ApplyError {
  /** stageform's own code, or the API's error name (ResourceNotFoundException, ...). */
  readonly code: ApplyErrorCode | ApiErrorName;
  readonly message: string;
}

export interface ApplyActionResult {
  readonly address: string;
  readonly action: AppliedAction;
  readonly outcome: ApplyOutcome;
  readonly region: string;
  readonly stageArn: string;
  /** The composition now running for the address (started or adopted). */
  readonly arn?: string;
  /** The composition stopped (delete, replace). */
  readonly stoppedArn?: string;
  /** True when a composition with this spec was already running and nothing was started. */
  readonly adopted?: boolean;
  /** State of the started composition when the change ended (STARTING with --no-wait). */
  readonly state?: CompositionState;
  readonly error?: ApplyError;
  /** A stop-first replacement whose start failed after the stop: what was done to put the previous spec back. */
  readonly rollback?: ApplyRollback;
  /** Destinations not running when the change ended (FAILED, RECONNECTING), by manifest name (else id). */
  readonly unhealthyDestinations?: readonly { readonly name: string; readonly state: string }[];
  /** For skipped: the dependency that did not succeed, or 'interrupted'. */
  readonly skippedBecause?: string;
  readonly durationMs: number;
}

export interface ApplyRollback {
  /** rolled-back: the previous spec runs again; failed: nothing runs for the address. */
  readonly outcome: 'rolled-back' | 'failed';
  /** The composition started with the previous spec. */
  readonly arn?: string;
  readonly error?: ApplyError;
  /** The channels the address broadcasts to (empty when it has none). */
  readonly channelArns: readonly string[];
  /**
   * Milliseconds without a composition: from StopComposition to the previous spec's composition
   * being ACTIVE again (rolled back), or to the end of the change (failed: still dark).
   */
  readonly outageMs: number;
}

export interface ApplySummary {
  /** A replacement counts in added and in destroyed, as in the plan. */
  readonly added: number;
  readonly changed: number;
  readonly destroyed: number;
  readonly failed: number;
  readonly skipped: number;
}

export interface ApplyResult {
  readonly project: string;
  /** Sorted by address (then action). */
  readonly results: readonly ApplyActionResult[];
  readonly summary: ApplySummary;
  readonly interrupted: boolean;
  /** Every change succeeded. */
  readonly complete: boolean;
  readonly durationMs: number;
}

export type ApplyEvent =
  | { readonly kind: 'begin'; readonly address: string; readonly action: AppliedAction }
  | { readonly kind: 'step'; readonly address: string; readonly step: ApplyStep; readonly arn?: string; readonly elapsedMs: number }
  | { readonly kind: 'end'; readonly result: ApplyActionResult };
