// Apply progress on stderr (stdout keeps the plan and the result): one spinner listing the
// changes in flight on a TTY, one plain line per step otherwise (CI logs), with elapsed times.
import type { ApplyEvent, ApplyStep } from '../core/model/apply-result.js';
import { compareStrings } from '../core/util/canonical-json.js';
import { assertNever } from '../core/model/diagnostics.js';
import { jsonActionOf } from '../core/model/plan.js';
import { formatDuration } from './duration.js';
import type { CliIo } from './io.js';
import { redact } from './report-error.js';

export interface ApplyProgress {
  readonly onEvent: (event: ApplyEvent) => void;
  /** Clears the spinner; call before writing the result. */
  stop(): void;
}

/** The progress line of one step, or undefined when the step is shown only by the spinner. */
export function describeStep(step: ApplyStep, arn: string | undefined, elapsedMs: number): string {
  const at = `[${formatDuration(elapsedMs)}]`;
  switch (step) {
    case 'stopping':
      return `stopping ${arn}...`;
    case 'waiting-stopped':
      return `waiting for ${arn} to stop...`;
    case 'stopped':
      return `stopped ${arn} ${at}`;
    case 'starting':
      return 'starting...';
    case 'waiting-active':
      return `waiting for ${arn} to be ACTIVE...`;
    case 'started':
      return `started ${arn} ${at}`;
    case 'adopted':
      return `already running with this spec: ${arn} (adopted) ${at}`;
    case 'tagging':
      return `tagging ${arn}...`;
    case 'tagged':
      return `tagged ${arn} ${at}`;
    case 'rolling-back':
      return `the start failed after the stop: starting the previous spec again ${at}`;
    default:
      return assertNever(step, 'step');
  }
}

function describeEnd(event: Extract<ApplyEvent, { kind: 'end' }>): string | undefined {
  const r = event.result;
  if (r.outcome === 'failed') return `${r.address}: failed: ${r.error?.code}: ${redact(r.error?.message ?? '')} [${formatDuration(r.durationMs)}]`;
  if (r.outcome === 'skipped') return `${r.address}: skipped (${r.skippedBecause === 'interrupted' ? 'interrupted' : `${r.skippedBecause} did not succeed`})`;
  return undefined;
}

/** `color`: the spinner's colour; off with --no-color or NO_COLOR, which leave the spinner itself on. */
export async function createApplyProgress(io: CliIo, options: { interactive: boolean; color?: boolean }): Promise<ApplyProgress> {
  if (!options.interactive) {
    return {
      onEvent: (event) => {
        if (event.kind === 'step') io.stderr.write(`${event.address}: ${describeStep(event.step, event.arn, event.elapsedMs)}\n`);
        else if (event.kind === 'end') {
          const line = describeEnd(event);
          if (line) io.stderr.write(line + '\n');
        }
      },
      stop: () => {},
    };
  }
  // ora only on a TTY, and only loaded when one is there.
  const { default: ora } = await import('ora');
  const running = new Map<string, string>();
  const spinner = ora({ stream: io.stderr as NodeJS.WritableStream, isEnabled: true, discardStdin: false, color: options.color === false ? false : 'cyan' });
  const refresh = (): void => {
    if (running.size === 0) {
      spinner.stop();
      return;
    }
    spinner.text = [...running.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([address, text]) => `${address}: ${text}`).join('\n  ');
    if (!spinner.isSpinning) spinner.start();
  };
  const persist = (line: string): void => {
    spinner.clear();
    io.stderr.write(line + '\n');
    spinner.render();
  };
  return {
    onEvent: (event) => {
      if (event.kind === 'begin') running.set(event.address, `${jsonActionOf(event.action).action}...`);
      else if (event.kind === 'step') {
        const text = describeStep(event.step, event.arn, event.elapsedMs);
        if (event.step === 'stopped' || event.step === 'started' || event.step === 'adopted' || event.step === 'tagged') persist(`${event.address}: ${text}`);
        else running.set(event.address, text);
      } else {
        running.delete(event.result.address);
        const line = describeEnd(event);
        if (line) persist(line);
      }
      refresh();
    },
    stop: () => spinner.stop(),
  };
}
