import type { Redis } from 'ioredis';

/**
 * Ends a use: called once the platform answered (or the request failed). The window then counts
 * from this moment instead of from the turn plus the margin; calling it is optional, and so is
 * calling it twice.
 */
export type Release = () => void;

/** Waits for `key`'s turn: at most `limit` uses of one key in any rolling window, across every replica sharing Redis. */
export type Turns = (key: string) => Promise<Release>;

/** A pacer as adapters take one: it may hand back a release, which the adapter calls once the platform answered. */
export type Pacer = (key: string) => Promise<Release | void>;

export interface WindowLimit {
  /** Uses allowed in any rolling window. */
  limit: number;
  /** The platform's window, in ms. */
  windowMs: number;
  /**
   * How much later than its turn a use may reach the platform: one not released by its turn plus
   * this margin counts as ended then (a caller that never releases gets windows of `windowMs +
   * marginMs` between turns).
   */
  marginMs?: number;
}

// Lets uses go so that no rolling window holds more than `limit` of them: a use goes no earlier than a
// window after the end of every use gone at least `limit` places before it. A use ends when its caller
// releases it (Redis's clock then: after the platform took the request, whatever the timers' lateness
// and the network's); one not released by its start plus the margin counts as ended then. So a burst
// up to the limit goes at once and the rest follows as the window allows, which is the most the limit
// lets through (with `limit` 1 it is even spacing). Asking hands out an estimate, spaced as the uses
// asked for before would allow if each ended as it started; at the estimate the use comes and goes, or
// is told how long to wait still. Per key, one hash on Redis: `n` (uses asked for), `e<i>` (the last
// `limit` estimates), `g` (the ids of the last 2 × limit uses gone, in order), `t<i>` and `a<i>` (each
// one's start and release) and `base`, the latest end of those before. Written here because the
// libraries at hand count in fixed windows (rate-limiter-flexible: two windows' bursts can meet inside
// one rolling second), spread evenly (GCRA: no burst on top of the full rate), or only answer "not
// now" (rolling windows without reservations: waiters poll and race); none counts from the answer.
const COMMON = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local margin = tonumber(ARGV[3])
local function fmt(x) return string.format('%.0f', x) end
local function num(field, default) return tonumber(redis.call('HGET', KEYS[1], field) or default) end
`;

const ASK_SCRIPT = `${COMMON}
local k = redis.call('HINCRBY', KEYS[1], 'n', 1)
local at = math.max(now, num('last', '0'))
local before = num('e' .. (k - limit), nil)
if before then at = math.max(at, before + window) end
redis.call('HDEL', KEYS[1], 'e' .. (k - limit))
redis.call('HSET', KEYS[1], 'e' .. k, fmt(at), 'last', fmt(at))
redis.call('PEXPIRE', KEYS[1], at - now + window + margin + 60000)
return {at - now, k}`;

// Use k comes: it goes now (0), or waits that long and comes again.
const COME_SCRIPT = `${COMMON}
local k = ARGV[4]
local gone = cjson.decode(redis.call('HGET', KEYS[1], 'g') or '[]')
local need = num('base', '-1e15')
for i = 1, #gone - limit + 1 do
  local v = redis.call('HMGET', KEYS[1], 't' .. gone[i], 'a' .. gone[i])
  local ended = tonumber(v[2])
  if not ended and v[1] then
    ended = tonumber(v[1]) + margin
    -- Not released yet: ask again soon, unless the margin runs out first.
    if ended > now then return math.max(1, math.min(tonumber(ARGV[5]), ended + window - now)) end
  end
  if ended and ended > need then need = ended end
