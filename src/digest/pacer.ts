import type { Redis } from 'ioredis';

/** Waits for `key`'s turn: at most `limit` uses of one key in any rolling window, across every replica sharing Redis. */
export type Pacer = (key: string) => Promise<void>;

export interface WindowLimit {
  /** Uses allowed in any rolling window. */
  limit: number;
  /** The platform's window, in ms. */
  windowMs: number;
  /**
   * Added to the window: the most a use may reach the platform later than another one after its
   * turn (timers firing late, the request on its way), so that the platform never sees `limit + 1`.
   */
  marginMs?: number;
}

// Hands out start times so that no rolling window holds more than `limit` of them: the n-th use of a
// key starts no earlier than the (n − limit)-th plus the window (a sliding log of the last `limit`
// start times, one list per key, on Redis's own clock). So a burst up to the limit goes at once and
// the rest follows as the window allows, which is the most the limit lets through; with `limit` 1 it
// is even spacing. Times are handed out in order, never earlier than the last one. Written here
// because the libraries at hand either count in fixed windows (rate-limiter-flexible: two windows'
// bursts can meet inside one rolling second), or spread evenly (GCRA: no burst on top of the full
// rate), or only answer "not now" (rolling windows without reservations: waiters poll and race).
// Answers how long to wait.
const NEXT_TURN_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local at = now
local n = redis.call('LLEN', KEYS[1])
if n > 0 then
  at = math.max(at, tonumber(redis.call('LINDEX', KEYS[1], -1)))
  if n >= limit then at = math.max(at, tonumber(redis.call('LINDEX', KEYS[1], -limit)) + window) end
end
redis.call('RPUSH', KEYS[1], string.format('%.0f', at))
redis.call('LTRIM', KEYS[1], -limit, -1)
redis.call('PEXPIRE', KEYS[1], at - now + window + 60000)
return at - now`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * At most `limit` uses of each key in any rolling `windowMs + marginMs`: a burst up to the limit at
 * once, the rest as soon as the window allows; shared by every replica on Redis, in process without.
 */
export function createPacer({ limit, windowMs, marginMs = 0 }: WindowLimit, redis?: Redis, prefix = 'papers-bot'): Pacer {
  if (!(limit >= 1) || !(windowMs > 0)) throw new Error(`a pacer needs a limit of at least 1 and a window (got ${limit} in ${windowMs} ms)`);
  const window = Math.ceil(windowMs + marginMs);
  const local = new Map<string, number[]>();
  return async (key) => {
    let wait: number;
    if (redis) {
      try {
        wait = Number(await redis.eval(NEXT_TURN_SCRIPT, 1, `${prefix}:window:${key}`, limit, window));
      } catch {
        return; // Redis away: the platform's own 429s still hold the line
      }
    } else {
      const now = Date.now();
      if (local.size > 10_000) for (const [k, turns] of local) if (turns.at(-1)! + window < now) local.delete(k);
      const turns = local.get(key) ?? [];
      let at = Math.max(now, turns.at(-1) ?? 0);
      if (turns.length >= limit) at = Math.max(at, turns[turns.length - limit]! + window);
      turns.push(at);
      if (turns.length > limit) turns.splice(0, turns.length - limit);
      local.set(key, turns);
      wait = at - now;
    }
    if (wait > 0) await sleep(wait);
  };
}

/** Evenly spaced uses of each key, `intervalMs` apart (one per window), shared by every replica on Redis. */
export function createSpacer(intervalMs: number, redis?: Redis, prefix = 'papers-bot'): Pacer {
  return createPacer({ limit: 1, windowMs: intervalMs }, redis, prefix);
}
