// The schedule timeline for people (text), for pull requests (Markdown) and for machines (JSON).
// Pure functions of the ScheduleTimeline data; times in each address's own zone.
import { assertNever } from '../model/diagnostics.js';
import { formatScheduleInstant } from '../model/schedule.js';
import type { AddressTimeline, ScheduleTimeline } from '../plan/schedule-timeline.js';
import { stringifyCanonical } from '../util/canonical-json.js';
import type { PlanFormat } from './index.js';

export function renderScheduleTimeline(timeline: ScheduleTimeline, format: PlanFormat): string {
  switch (format) {
    case 'human':
      return renderScheduleTimelineText(timeline);
    case 'markdown':
      return renderScheduleTimelineMarkdown(timeline);
    case 'json':
      return stringifyCanonical(timeline, 2) + '\n';
    default:
      return assertNever(format, 'format');
  }
}

function range(timeline: ScheduleTimeline): string {
  return `${formatScheduleInstant(Date.parse(timeline.from), 'UTC')} to ${formatScheduleInstant(Date.parse(timeline.to), 'UTC')}`;
}

function headline(a: AddressTimeline): string {
  return `${a.address} (${a.timezone}), ${a.openAtFrom ? 'running' : 'not running'} at the start`;
}

function word(opens: boolean): string {
  return opens ? 'starts' : 'stops';
}

function renderScheduleTimelineText(timeline: ScheduleTimeline): string {
  const lines = [`Schedule of ${timeline.project} from ${range(timeline)}:`, ''];
  if (timeline.scheduled.length === 0) lines.push('No composition has a schedule.', '');
  for (const a of timeline.scheduled) {
    lines.push(headline(a));
    if (a.transitions.length === 0) lines.push('  no start or stop in this range');
    for (const t of a.transitions) lines.push(`  ${formatScheduleInstant(Date.parse(t.at), a.timezone)}  ${word(t.opens)}`);
    lines.push('');
  }
  if (timeline.unscheduled.length > 0) lines.push(`No schedule (not limited in time): ${timeline.unscheduled.join(', ')}`, '');
  return lines.join('\n').replace(/\n+$/, '\n');
}

function renderScheduleTimelineMarkdown(timeline: ScheduleTimeline): string {
  const lines = [`### stageform schedule: \`${timeline.project}\``, '', `From ${range(timeline)}.`, ''];
  if (timeline.scheduled.length === 0) lines.push('No composition has a schedule.', '');
  for (const a of timeline.scheduled) {
    lines.push(`**\`${a.address}\`** (${a.timezone}), ${a.openAtFrom ? 'running' : 'not running'} at the start`, '');
    if (a.transitions.length === 0) {
      lines.push('No start or stop in this range.', '');
      continue;
    }
    lines.push('| When | Change |', '| --- | --- |');
    for (const t of a.transitions) lines.push(`| ${formatScheduleInstant(Date.parse(t.at), a.timezone)} | ${word(t.opens)} |`);
    lines.push('');
  }
  if (timeline.unscheduled.length > 0) lines.push(`No schedule (not limited in time): ${timeline.unscheduled.map((a) => `\`${a}\``).join(', ')}`, '');
  return lines.join('\n').replace(/\n+$/, '\n');
}
