// SIGINT / SIGTERM for commands that finish what they are doing before they stop (apply, reconcile).

export interface StopSignals {
  /** Aborted at the first signal. */
  readonly signal: AbortSignal;
  /** Removes the handlers; call it when the command ends. */
  dispose(): void;
}

/**
 * The first SIGINT/SIGTERM aborts the signal (and says so through `onFirst`); a second one calls
 * `onAgain`, which exits at once. The handlers live only as long as the command.
 */
export function installStopSignals(onFirst: () => void, onAgain: () => void): StopSignals {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) {
      onAgain();
      return;
    }
    onFirst();
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
