import type KeyvSqlite from '@keyv/sqlite';
import type KeyvRedis from '@keyv/redis';
import type KeyvPostgres from '@keyv/postgres';

/**
 * The one primitive every store gives for atomic changes: write `next` at `key` only if the raw
 * value stored there is still `expected` (undefined: only if there is none). Reached through the
 * client that each Keyv adapter already holds, on the raw key and value Keyv itself writes, so
 * Keyv's own reads see every change.
 */
export interface CompareAndSet {
  /** The raw stored value at the adapter key, as Keyv's adapter returns it. */
  read(rawKey: string): Promise<string | undefined>;
  /** True when the value was written; false when another writer changed the key first. */
  swap(rawKey: string, expected: string | undefined, next: string, ttlMs?: number): Promise<boolean>;
  /** Deletes rows whose Keyv expiry has passed (stores without native TTLs keep them otherwise). */
  sweep(rawPrefix: string, now: number): Promise<number>;
}

export function sqliteCompareAndSet(adapter: KeyvSqlite): CompareAndSet {
  const table = adapter.opts.table as string;
  const query = adapter.query as (sql: string, ...params: unknown[]) => Promise<{ key: string }[]>;
  return {
    read: async (rawKey) => (await adapter.get(rawKey)) as string | undefined,
    async swap(rawKey, expected, next) {
      // One statement each, so no transaction is held open on the adapter's shared connection.
      const rows =
        expected === undefined
          ? await query(`INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING RETURNING key`, rawKey, next)
          : await query(`UPDATE ${table} SET value = ? WHERE key = ? AND value = ? RETURNING key`, next, rawKey, expected);
      return rows.length === 1;
    },
    async sweep(rawPrefix, now) {
      const rows = await query(
        `DELETE FROM ${table} WHERE key LIKE ? ESCAPE '\\' AND json_valid(value) AND json_extract(value, '$.expires') < ? RETURNING key`,
        `${escapeLike(rawPrefix)}%`,
        now,
      );
      return rows.length;
    },
  };
}

export function postgresCompareAndSet(adapter: KeyvPostgres): CompareAndSet {
  const table = `${adapter.opts.schema}.${adapter.opts.table}`;
  const query = adapter.query as unknown as (sql: string, values: unknown[]) => Promise<{ key: string }[]>;
  return {
    read: async (rawKey) => (await adapter.get(rawKey)) as string | undefined,
    async swap(rawKey, expected, next) {
      const rows =
        expected === undefined
          ? await query(`INSERT INTO ${table} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key`, [rawKey, next])
          : await query(`UPDATE ${table} SET value = $2 WHERE key = $1 AND value = $3 RETURNING key`, [rawKey, next, expected]);
      return rows.length === 1;
    },
    async sweep(rawPrefix, now) {
      const rows = await query(
        `DELETE FROM ${table} WHERE key LIKE $1 AND value LIKE '{%"expires":%' AND (value::jsonb->>'expires')::bigint < $2 RETURNING key`,
        [`${escapeLike(rawPrefix)}%`, now],
      );
      return rows.length;
    },
  };
}

// GET, compare and SET in one script: Redis runs it without interleaving any other command.
const SWAP_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '0' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
if tonumber(ARGV[4]) > 0 then
  redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
else
  redis.call('SET', KEYS[1], ARGV[3])
end
return 1`;

export function redisCompareAndSet(adapter: KeyvRedis<string>): CompareAndSet {
  // The Redis key the adapter itself reads and writes for `rawKey` (`namespace:key`).
  const fullKey = (rawKey: string) => adapter.createKeyPrefix(rawKey, adapter.namespace);
  return {
    read: async (rawKey) => (await adapter.get(rawKey)) as string | undefined,
    async swap(rawKey, expected, next, ttlMs) {
      const client = await adapter.getClient();
      const written = await client.eval(SWAP_SCRIPT, {
        keys: [fullKey(rawKey)],
        arguments: [expected === undefined ? '0' : '1', expected ?? '', next, String(Math.max(0, Math.ceil(ttlMs ?? 0)))],
      });
      return Number(written) === 1;
    },
    // Redis expires keys by itself (PX).
    sweep: async () => 0,
  };
}

/** The embedded test store: a Map is changed synchronously, so compare and set cannot interleave. */
export function memoryCompareAndSet(map: Map<string, unknown>): CompareAndSet {
  return {
    read: async (rawKey) => map.get(rawKey) as string | undefined,
    async swap(rawKey, expected, next) {
      if (map.get(rawKey) !== expected) return false;
      map.set(rawKey, next);
      return true;
    },
    async sweep(rawPrefix, now) {
      let removed = 0;
      for (const [key, value] of map) {
        if (!key.startsWith(rawPrefix) || typeof value !== 'string') continue;
        const expires = /"expires":(\d+)/.exec(value)?.[1];
        if (expires && Number(expires) < now) {
          map.delete(key);
          removed++;
        }
      }
      return removed;
    },
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
