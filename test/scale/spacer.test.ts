import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createSpacer } from '../../src/digest/pacer.js';
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
