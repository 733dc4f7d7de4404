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

// Hands out start times `interval` apart, whichever replica asks, on Redis's own clock. Written here
// because rate-limiter-flexible counts in fixed windows, and two windows' bursts can meet inside one
// rolling second of the platform's limit; spacing evenly cannot. Answers how long to wait.
const NEXT_SLOT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local at = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], at + interval, 'PX', interval + 60000)
return at - now`;

/** Evenly spaced uses of each key, `intervalMs` apart, shared by every replica on Redis. */
export function createSpacer(intervalMs: number, redis?: Redis, prefix = 'papers-bot'): Pacer {
  const local = new Map<string, number>();
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  return async (key) => {
    let wait: number;
    if (redis) {
      try {
        wait = Number(await redis.eval(NEXT_SLOT_SCRIPT, 1, `${prefix}:space:${key}`, intervalMs));
      } catch {
        return; // Redis away: Slack's own 429s still hold the line
      }
    } else {
      const now = Date.now();
      const at = Math.max(now, local.get(key) ?? 0);
      local.set(key, at + intervalMs);
      wait = at - now;
    }
    if (wait > 0) await sleep(wait);
  };
}
