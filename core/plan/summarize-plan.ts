// The plan's counts, made once when the plan is built; every renderer reads them from
// plan.summary and none counts again.
import { DRIFT_KINDS, JSON_ACTIONS, jsonActionOf, type DriftRecord, type JsonAction, type PlannedChange, type PlanSummary, type DriftKind } from '../model/plan.js';

export function summarizePlan(changes: readonly PlannedChange[], drift: readonly DriftRecord[], unmanaged: number): PlanSummary {
  const actions = Object.fromEntries(JSON_ACTIONS.map((a) => [a, 0])) as Record<JsonAction, number>;
  for (const change of changes) actions[jsonActionOf(change.action).action]++;
  const driftByKind = Object.fromEntries(DRIFT_KINDS.map((k) => [k, 0])) as Record<DriftKind, number>;
  for (const record of drift) driftByKind[record.kind]++;
  return {
    add: actions.create + actions.replace,
    change: actions['update-tags'],
    destroy: actions.delete + actions.replace,
    noop: actions['no-op'],
    drift: drift.length,
    unmanaged,
    changes: changes.length - actions['no-op'],
    actions,
    driftByKind,
  };
}
