// The plan for machines: canonical JSON (keys sorted), so the same plan is the same bytes.
import { stringifyCanonical } from '../util/canonical-json.js';
import type { Plan } from '../model/plan.js';

export function renderPlanJson(plan: Plan): string {
  return stringifyCanonical(plan, 2) + '\n';
}
