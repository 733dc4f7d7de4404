import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createPacer, createSpacer, type Pacer, type Turns, type WindowLimit } from '../../src/digest/pacer.js';
import { REDIS_URL, redisUp, shouldRun } from '../helpers/services.js';

const clients: Redis[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.quit()));
});

/** How many of the times fall inside the busiest window of `ms`. */
function busiest(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('spacing a workspace’s posts evenly', () => {
  it('in one process: 30 posts asked for at once go out 50 ms apart', async () => {
    const space = createSpacer(50);
    const started = Date.now();
    const times = await Promise.all(Array.from({ length: 30 }, async () => {
      await space('slack:T1');
      return Date.now() - started;
    }));
    expect(Math.max(...times)).toBeGreaterThanOrEqual(29 * 50 - 5);
    expect(busiest(times, 500)).toBeLessThanOrEqual(11);
  });

  it.runIf(shouldRun('Redis', redisUp))('across two replicas sharing Redis: never more than the rate in any window', async () => {
    const prefix = `spacer-${randomUUID().slice(0, 8)}`;
    const [a, b] = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
    clients.push(a, b);
    const spaceA = createSpacer(50, a, prefix);
    const spaceB = createSpacer(50, b, prefix);
    const started = Date.now();
    const times = await Promise.all(Array.from({ length: 30 }, async (_, i) => {
      await (i % 2 === 0 ? spaceA : spaceB)('slack:T1');
      return Date.now() - started;
    }));
    expect(Math.max(...times)).toBeGreaterThanOrEqual(29 * 50 - 20);
    expect(busiest(times, 500)).toBeLessThanOrEqual(11);
  });
});

/** Asks for `count` turns of one key at once, alternating between the pacers; the times they were given, from the first. */
async function turns(pacers: Pacer[], count: number, key = 'slack:T1'): Promise<number[]> {
  const started = Date.now();
  return Promise.all(Array.from({ length: count }, async (_, i) => {
    await pacers[i % pacers.length]!(key);
    return Date.now() - started;
  }));
}

// A limit of 5 in any 300 ms, with a margin of 100 ms so that a timer firing late cannot show as a
// sixth post inside the window: the counts below hold whatever the machine's load.
const LIMIT = { limit: 5, windowMs: 300, marginMs: 100 };

describe('at most a limit in any rolling window, its burst at once', () => {
  it('in one process: 17 posts asked for at once go 5 together, never 6 in a window', async () => {
    const times = await turns([createPacer(LIMIT)], 17);
    const first = Math.min(...times);
    expect(times.filter((t) => t - first < LIMIT.windowMs)).toHaveLength(5);
    expect(busiest(times, LIMIT.windowMs)).toBe(5);
  });

  it('a limit of 1 spaces evenly, as createSpacer does', async () => {
    const times = await turns([createPacer({ limit: 1, windowMs: 100, marginMs: 50 })], 6);
    expect(busiest(times, 100)).toBe(1);
  });

  it.runIf(shouldRun('Redis', redisUp))('across two replicas sharing Redis: the burst goes at once, and never more than the limit in any window', async () => {
    const prefix = `pacer-${randomUUID().slice(0, 8)}`;
    const [a, b] = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
    clients.push(a, b);
    const times = await turns([createPacer(LIMIT, a, prefix), createPacer(LIMIT, b, prefix)], 17);
    const first = Math.min(...times);
    expect(times.filter((t) => t - first < LIMIT.windowMs)).toHaveLength(5);
    expect(busiest(times, LIMIT.windowMs)).toBe(5);
  });

  it.runIf(shouldRun('Redis', redisUp))('a rolling window, not a fixed one: a second burst asked for late in the first window waits a whole window after it', async () => {
    const prefix = `pacer-${randomUUID().slice(0, 8)}`;
    const [a, b] = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
    clients.push(a, b);
    const pacers = [createPacer(LIMIT, a, prefix), createPacer(LIMIT, b, prefix)];
    const started = Date.now();
    const at = (pause: number) => async (pacer: Pacer) => {
      await new Promise((resolve) => setTimeout(resolve, pause));
      await pacer('slack:T1');
      return Date.now() - started;
    };
    // 3 early, 2 late in the first window, then 5 more just after it: a fixed window would let
    // the 5 through at once and put 7 inside one rolling window.
    const times = await Promise.all([
      ...[0, 1, 0].map((i) => at(0)(pacers[i]!)),
      ...[1, 0].map((i) => at(250)(pacers[i]!)),
      ...[0, 1, 0, 1, 0].map((i) => at(320)(pacers[i]!)),
    ]);
    expect(busiest(times, LIMIT.windowMs)).toBeLessThanOrEqual(5);
  });

  it.runIf(shouldRun('Redis', redisUp))('two keys do not share a window', async () => {
    const prefix = `pacer-${randomUUID().slice(0, 8)}`;
    const a = new Redis(REDIS_URL);
    clients.push(a);
    const pacer = createPacer(LIMIT, a, prefix);
    const [one, two] = await Promise.all([turns([pacer], 5, 'slack:T1'), turns([pacer], 5, 'slack:T2')]);
    const all = [...one!, ...two!];
    expect(all.filter((t) => t - Math.min(...all) < LIMIT.windowMs)).toHaveLength(10);
  });
});

describe('a window counted from the release', () => {
  // Margin 600 ms: a use not released counts until its turn plus 600 ms; released, from the release.
  const SLOW = { limit: 2, windowMs: 200, marginMs: 600 };

  async function released(pacers: Turns[], count: number): Promise<number[]> {
    const started = Date.now();
    return Promise.all(Array.from({ length: count }, async (_, i) => {
      const release = await pacers[i % pacers.length]!('slack:T1');
      const at = Date.now() - started;
      release();
      return at;
    }));
  }

  it('in one process: released uses free the window at once, unreleased ones hold it for the margin', async () => {
    const quick = await released([createPacer(SLOW)], 6);
    expect(busiest(quick, SLOW.windowMs)).toBe(2);
    expect(busiest(quick, SLOW.windowMs + SLOW.marginMs)).toBeGreaterThan(2);
    const held = await turns([createPacer(SLOW)], 6);
    expect(busiest(held, SLOW.windowMs + SLOW.marginMs - 50)).toBe(2);
  });

  it.runIf(shouldRun('Redis', redisUp))('across two replicas sharing Redis: the same, and a release counts once', async () => {
    const prefix = `pacer-${randomUUID().slice(0, 8)}`;
    const [a, b] = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
    clients.push(a, b);
    const quick = await released([createPacer(SLOW, a, prefix), createPacer(SLOW, b, prefix)], 6);
    expect(busiest(quick, SLOW.windowMs)).toBe(2);
    expect(busiest(quick, SLOW.windowMs + SLOW.marginMs)).toBeGreaterThan(2);
    const held = await turns([createPacer(SLOW, a, `${prefix}-held`), createPacer(SLOW, b, `${prefix}-held`)], 6);
    expect(busiest(held, SLOW.windowMs + SLOW.marginMs - 50)).toBe(2);
  });

  it.runIf(shouldRun('Redis', redisUp))('a burst of 40 across two replicas, each released when done, never puts more than the limit in a window', async () => {
    const prefix = `pacer-${randomUUID().slice(0, 8)}`;
    const [a, b] = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
    clients.push(a, b);
    const limit = { limit: 10, windowMs: 250, marginMs: 100 };
    const started = Date.now();
    const times = await Promise.all(Array.from({ length: 40 }, async (_, i) => {
      const release = await createPacerFor(i % 2 === 0 ? a : b, prefix, limit)('slack:T1');
      const at = Date.now() - started;
      // The platform answers a few ms later.
      await new Promise((resolve) => setTimeout(resolve, 5 + (i % 7)));
      release();
      return at;
    }));
    expect(busiest(times, limit.windowMs)).toBe(10);
  });
});

const pacersByClient = new Map<Redis, Turns>();
function createPacerFor(redis: Redis, prefix: string, limit: WindowLimit): Turns {
  const existing = pacersByClient.get(redis);
  if (existing) return existing;
  const pacer = createPacer(limit, redis, prefix);
  pacersByClient.set(redis, pacer);
  return pacer;
}
