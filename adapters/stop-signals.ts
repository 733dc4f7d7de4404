import type { Logger } from '../src/log.js';

/**
 * SIGINT and SIGTERM, handled from the start: the first one begins a graceful stop (`stopping`
 * resolves and its signal aborts), and after `deadlineMs` the process exits anyway, with code 1; a
 * second signal exits at once. `done` is called when the graceful stop has finished in time.
 */
export function stopSignals(deadlineMs: number, logger: Logger) {
  const controller = new AbortController();
  let deadline: NodeJS.Timeout | undefined;
  let resolveStopping!: () => void;
  const stopping = new Promise<void>((resolve) => (resolveStopping = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      logger.warn({ signal }, 'second stop signal: exiting now');
      process.exit(1);
    }
    logger.info({ signal, deadlineMs }, 'stopping: no new work; running work finishes within the deadline');
    controller.abort();
    resolveStopping();
    deadline = setTimeout(() => {
      logger.error({ deadlineMs }, 'the stop took longer than its deadline; exiting anyway');
      process.exit(1);
    }, deadlineMs);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stopping,
    signal: controller.signal,
    done() {
      clearTimeout(deadline);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
