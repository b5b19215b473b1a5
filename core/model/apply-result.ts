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
  | 'tagged';

/** stageform's own apply error codes. README "Apply error codes" lists exactly these. */
export const APPLY_ERROR_CODES = ['NotOwned', 'ConcurrentChange', 'CompositionFailed', 'CompositionStopped', 'WaitTimeout', 'Interrupted', 'InternalError'] as const;
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
  /** For skipped: the dependency that did not succeed, or 'interrupted'. */
  readonly skippedBecause?: string;
  readonly durationMs: number;
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
  /**
   * ListCompositions still did not show every start and stop when the wait ended: a plan run now
   * may show changes that are already made (they are not made twice: the idempotency tokens).
   */
  readonly listingBehind?: true;
  /** Every change succeeded. */
  readonly complete: boolean;
  readonly durationMs: number;
}

export type ApplyEvent =
  | { readonly kind: 'begin'; readonly address: string; readonly action: AppliedAction }
  | { readonly kind: 'step'; readonly address: string; readonly step: ApplyStep; readonly arn?: string; readonly elapsedMs: number }
  | { readonly kind: 'end'; readonly result: ApplyActionResult };
