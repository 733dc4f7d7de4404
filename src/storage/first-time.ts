import type { Logger } from '../log.js';
import type { KeyValue } from '../store.js';

/**
 * Remembers request ids (each platform's own ids of commands, clicks and events) for `ttlMs`, in
 * the shared store, so a replayed or retried request is answered but runs once on any replica.
 * Resolves true the first time an id is seen. A store that cannot answer lets the request run: it
 * can then change nothing anyway, and a read-only answer twice is harmless.
 */
export function firstTimeGuard(kv: KeyValue, ttlMs: number, logger: Logger) {
  const firstTime = async (id: string): Promise<boolean> => {
    let first = false;
    try {
      await kv.update<number>(
        id,
        (seen) => {
          first = seen === undefined;
          return first ? 1 : undefined;
        },
        { ttlMs },
      );
      return first;
    } catch (error) {
      logger.warn({ error: String(error) }, 'could not check a request id for replays; running it');
      return true;
    }
  };
  /** Forgets an id whose request was not served after all, so that the platform's retry runs. */
  const forget = async (id: string): Promise<void> => {
    await kv.delete(id).catch((error: unknown) => logger.warn({ error: String(error) }, 'could not forget a request id'));
  };
  return Object.assign(firstTime, { forget });
}
