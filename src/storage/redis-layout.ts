import type KeyvRedis from '@keyv/redis';
import type { Logger } from '../log.js';

type RedisClient = Awaited<ReturnType<KeyvRedis<string>['getClient']>>;

/**
 * Earlier versions wrote every Redis key with its namespace twice: Keyv's own prefix
 * (`papers-bot.papers:day:…`) inside @keyv/redis's (`papers-bot.papers::`). Now a key is
 * `papers-bot.papers:day:…`, so an old key `ns::ns:rest` becomes `ns:rest`; any other key is
 * not of the old layout (undefined).
 */
export function newKeyOf(oldKey: string, prefix: string): string | undefined {
  const at = oldKey.indexOf('::');
  if (at <= 0) return undefined;
  const namespace = oldKey.slice(0, at);
  const rest = oldKey.slice(at + 2);
  // Namespace names hold no dot, so another deployment's longer prefix (`papers-bot.x.`) is not ours.
  const name = namespace.slice(prefix.length);
  if (!namespace.startsWith(prefix) || !name || /[.:]/.test(name) || !rest.startsWith(`${namespace}:`)) return undefined;
  return rest;
}

// RENAMENX, and where the new key exists already the old copy is dropped, in one step: Redis runs
// a script without interleaving, so two replicas moving the same key cannot clobber each other.
const MOVE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('RENAMENX', KEYS[1], KEYS[2]) == 1 then return 1 end
redis.call('DEL', KEYS[1])
return 2`;

/**
 * Moves this deployment's keys from the old double-prefix layout to the new one, at start-up.
 * RENAMENX keeps each key's value and TTL and never overwrites: a key already written under the
 * new name wins, and its stale old copy is deleted (it would never be read again). A key that
 * another replica moved first is simply gone.
 */
export async function moveOldRedisKeys(client: RedisClient, prefix: string, logger: Logger): Promise<{ moved: number; dropped: number }> {
  let moved = 0;
  let dropped = 0;
  let cursor = '0';
  do {
    const page = await client.scan(cursor, { MATCH: `${globEscape(prefix)}*::*`, COUNT: 1_000 });
    cursor = String(page.cursor);
    for (const oldKey of page.keys) {
      const newKey = newKeyOf(oldKey, prefix);
      if (newKey === undefined) continue;
      const outcome = Number(await client.eval(MOVE_SCRIPT, { keys: [oldKey, newKey] }));
      if (outcome === 1) moved++;
      if (outcome === 2) dropped++;
    }
  } while (cursor !== '0');
  if (moved > 0) logger.info({ moved, prefix }, 'moved Redis keys from the old double-prefix layout (ns::ns:key) to ns:key');
  if (dropped > 0) logger.warn({ dropped, prefix }, 'deleted Redis keys of the old layout whose new key had been written already (the new one wins)');
  return { moved, dropped };
}

function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
