// The plan as a pull-request comment: the summary where reviewers see it, the full plan folded
// in a diff block so GitHub colours additions and removals.
import type { Plan } from '../model/plan.js';
import { hasChanges } from '../model/plan.js';
import { renderPlanHuman, summaryLine } from './human.js';

/** GitHub rejects comments over 65,536 characters; stay clear of it. */
export const MARKDOWN_LIMIT = 65_000;

export interface MarkdownRenderOptions {
  /** Total size the comment must stay under. */
  readonly limit?: number;
}

export function renderPlanMarkdown(plan: Plan, options: MarkdownRenderOptions = {}): string {
  const limit = options.limit ?? MARKDOWN_LIMIT;
  const changes = hasChanges(plan);
  const head: string[] = [`### stageform plan: \`${plan.project}\``, '', `**${summaryLine(plan.summary, changes)}**`, ''];
  const replaced = plan.changes.filter((c) => c.action === 'replace').length;
  const deleted = plan.changes.filter((c) => c.action === 'delete').length;
  if (replaced + deleted > 0) {
    const parts = [...(deleted > 0 ? [`stops ${deleted} composition${deleted === 1 ? '' : 's'}`] : []), ...(replaced > 0 ? [`replaces ${replaced}`] : [])];
    head.push('> [!WARNING]', `> This plan ${parts.join(' and ')}: broadcasts and recordings restart.`, '');
  }
  if (plan.drift.length > 0) head.push(`> [!NOTE]`, `> ${plan.drift.length} composition${plan.drift.length === 1 ? ' has' : 's have'} drifted from the manifests.`, '');
  const open = ['<details><summary>Show plan</summary>', '', '```diff'];
  const close = ['```', '', '</details>', ''];
  const body = toDiffLines(renderPlanHuman(plan, { color: false }));
  const fixed = [...head, ...open, ...close].join('\n').length + 1;
  const kept: string[] = [];
  let size = fixed;
  let truncated = 0;
  for (let i = 0; i < body.length; i++) {
    const room = limit - size - 200;
    if (body[i].length + 1 > room) {
      truncated = body.length - i;
      break;
    }
    kept.push(body[i]);
    size += body[i].length + 1;
  }
  if (truncated > 0) kept.push('', `# ... ${truncated} more lines truncated: run \`stageform show\` on the saved plan for all of it.`);
  return [...head, ...open, ...kept, ...close].join('\n');
}

/**
 * GitHub's diff highlighting looks at column 0 only: move each change symbol there (`!` for an
 * in-place change or a replacement) and keep the rest aligned.
 */
export function toDiffLines(human: string): string[] {
  const lines = human.replace(/\n$/, '').split('\n');
  return lines.map((line) => {
    const m = /^(\s*)(-\/\+|\+\/-|[+\-~])( .*)?$/.exec(line);
    if (!m) return line.length > 0 ? '  ' + line : line;
    const [, indent, symbol, rest = ''] = m;
    // A replacement keeps its symbol: its order (-/+ or +/-) is what a reviewer must see.
    if (symbol.length > 1) return `! ${indent}${symbol}${rest}`.replace(/[ \t]+$/, '');
    const column0 = symbol === '~' ? '!' : symbol;
    return `${column0}${' '.repeat(indent.length + 3)}${rest.slice(1)}`.replace(/[ \t]+$/, '');
  });
}
