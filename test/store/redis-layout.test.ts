import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { silentLogger } from '../../src/log.js';
import { openStore, type Store } from '../../src/store.js';
import { newKeyOf } from '../../src/storage/redis-layout.js';
import { REDIS_URL, redisUp, shouldRun } from '../helpers/services.js';

const run = shouldRun('Redis', redisUp);
const redis = run ? new Redis(REDIS_URL) : undefined;
const opened: Store[] = [];
const prefixes: string[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis!.keys(`${prefix}*`);
    if (keys.length > 0) await redis!.del(...keys);
  }
  await redis?.quit();
});

/** A deployment prefix of this test run alone, as createCore builds it (`STORE_PREFIX.`). */
const uniquePrefix = () => {
  const prefix = `layout-${randomUUID()}`;
  prefixes.push(prefix);
  return { base: prefix, store: `${prefix}.` };
};
const open = async (prefix: string) => {
  const store = await openStore(REDIS_URL, silentLogger, { prefix });
  opened.push(store);
  return store;
};
const scan = async (pattern: string) => (await redis!.keys(pattern)).sort();
/** A value as Keyv serialises it (`{"value":…,"expires":…}`). */
const keyvValue = (value: unknown, expires?: number) => JSON.stringify(expires ? { value, expires } : { value });
/** Where versions before this one wrote `key` of namespace `ns`: @keyv/redis's `ns::` around Keyv's `ns:`. */
const oldKey = (ns: string, key: string) => `${ns}::${ns}:${key}`;

describe.runIf(run)('Redis keys', () => {
  it('carry the prefix once: <STORE_PREFIX>.<namespace>:<key>', async () => {
    const { base, store: prefix } = uniquePrefix();
    const store = await open(prefix);
    await store.namespace('papers').set('day:2025-06-10', { date: '2025-06-10', papers: [] });
    await store.namespace('deliveries').update('slack:T1:C1|2025-06-10', () => 'done', { ttlMs: 60_000 });
    await new ChannelStore(store, silentLogger).update('slack:T1:C1', (s) => ({ ...s, size: 4 }));

    const keys = await scan(`${base}*`);
    expect(keys).toContain(`${prefix}papers:day:2025-06-10`);
    expect(keys).toContain(`${prefix}deliveries:slack:T1:C1|2025-06-10`);
    expect(keys).toContain(`${prefix}channels:slack:T1:C1`);
    for (const key of keys) {
      expect(key).not.toContain('::');
      expect(key.split(prefix)).toHaveLength(2);
    }
    // What the compare-and-set wrote is what Keyv reads, with the TTL on the key itself.
    expect(await store.namespace('deliveries').get('slack:T1:C1|2025-06-10')).toBe('done');
    expect(await redis!.pttl(`${prefix}deliveries:slack:T1:C1|2025-06-10`)).toBeGreaterThan(50_000);
  });

  it('of the old double-prefix layout are moved at start-up, with nothing lost and TTLs kept', async () => {
    const { base, store: prefix } = uniquePrefix();
    const papers = `${prefix}papers`;
    const channels = `${prefix}channels`;
    const deliveries = `${prefix}deliveries`;
    const expires = Date.now() + 3_600_000;
    await redis!.set(oldKey(papers, 'day:2025-06-10'), keyvValue({ date: '2025-06-10', papers: [{ id: '2506.00001' }] }));
    await redis!.set(oldKey(papers, 'day:2025-06-11'), keyvValue({ date: '2025-06-11', papers: [] }));
    await redis!.set(oldKey(channels, 'counter'), keyvValue({ n: 41 }));
    await redis!.set(oldKey(deliveries, 'slack:T1:C1|2025-06-10'), keyvValue('done', expires), 'PX', 3_600_000);
    // Written under the new name already (by a newer replica): it wins, and its old copy goes.
    await redis!.set(oldKey(channels, 'both'), keyvValue('old copy'));
    await redis!.set(`${channels}:both`, keyvValue('new copy'));
    // Not this deployment's, or not the old layout: left alone.
    const others = [oldKey(`${prefix}x.papers`, 'day:2025-06-10'), `${base}:digests:wait`, `${base}:limit:user:U1`, `${prefix}zz::elsewhere:key`];
    for (const key of others) await redis!.set(key, 'other');

    const store = await open(prefix);
    expect(await store.namespace('papers').get('day:2025-06-10')).toEqual({ date: '2025-06-10', papers: [{ id: '2506.00001' }] });
    const days: string[] = [];
    for await (const [key] of store.namespace('papers').entries()) days.push(key);
    expect(days.sort()).toEqual(['day:2025-06-10', 'day:2025-06-11']);
    expect(await store.namespace('deliveries').get('slack:T1:C1|2025-06-10')).toBe('done');
    expect(await redis!.pttl(`${deliveries}:slack:T1:C1|2025-06-10`)).toBeGreaterThan(3_000_000);
    expect(await store.namespace('channels').get('both')).toBe('new copy');
    // The compare-and-set works on the moved key: the change starts from the old value.
    expect(await store.namespace('channels').update<{ n: number }>('counter', (c) => ({ n: (c?.n ?? 0) + 1 }))).toEqual({ n: 42 });
    expect(await store.namespace('channels').get('counter')).toEqual({ n: 42 });

    expect(await scan(`${prefix}*::*`)).toEqual([oldKey(`${prefix}x.papers`, 'day:2025-06-10'), `${prefix}zz::elsewhere:key`]);
    for (const key of others) expect(await redis!.get(key)).toBe('other');
  });

  it('of the old layout are moved once when two replicas start at the same time', { timeout: 60_000 }, async () => {
    const { store: prefix } = uniquePrefix();
    const ns = `${prefix}channels`;
    const count = 600;
    const pipeline = redis!.pipeline();
    for (let i = 0; i < count; i++) pipeline.set(oldKey(ns, `slack:T1:C${i}`), keyvValue({ i }));
    await pipeline.exec();

    const [a, b] = await Promise.all([open(prefix), open(prefix)]);
    expect(await scan(`${ns}::*`)).toEqual([]);
    expect(await scan(`${ns}:*`)).toHaveLength(count);
    const read = await Promise.all(Array.from({ length: count }, (_, i) => (i % 2 ? a : b).namespace('channels').get<{ i: number }>(`slack:T1:C${i}`)));
    expect(read.map((value) => value?.i)).toEqual(Array.from({ length: count }, (_, i) => i));
  });
});

describe('the old key of a new one', () => {
  it.each([
    ['papers-bot.papers::papers-bot.papers:day:2025-06-10', 'papers-bot.', 'papers-bot.papers:day:2025-06-10'],
    ['papers-bot.channels::papers-bot.channels:slack:T1:C1', 'papers-bot.', 'papers-bot.channels:slack:T1:C1'],
    ['papers-bot.x.papers::papers-bot.x.papers:day:2025-06-10', 'papers-bot.', undefined],
    ['papers-bot.papers::other:day', 'papers-bot.', undefined],
    ['papers-bot.papers:day:2025-06-10', 'papers-bot.', undefined],
    ['papers-bot:digests:wait', 'papers-bot.', undefined],
  ])('%s under prefix %s → %s', (old, prefix, expected) => {
    expect(newKeyOf(old, prefix)).toBe(expected);
  });
});
