// The one mapping between the Plan model and its JSON document (plan --json, show --json and the
// plan inside a saved plan). The model's action carries a replacement's order
// (replace-stop-first, replace-start-first); format 1.x writes it as the documented
// `action: "replace"` plus `replaceOrder`, so readers of 1.0 keep working.
import { actionFromJson, jsonActionOf, JSON_ACTIONS, type JsonAction, type Plan, type PlannedChange, type ReplaceOrder } from '../model/plan.js';
import { summarizePlan } from './summarize-plan.js';

export interface JsonPlannedChange extends Omit<PlannedChange, 'action'> {
  readonly action: JsonAction;
  /** Only for action 'replace'. */
  readonly replaceOrder?: ReplaceOrder;
}

export interface JsonPlan extends Omit<Plan, 'changes'> {
  readonly changes: readonly JsonPlannedChange[];
}

export function toJsonPlan(plan: Plan): JsonPlan {
  return { ...plan, changes: plan.changes.map((change) => ({ ...change, ...jsonActionOf(change.action) })) };
}

/**
 * The model of a JSON plan whose shape was checked (lists are lists, changes have addresses);
 * `invalid` makes the error for a bad action. A 1.0 plan lacks the summary's 1.1 counts: they are
 * made here, once, as build-plan makes them.
 */
export function fromJsonPlan(json: JsonPlan, invalid: (detail: string) => Error): Plan {
  const changes = json.changes.map((entry, i): PlannedChange => {
    if (!JSON_ACTIONS.includes(entry.action)) throw invalid(`"plan.changes[${i}].action" is not one of ${JSON_ACTIONS.join(', ')}`);
    const action = actionFromJson(entry.action, entry.replaceOrder);
    if (action === undefined) throw invalid(`"plan.changes[${i}].replaceOrder" must be stop-first or start-first`);
    const { replaceOrder: _order, ...rest } = entry;
    return { ...rest, action };
  });
  const summary = { ...summarizePlan(changes, json.drift, json.unmanaged.length), ...json.summary };
  return { ...json, changes, summary };
}
