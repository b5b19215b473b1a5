// The drift check's output: one stable line for cron logs, or JSON for alerting. Both read the
// counts build-plan made (plan.summary); nothing here counts.
import { stringifyCanonical } from '../util/canonical-json.js';
import { DRIFT_KINDS, isPreflightSkipped, jsonActionOf, type DriftKind, type JsonAction, type Plan, type ReplaceOrder } from '../model/plan.js';
import type { ChangeReason } from '../model/plan.js';

export interface DriftReport {
  readonly formatVersion: '1.0';
  readonly project: string;
  /** True when there is anything to change or any drift: the check's exit code 2. */
  readonly drifted: boolean;
  readonly counts: {
    /** Changes apply would make (no-ops excluded). */
    readonly changes: number;
    readonly drift: number;
    /** Only the kinds present. */
    readonly driftByKind: Readonly<Partial<Record<DriftKind, number>>>;
    readonly unmanaged: number;
  };
  readonly changes: readonly { readonly address: string; readonly action: JsonAction; readonly replaceOrder?: ReplaceOrder; readonly reasons: readonly ChangeReason[] }[];
  readonly drift: Plan['drift'];
  readonly unmanaged: Plan['unmanaged'];
  /** Present (true) only when --skip-preflight left the starts unchecked. */
  readonly preflightSkipped?: true;
}

/** The drift check's verdict (exit code 2): anything to change, or anything drifted. */
export function isDrifted(plan: Plan): boolean {
  return plan.summary.changes > 0 || plan.summary.drift > 0;
}

export function buildDriftReport(plan: Plan): DriftReport {
  const { summary } = plan;
  return {
    formatVersion: '1.0',
    project: plan.project,
    drifted: isDrifted(plan),
    counts: { changes: summary.changes, drift: summary.drift, driftByKind: presentKinds(summary.driftByKind), unmanaged: summary.unmanaged },
    changes: plan.changes.filter((c) => c.action !== 'no-op').map((c) => ({ address: c.address, ...jsonActionOf(c.action), reasons: c.reasons })),
    drift: plan.drift,
    unmanaged: plan.unmanaged,
    ...(isPreflightSkipped(plan) ? { preflightSkipped: true as const } : {}),
  };
}

/** `drift: 2 changes, 1 drifted (1 failed), 0 unmanaged`: counts of changes, drift per kind, unmanaged. */
export function renderDriftLine(plan: Plan): string {
  const { changes, drift, driftByKind, unmanaged } = plan.summary;
  const kinds = DRIFT_KINDS.filter((k) => driftByKind[k] > 0).map((k) => `${driftByKind[k]} ${k}`);
  const skipped = isPreflightSkipped(plan) ? '; preflight skipped' : '';
  return `drift: ${changes} change${changes === 1 ? '' : 's'}, ${drift} drifted${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}, ${unmanaged} unmanaged${skipped}\n`;
}

export function renderDriftJson(plan: Plan): string {
  return stringifyCanonical(buildDriftReport(plan), 2) + '\n';
}

function presentKinds(byKind: Readonly<Record<DriftKind, number>>): Partial<Record<DriftKind, number>> {
  return Object.fromEntries(DRIFT_KINDS.filter((k) => byKind[k] > 0).map((k) => [k, byKind[k]]));
}
