import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { storeBackends } from '../helpers/backends.js';
import { REDIS_URL } from '../helpers/services.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createStore, type Store } from '../../src/store.js';

const backends = storeBackends('atomic');

const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

describe.each(backends)('atomic updates on $name', ({ name, url, run, shared }) => {
  const native = name === 'Redis';
  const prefix = `atomic-${randomUUID()}.`;
  const open = () => {
    const store = createStore(url, silentLogger, { prefix });
    opened.push(store);
    return store;
  };

  it.runIf(run)('keeps every one of 200 concurrent changes to one key, from two connections', async () => {
    // Two stores are two clients of the server (or two connections to the SQLite file), as two replicas are.
    const [a, b] = shared ? [open().namespace('counters'), open().namespace('counters')] : [open().namespace('counters'), undefined];
    const writers = Array.from({ length: 200 }, (_, i) =>
      (i % 2 === 0 || !b ? a : b).update<{ ids: number[] }>('one', (current) => ({ ids: [...(current?.ids ?? []), i] })),
    );
    await Promise.all(writers);
    const stored = await a.get<{ ids: number[] }>('one');
    expect(stored?.ids.slice().sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it.runIf(run)('makes a check and the write it guards one step: a limit of 25 holds under 40 concurrent adds', async () => {
    const kv = open().namespace('limits');
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        let added = false;
        return kv
          .update<string[]>('list', (current = []) => {
            added = current.length < 25;
            return added ? [...current, `item${i}`] : undefined;
          })
          .then(() => added);
      }),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(25);
    expect(await kv.get<string[]>('list')).toHaveLength(25);
  });

  it.runIf(run)('leaves the key untouched when the change returns nothing', async () => {
    const kv = open().namespace('noop');
    await kv.set('kept', { n: 1 });
    expect(await kv.update<{ n: number }>('kept', () => undefined)).toEqual({ n: 1 });
    expect(await kv.update('absent', () => undefined)).toBeUndefined();
    expect(await kv.get('absent')).toBeUndefined();
  });

  it.runIf(run)(`forgets values written with a TTL${native ? ' (a Redis key TTL)' : ', and a sweep deletes their rows'}`, async () => {
    const kv = open().namespace('ttl');
    await kv.set('plain', 'stays');
    await kv.set('set-short', 'gone soon', { ttlMs: 60_000 });
    await kv.update('updated-short', () => 'gone soon', { ttlMs: 60_000 });
    if (native) {
      const redis = new Redis(REDIS_URL);
      const ttls = await Promise.all(['set-short', 'updated-short', 'plain'].map(async (key) => redis.pttl((await redis.keys(`*${prefix}ttl:${key}`))[0]!)));
      await redis.quit();
      expect(ttls[0]).toBeGreaterThan(50_000);
      expect(ttls[1]).toBeGreaterThan(50_000);
      expect(ttls[2]).toBe(-1);
      return;
    }
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    expect(await kv.sweepExpired()).toBe(2);
    vi.useRealTimers();
    expect(await kv.get('set-short')).toBeUndefined();
    expect(await kv.get('updated-short')).toBeUndefined();
    expect(await kv.get('plain')).toBe('stays');
  });
});
