import type { Redis } from 'ioredis';

/** Waits for `key`'s turn: uses of one key go out at least an interval apart, across every replica sharing Redis. */
export type Pacer = (key: string) => Promise<void>;

// Hands out start times `interval` apart, whichever replica asks, on Redis's own clock. Written here
// because rate-limiter-flexible counts in fixed windows of whole seconds, and two windows' bursts can
// meet inside one rolling second of a platform's limit; spacing evenly cannot. Answers how long to wait.
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
      if (local.size > 10_000) for (const [k, next] of local) if (next < now) local.delete(k);
      local.set(key, at + intervalMs);
      wait = at - now;
    }
    if (wait > 0) await sleep(wait);
  };
}
