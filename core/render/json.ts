// The plan for machines: canonical JSON (keys sorted), so the same plan is the same bytes; the
// document's shape is core/plan/plan-json.ts's, as in saved plans.
import { stringifyCanonical } from '../util/canonical-json.js';
import type { Plan } from '../model/plan.js';
import { toJsonPlan } from '../plan/plan-json.js';

export function renderPlanJson(plan: Plan): string {
  return stringifyCanonical(toJsonPlan(plan), 2) + '\n';
}
