import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import KeyvRedis from '@keyv/redis';
import KeyvPostgres from '@keyv/postgres';
import type { Logger } from './log.js';

export const DEFAULT_SQLITE_PATH = './data/papers-bot.sqlite';

/** The store is down or refused the operation; nothing was changed by the call that failed. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** One namespace of the store: the only storage port the core uses. */
export interface KeyValue {
  /** The value at key, or undefined. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores value at key. */
  set<T>(key: string, value: T): Promise<void>;
  /** Removes key. */
  delete(key: string): Promise<void>;
  /** Every key and value of the namespace. */
  entries<T>(): AsyncGenerator<[string, T]>;
}

export interface Store {
  /** A namespace of its own: papers, channels and installations never see each other's keys. */
  namespace(name: string): KeyValue;
  /** Resolves when the store answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
  readonly kind: 'sqlite' | 'redis' | 'postgres' | 'memory';
}

/** `STORE_URL` unset → embedded SQLite under ./data; else sqlite://, redis://, postgres:// or memory://. */
export function createStore(url: string | undefined, logger: Logger, options: { prefix?: string } = {}): Store {
  const target = url ?? `sqlite://${DEFAULT_SQLITE_PATH}`;
  const kind = storeKind(target);
  const instances: Keyv[] = [];
  const memory = new Map<string, Map<string, unknown>>();

  const adapterFor = (name: string): KeyvStoreAdapter | Map<string, unknown> => {
    switch (kind) {
      case 'sqlite': {
        const path = sqlitePath(target);
        if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
        return new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: 10_000 });
      }
      case 'redis':
        return new KeyvRedis(
          {
            url: target,
            // Fail fast while Redis is down instead of queueing commands until it is back.
            disableOfflineQueue: true,
            socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(200 * 2 ** retries, 5_000) },
          },
          { throwOnErrors: true, throwOnConnectError: true, connectionTimeout: 2_000 },
        );
      case 'postgres':
        return new KeyvPostgres({ uri: target, connectionTimeoutMillis: 2_000, max: 4 });
      case 'memory': {
        const map = memory.get(name) ?? new Map<string, unknown>();
        memory.set(name, map);
        return map;
      }
    }
  };

  const open = (base: string): KeyValue => {
    const name = `${options.prefix ?? ''}${base}`;
    const keyv = new Keyv({ store: adapterFor(name), namespace: name, throwOnErrors: true });
    keyv.on('error', (error: unknown) => logger.error({ store: kind, namespace: name, error: String(error) }, 'store error'));
    instances.push(keyv);
    return wrap(keyv);
  };

  let health: KeyValue | undefined;
  return {
    kind,
    namespace: open,
    async ping() {
      health ??= open('health');
      await health.set('ping', Date.now());
    },
    async close() {
      await Promise.allSettled(instances.map((keyv) => keyv.disconnect()));
    },
  };
}

function wrap(keyv: Keyv): KeyValue {
  const guard = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch (error) {
      throw new StoreUnavailableError(`store unavailable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
  return {
    get: <T>(key: string) => guard(() => keyv.get<T>(key)),
    set: async (key, value) => {
      await guard(() => keyv.set(key, value));
    },
    delete: async (key) => {
      await guard(() => keyv.delete(key));
    },
    async *entries<T>() {
      if (!keyv.iterator) throw new StoreUnavailableError('this store cannot list its keys');
      const iterator = keyv.iterator(keyv.namespace) as AsyncGenerator<[string, T]>;
      while (true) {
        const next = await guard(() => iterator.next());
        if (next.done) return;
        yield next.value;
      }
    },
  };
}

function storeKind(url: string): Store['kind'] {
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
  if (scheme === 'sqlite') return 'sqlite';
  if (scheme === 'redis' || scheme === 'rediss') return 'redis';
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgres';
  if (scheme === 'memory') return 'memory';
  throw new Error(`unsupported store URL scheme: ${scheme}`);
}

function sqlitePath(url: string): string {
  return url.replace(/^sqlite:\/\//i, '') || DEFAULT_SQLITE_PATH;
}
