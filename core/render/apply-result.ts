// Pure renderers of an ApplyResult: for people (stdout after the progress lines) and as data.
// Durations are left out so the same outcome always prints the same bytes.
import type { ApplyActionResult, ApplyOutcome, ApplyResult } from '../model/apply-result.js';
import { assertNever } from '../model/diagnostics.js';
import { jsonActionOf } from '../model/plan.js';
import { HEADLINE_STYLES, OUTCOME_STYLES, painter } from './styles.js';

export const APPLY_RESULT_FORMAT_VERSION = '1.0';

export interface ApplyResultRenderOptions {
  readonly color: boolean;
}

export function renderApplyResult(result: ApplyResult, options: ApplyResultRenderOptions): string {
  const paint = painter(options.color);
  const lines: string[] = [];
  // What took a show off the air comes first: a failed rollback loudest, then a rollback.
  const rollbacks = result.results.filter((r) => r.rollback);
  const sorted = [...rollbacks.filter((r) => r.rollback?.outcome === 'failed'), ...rollbacks.filter((r) => r.rollback?.outcome !== 'failed')];
  for (const r of sorted) lines.push(paint(describeRollback(r), ...HEADLINE_STYLES.incomplete));
  if (sorted.length > 0) lines.push('');
  if (result.results.length > 0) {
    lines.push('Apply results:', '');
    for (const r of result.results) {
      const style = OUTCOME_STYLES[r.outcome];
      lines.push(`${paint(style.symbol.padStart(3), ...style.colors)} ${r.address}: ${paint(r.outcome, ...style.colors)}${describeOutcome(r)}`);
    }
    lines.push('');
  }
  const { added, changed, destroyed, failed, skipped } = result.summary;
  const resources = `Resources: ${added} added, ${changed} changed, ${destroyed} destroyed.`;
  if (result.complete && !result.interrupted) {
    lines.push(paint('Apply complete!', ...HEADLINE_STYLES.complete) + ` ${resources}`);
  } else if (result.interrupted) {
    lines.push(paint(`Apply interrupted: ${failed} failed, ${skipped} skipped.`, ...HEADLINE_STYLES.incomplete) + ` ${resources}`);
    lines.push('Nothing new was started after the interrupt. Run stageform apply again to converge.');
  } else {
    const degraded = result.results.filter((r) => r.outcome !== 'failed' && r.unhealthyDestinations?.length).length;
    const counts = `${failed} failed, ${skipped} skipped${degraded > 0 ? `, ${degraded} degraded` : ''}`;
    lines.push(paint(`Apply incomplete: ${counts}.`, ...HEADLINE_STYLES.incomplete) + ` ${resources}`);
    lines.push('Fix the errors above and run stageform apply again: it only does what is still missing.');
  }
  return lines.join('\n') + '\n';
}

/** `ROLLBACK FAILED: ...` when nothing runs for the address now; otherwise the rollback and the outage window. */
function describeRollback(r: ApplyActionResult): string {
  const rollback = r.rollback!;
  const where = rollback.channelArns.length > 0 ? `channel ${rollback.channelArns.join(', ')}` : r.address;
  const seconds = `${(Math.round(rollback.outageMs / 100) / 10).toFixed(1)} s`;
  if (rollback.outcome === 'failed') {
    return (
      `ROLLBACK FAILED: ${r.address}: replacement failed and the previous spec could not be started again ` +
      `(${rollback.error?.code}: ${rollback.error?.message}); ${where} has no composition (for ${seconds} so far). Act now: run stageform apply again or start it by hand`
    );
  }
  return `${r.address}: replacement failed; rolled back to the previous spec (${rollback.arn}); ${where} had no composition for ${seconds}`;
}

function describeOutcome(r: ApplyActionResult): string {
  switch (r.outcome) {
    case 'started':
      return r.adopted ? ` ${r.arn} (already running with this spec; adopted)${degraded(r)}` : ` ${r.arn}${pendingState(r)}${degraded(r)}`;
    case 'stopped':
      return ` ${r.stoppedArn}`;
    case 'replaced':
      return ` ${r.stoppedArn} -> ${r.arn}${r.adopted ? ' (adopted)' : pendingState(r)}${degraded(r)}`;
    case 'tagged':
      return ` ${r.arn}`;
    case 'failed': {
      const done = [r.stoppedArn ? `stopped ${r.stoppedArn}` : '', r.arn ? `started ${r.arn}` : ''].filter(Boolean).join(', ');
      return `: ${r.error?.code}: ${r.error?.message}${done ? ` (done before the failure: ${done})` : ''}`;
    }
    case 'skipped':
      return r.skippedBecause === 'interrupted' ? ' (interrupted before it began)' : ` (${r.skippedBecause} did not succeed)`;
    default:
      return assertNever(r.outcome, 'outcome');
  }
}

function degraded(r: ApplyActionResult): string {
  const unhealthy = r.unhealthyDestinations ?? [];
  return unhealthy.length > 0 ? ` (degraded: ${unhealthy.map((d) => `destination ${d.name} is ${d.state}`).join(', ')})` : '';
}

function pendingState(r: ApplyActionResult): string {
  return r.state && r.state !== 'ACTIVE' ? ` (${r.state}, not waited for)` : '';
}

/** The --json document: results sorted by address, no durations. */
export function renderApplyResultJson(result: ApplyResult): string {
  const doc = {
    formatVersion: APPLY_RESULT_FORMAT_VERSION,
    project: result.project,
    complete: result.complete,
    interrupted: result.interrupted,
    summary: result.summary,
    results: result.results.map((r) => ({
      address: r.address,
      // The JSON plan's word ("replace" for either order), as documented.
      action: jsonActionOf(r.action).action,
      outcome: r.outcome,
      region: r.region,
      stageArn: r.stageArn,
      ...(r.arn !== undefined ? { arn: r.arn } : {}),
      ...(r.stoppedArn !== undefined ? { stoppedArn: r.stoppedArn } : {}),
      ...(r.adopted ? { adopted: true } : {}),
      ...(r.state !== undefined ? { state: r.state } : {}),
      ...(r.error ? { error: r.error } : {}),
      ...(r.rollback ? { rollback: r.rollback } : {}),
      ...(r.unhealthyDestinations?.length ? { unhealthyDestinations: r.unhealthyDestinations } : {}),
      ...(r.skippedBecause ? { skippedBecause: r.skippedBecause } : {}),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
