// The drift check's output: one stable line for cron logs, or JSON for alerting.
import { stringifyCanonical } from '../util/canonical-json.js';
import type { DriftKind, Plan } from '../model/plan.js';

const DRIFT_KINDS: readonly DriftKind[] = ['failed', 'stopped', 'stopped-idle', 'degraded', 'tags-changed'];

export interface DriftReport {
  readonly formatVersion: '1.0';
  readonly project: string;
  /** True when there is anything to change or any drift: the check's exit code 2. */
  readonly drifted: boolean;
  readonly counts: {
    /** Changes apply would make (no-ops excluded). */
    readonly changes: number;
    readonly drift: number;
    readonly driftByKind: Readonly<Partial<Record<DriftKind, number>>>;
    readonly unmanaged: number;
  };
  readonly changes: readonly { readonly address: string; readonly action: string; readonly replaceOrder?: string; readonly reasons: readonly string[] }[];
  readonly drift: Plan['drift'];
  readonly unmanaged: Plan['unmanaged'];
}

export function buildDriftReport(plan: Plan): DriftReport {
  const changes = plan.changes.filter((c) => c.action !== 'no-op');
  const driftByKind: Partial<Record<DriftKind, number>> = {};
  for (const kind of DRIFT_KINDS) {
    const n = plan.drift.filter((d) => d.kind === kind).length;
    if (n > 0) driftByKind[kind] = n;
  }
  return {
    formatVersion: '1.0',
    project: plan.project,
    drifted: changes.length > 0 || plan.drift.length > 0,
    counts: { changes: changes.length, drift: plan.drift.length, driftByKind, unmanaged: plan.unmanaged.length },
    changes: changes.map((c) => ({ address: c.address, action: c.action, ...(c.replaceOrder ? { replaceOrder: c.replaceOrder } : {}), reasons: c.reasons })),
    drift: plan.drift,
    unmanaged: plan.unmanaged,
  };
}

/** `drift: 2 changes, 1 drifted (1 failed), 0 unmanaged`: counts of changes, drift per kind, unmanaged. */
export function renderDriftLine(plan: Plan): string {
  const report = buildDriftReport(plan);
  const { changes, drift, driftByKind, unmanaged } = report.counts;
  const kinds = DRIFT_KINDS.filter((k) => driftByKind[k]).map((k) => `${driftByKind[k]} ${k}`);
  return `drift: ${changes} change${changes === 1 ? '' : 's'}, ${drift} drifted${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}, ${unmanaged} unmanaged\n`;
}

export function renderDriftJson(plan: Plan): string {
  return stringifyCanonical(buildDriftReport(plan), 2) + '\n';
}
