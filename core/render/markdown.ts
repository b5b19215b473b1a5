// The plan as a pull-request comment: the summary where reviewers see it, the full plan folded
// in a diff block so GitHub colours additions and removals.
import { compareStrings } from '../util/canonical-json.js';
import { isReplacement, type Plan, type PlanWarning, type WarningCode } from '../model/plan.js';
import { renderPlanLines, summaryLine, type PlanLine } from './human.js';
import { painter } from './styles.js';

/** GitHub rejects comments over 65,536 characters; stay clear of it. */
export const MARKDOWN_LIMIT = 65_000;

/** Addresses a banner names before it says "and N more": enough to review, short enough to read. */
export const BANNER_ADDRESS_LIMIT = 10;

/**
 * Warnings a reviewer must see before approving, so they go above the fold too: a composition
 * started on an idle stage is stopped by IVS a minute later; skipped preflight checks leave a
 * replacement free to stop a live program for a successor that cannot start.
 */
const WARNINGS_ABOVE_THE_FOLD: readonly WarningCode[] = ['IDLE_STAGE', 'PREFLIGHT_SKIPPED'];

export interface MarkdownRenderOptions {
  /** Total size the comment must stay under. */
  readonly limit?: number;
}

export function renderPlanMarkdown(plan: Plan, options: MarkdownRenderOptions = {}): string {
  const limit = options.limit ?? MARKDOWN_LIMIT;
  const head: string[] = [`### stageform plan: \`${plan.project}\``, '', `**${summaryLine(plan.summary, undefined, plan.destroy === true)}**`, ''];
  const { replace: replaced, delete: deleted } = plan.summary.actions;
  if (replaced + deleted > 0) {
    const parts = [...(deleted > 0 ? [`stops ${deleted} composition${deleted === 1 ? '' : 's'}`] : []), ...(replaced > 0 ? [`replaces ${replaced}`] : [])];
    head.push('> [!WARNING]', `> This plan ${parts.join(' and ')}: broadcasts and recordings restart.`);
    const stopped = plan.changes.filter((c) => c.action === 'delete').map((c) => c.address);
    const restarted = plan.changes.filter((c) => isReplacement(c.action)).map((c) => c.address);
    if (stopped.length > 0) head.push(`> Stopped: ${listAddresses(stopped)}.`);
    if (restarted.length > 0) head.push(`> Replaced: ${listAddresses(restarted)}.`);
    head.push('');
  }
  const pressing = plan.warnings.filter((w) => WARNINGS_ABOVE_THE_FOLD.includes(w.code));
  if (pressing.length > 0) head.push('> [!CAUTION]', ...listWarnings(pressing), '');
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

/** Sorted, each once, in code spans; past the limit "and N more". */
function listAddresses(addresses: readonly string[]): string {
  const unique = [...new Set(addresses)].sort(compareStrings);
  const shown = unique.slice(0, BANNER_ADDRESS_LIMIT).map((a) => `\`${a}\``);
  const rest = unique.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
}

/** One quoted list item per warning (the plan keeps them sorted by address), cut like the addresses. */
function listWarnings(warnings: readonly PlanWarning[]): string[] {
  const lines = warnings.slice(0, BANNER_ADDRESS_LIMIT).map((w) => `> - ${w.address ? `\`${w.address}\`: ` : ''}${w.message}`);
  const rest = warnings.length - lines.length;
  if (rest > 0) lines.push(`> - and ${rest} more (in the plan below)`);
  return lines;
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