end
if need + window > now then return need + window - now end
gone[#gone + 1] = k
redis.call('HSET', KEYS[1], 't' .. k, fmt(now))
while #gone > 2 * limit do
  local old = table.remove(gone, 1)
  local v = redis.call('HMGET', KEYS[1], 't' .. old, 'a' .. old)
  local ended = tonumber(v[2]) or (v[1] and tonumber(v[1]) + margin)
  if ended and ended > num('base', '-1e15') then redis.call('HSET', KEYS[1], 'base', fmt(ended)) end
  redis.call('HDEL', KEYS[1], 't' .. old, 'a' .. old)
end
redis.call('HSET', KEYS[1], 'g', cjson.encode(gone))
redis.call('PEXPIRE', KEYS[1], window + margin + 60000)
return 0`;

const RELEASE_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], 't' .. ARGV[1]) == 0 then return 0 end
local t = redis.call('TIME')
redis.call('HSET', KEYS[1], 'a' .. ARGV[1], string.format('%.0f', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)))
return 1`;

/** How often a use waiting for an earlier one's release asks again. */
const POLL_MS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const NOTHING: Release = () => undefined;

/** One key's uses in process, as the hash on Redis holds them. */
class LocalTurns {
  n = 0;
  last = 0;
  base = -Infinity;
  readonly estimates = new Map<number, number>();
  readonly gone: { t: number; released?: number }[] = [];
  constructor(private readonly limit: number, private readonly window: number, private readonly margin: number) {}

  ask(now: number): number {
    const k = ++this.n;
    let at = Math.max(now, this.last);
    const before = this.estimates.get(k - this.limit);
    if (before !== undefined) at = Math.max(at, before + this.window);
    this.estimates.delete(k - this.limit);
    this.estimates.set(k, at);
    this.last = at;
    return at - now;
  }

  /** 0 and the use that went, or how long to wait still. */
  come(now: number): [number, { t: number; released?: number }?] {
    let need = this.base;
    for (let i = 0; i < this.gone.length - this.limit + 1; i++) {
      const use = this.gone[i]!;
      let ended = use.released;
      if (ended === undefined) {
        ended = use.t + this.margin;
        if (ended > now) return [Math.max(1, Math.min(POLL_MS, ended + this.window - now))];
      }
      need = Math.max(need, ended);
    }
    if (need + this.window > now) return [need + this.window - now];
    const use: { t: number; released?: number } = { t: now };
    this.gone.push(use);
    while (this.gone.length > 2 * this.limit) {
      const old = this.gone.shift()!;
      this.base = Math.max(this.base, old.released ?? old.t + this.margin);
    }
    return [0, use];
  }
}

/**
 * At most `limit` uses of each key in any rolling `windowMs`, counted from each use's release (or
 * its start plus `marginMs` when it is not released by then): a burst up to the limit at once, the
 * rest as soon as the window allows; shared by every replica on Redis, in process without.
 */
export function createPacer({ limit, windowMs, marginMs = 0 }: WindowLimit, redis?: Redis, prefix = 'papers-bot'): Turns {
  if (!(limit >= 1) || !(windowMs > 0)) throw new Error(`a pacer needs a limit of at least 1 and a window (got ${limit} in ${windowMs} ms)`);
  // Clocks read in whole ms: one more keeps a use a whole window after the one it waits for.
  const window = Math.ceil(windowMs) + 1;
  const margin = Math.ceil(marginMs);
  const local = new Map<string, LocalTurns>();

  const inProcess = async (key: string): Promise<Release> => {
    if (local.size > 10_000) for (const [k, turns] of local) if (turns.last + window + margin < Date.now()) local.delete(k);
    const turns = local.get(key) ?? new LocalTurns(limit, window, margin);
    local.set(key, turns);
    let wait = turns.ask(Date.now());
    for (;;) {
      if (wait > 0) await sleep(wait);
      const [more, use] = turns.come(Date.now());
      if (use) return () => void (use.released ??= Date.now());
      wait = more;
    }
  };

  const onRedis = async (redis: Redis, key: string): Promise<Release> => {
    const hash = `${prefix}:turns:${key}`;
    let k: number;
    try {
      const [estimate, id] = ((await redis.eval(ASK_SCRIPT, 1, hash, limit, window, margin)) as number[]).map(Number) as [number, number];
      k = id;
      let wait = estimate;
      for (;;) {
        if (wait > 0) await sleep(wait);
        wait = Number(await redis.eval(COME_SCRIPT, 1, hash, limit, window, margin, k, POLL_MS));
        if (wait === 0) break;
      }
    } catch {
      return NOTHING; // Redis away: the platform's own 429s still hold the line
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      redis.eval(RELEASE_SCRIPT, 1, hash, k).catch(() => undefined);
    };
  };

  return (key) => (redis ? onRedis(redis, key) : inProcess(key));
}

/** Evenly spaced uses of each key, `intervalMs` apart (one per window), shared by every replica on Redis. */
export function createSpacer(intervalMs: number, redis?: Redis, prefix = 'papers-bot'): Turns {
  return createPacer({ limit: 1, windowMs: intervalMs }, redis, prefix);
}
