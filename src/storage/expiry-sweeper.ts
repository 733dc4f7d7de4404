import type { Logger } from '../log.js';
import type { KeyValue } from '../store.js';

/** How often expired records are deleted where the store keeps them (SQLite, Postgres). */
const SWEEP_EVERY_MS = 6 * 60 * 60_000;

/**
 * Deletes expired delivery records and button payloads now and every few hours. Redis expires
 * keys by itself; SQLite and Postgres only skip expired rows on read, so without this a record
 * written once and never read again would stay for good.
 */
export function startExpirySweeper(namespaces: Record<string, KeyValue>, logger: Logger): { stop(): Promise<void> } {
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = () => (sweeping = sweepAll());
  const sweepAll = async () => {
    for (const [name, kv] of Object.entries(namespaces)) {
      try {
        const removed = await kv.sweepExpired();
        if (removed > 0) logger.info({ namespace: name, removed }, 'deleted expired records');
      } catch (error) {
        logger.warn({ namespace: name, error: String(error) }, 'could not delete expired records; trying again later');
      }
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), SWEEP_EVERY_MS);
  timer.unref();
  // A sweep under way finishes before the store it uses is closed.
  return {
    stop: async () => {
      clearInterval(timer);
      await sweeping;
    },
  };
}
