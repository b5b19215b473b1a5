// One entry for every plan rendering the commands offer.
import { assertNever } from '../model/diagnostics.js';
import type { Plan } from '../model/plan.js';
import { renderPlanHuman } from './human.js';
import { renderPlanJson } from './json.js';
import { renderPlanMarkdown } from './markdown.js';

export type PlanFormat = 'human' | 'json' | 'markdown';

export function renderPlan(plan: Plan, options: { format: PlanFormat; color: boolean }): string {
  switch (options.format) {
    case 'human':
      return renderPlanHuman(plan, { color: options.color });
    case 'json':
      return renderPlanJson(plan);
    case 'markdown':
      return renderPlanMarkdown(plan);
    default:
      return assertNever(options.format, 'format');
  }
}
