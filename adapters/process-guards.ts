import type { Logger } from '../src/log.js';

/**
 * What the process does with a failure no route contained. A rejected promise is a background task
 * that failed (every request has its own handler, and the store holds the truth): it is logged with
 * its stack and the bot keeps serving. An uncaught exception may have left a half-run synchronous
 * change in memory: it is logged, the bot stops cleanly (`stop`, bounded by `deadlineMs`) and exits
 * with code 1 so that its supervisor starts a fresh process.
 */
export function guardProcess(logger: Logger, stop: () => Promise<void>, deadlineMs = 10_000): () => void {
  const onRejection = (reason: unknown) => {
    logger.error({ error: String(reason), stack: (reason as Error | undefined)?.stack }, 'unhandled promise rejection; still serving');
  };
  const onException = (error: Error) => {
    logger.fatal({ error: error.message, stack: error.stack }, 'uncaught exception; stopping so that a supervisor restarts the bot');
    const exit = () => process.exit(1);
    setTimeout(exit, deadlineMs).unref();
    stop().then(exit, exit);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
