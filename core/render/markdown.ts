// The plan as a pull-request comment: the summary where reviewers see it, the full plan folded
// in a diff block so GitHub colours additions and removals.
import type { Plan } from '../model/plan.js';
import { renderPlanLines, summaryLine, type PlanLine } from './human.js';
import { painter } from './styles.js';

/** GitHub rejects comments over 65,536 characters; stay clear of it. */
export const MARKDOWN_LIMIT = 65_000;

export interface MarkdownRenderOptions {
  /** Total size the comment must stay under. */
  readonly limit?: number;
}

export function renderPlanMarkdown(plan: Plan, options: MarkdownRenderOptions = {}): string {
  const limit = options.limit ?? MARKDOWN_LIMIT;
  const head: string[] = [`### stageform plan: \`${plan.project}\``, '', `**${summaryLine(plan.summary)}**`, ''];
  const { replace: replaced, delete: deleted } = plan.summary.actions;
  if (replaced + deleted > 0) {
    const parts = [...(deleted > 0 ? [`stops ${deleted} composition${deleted === 1 ? '' : 's'}`] : []), ...(replaced > 0 ? [`replaces ${replaced}`] : [])];
    head.push('> [!WARNING]', `> This plan ${parts.join(' and ')}: broadcasts and recordings restart.`, '');
  }
  // A skipped safety check is said where reviewers look; the other warnings are in the folded plan.
  const skipped = plan.warnings.find((w) => w.code === 'PREFLIGHT_SKIPPED');
  if (skipped) head.push('> [!CAUTION]', `> ${skipped.message[0]!.toUpperCase()}${skipped.message.slice(1)}.`, '');
  const drifted = plan.summary.drift;
  if (drifted > 0) head.push(`> [!NOTE]`, `> ${drifted} composition${drifted === 1 ? ' has' : 's have'} drifted from the manifests.`, '');
  const open = ['<details><summary>Show plan</summary>', '', '```diff'];
  const close = ['```', '', '</details>', ''];
  const body = renderPlanLines(plan, painter(false)).map(toDiffLine);
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
 * GitHub's diff highlighting looks at column 0 only: each margin symbol's diff column goes there
 * (`!` for an in-place change or a replacement) and the rest stays aligned.
 */
function toDiffLine(line: PlanLine): string {
  if (typeof line === 'string') return trimEnd(line.length > 0 ? '  ' + line : line);
  const { indent, symbol, text } = line;
  // A replacement keeps its symbol: its order (-/+ or +/-) is what a reviewer must see.
  if (symbol.symbol.length > 1) return trimEnd(`! ${' '.repeat(indent)}${symbol.symbol}${text}`);
  return trimEnd(`${symbol.diffColumn}${' '.repeat(indent + 3)}${text.slice(1)}`);
}

function trimEnd(line: string): string {
  return line.replace(/[ \t]+$/, '');
}
