// Progress while reading live state: a spinner on stderr when it is a terminal, nothing otherwise
// (plan's stdout is often piped into a file or a pull-request comment; stderr stays quiet too).
import type { ObserveProgress } from '../core/observe/observe-live.js';
import type { CliIo } from './io.js';

export interface ObserveSpinner {
  update(event: ObserveProgress): void;
  stop(): void;
}

const SILENT: ObserveSpinner = { update: () => {}, stop: () => {} };

/** `color`: the spinner's colour; off with --no-color or NO_COLOR, which leave the spinner itself on. */
export async function createObserveSpinner(io: CliIo, options: { enabled: boolean; color?: boolean; label?: string }): Promise<ObserveSpinner> {
  // A terminal that reports no width (some CI pseudo-terminals) cannot host a redrawn spinner.
  if (!options.enabled || io.stderr.isTTY !== true || (io.stderr.columns ?? 0) <= 0) return SILENT;
  // Loaded only when a terminal will show it.
  const { default: ora } = await import('ora');
  const label = options.label ?? 'Reading live compositions';
  const spinner = ora({ stream: io.stderr as NodeJS.WritableStream, isEnabled: true, discardStdin: false, color: options.color === false ? false : 'cyan', text: `${label}...` }).start();
  return {
    update: (event) => {
      const count = event.total !== undefined ? `${event.done}/${event.total}` : `${event.done}`;
      spinner.text = `${label}: ${event.phase} (${count})`;
    },
    stop: () => {
      spinner.stop();
    },
  };
}
