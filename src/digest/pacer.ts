import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Waits until `key` may be used again: at most one use per interval, across every replica sharing Redis. */
export type Pacer = (key: string) => Promise<void>;

export function createPacer(intervalMs: number, redis?: Redis, prefix = 'papers-bot'): Pacer {
  // rate-limiter-flexible keeps windows in whole seconds.
  const duration = Math.max(1, Math.round(intervalMs / 1000));
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:pace`, points: 1, duration, useRedisPackage: false })
    : new RateLimiterMemory({ keyPrefix: 'pace', points: 1, duration });
  return async (key) => {
    for (;;) {
      try {
        await limiter.consume(key);
        return;
      } catch (rejection) {
        // A limiter whose store is away lets the post through; Slack's own 429s still hold.
        if (!(rejection instanceof RateLimiterRes)) return;
        await new Promise((resolve) => setTimeout(resolve, Math.max(5, rejection.msBeforeNext)));
      }
    }
  };
}
