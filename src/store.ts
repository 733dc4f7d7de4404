import { once } from 'node:events';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import { createRequire } from 'node:module';
import KeyvSqlite from '@keyv/sqlite';
import type KeyvRedis from '@keyv/redis';
import type KeyvPostgres from '@keyv/postgres';
import type { Logger } from './log.js';
import { atomicUpdate, ChangeFailed } from './storage/atomic-update.js';
import {
  memoryCompareAndSet,
  postgresCompareAndSet,
  redisCompareAndSet,
  sqliteCompareAndSet,
  type CompareAndSet,
} from './storage/compare-and-set.js';
import { createKeyedQueue } from './storage/keyed-queue.js';
import { moveOldRedisKeys } from './storage/redis-layout.js';
import { DeadlineError, storeSetting, storeStartMessage, StoreStartError } from './storage/store-start.js';

export { StoreStartError } from './storage/store-start.js';

// The Redis and Postgres adapters (and their clients) take longer to load than the rest of the bot:
// loaded only when the store is one of them, so the embedded default starts without them.
const load = createRequire(import.meta.url);
const redisAdapter = () => (load('@keyv/redis') as { default: typeof KeyvRedis }).default;
const postgresAdapter = () => (load('@keyv/postgres') as { default: typeof KeyvPostgres }).default;

export const DEFAULT_SQLITE_PATH = './data/papers-bot.sqlite';

/**
 * Where the stored search index is kept by default: beside the SQLite file; in ./data, named by the
 * deployment's prefix, for a shared store (each replica keeps its own copy of what the store holds);
 * nowhere for memory://.
 */
export function defaultIndexFile(url: string | undefined, prefix: string): string | undefined {
  const target = url ?? `sqlite://${DEFAULT_SQLITE_PATH}`;
  const kind = storeKind(target);
  if (kind === 'memory') return undefined;
  if (kind === 'sqlite') {
    const path = sqlitePath(target);
    return path === ':memory:' ? undefined : `${path}.index`;
  }
  return `./data/${prefix}.index`;
}

/** How long start-up waits for the store to answer before it gives up. */
export const STORE_START_WAIT_MS = 5_000;

/** The store is down or refused the operation; nothing was changed by the call that failed. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** What `update` writes: the new value, or `undefined` to leave the key as it is. */
export type Change<T> = (current: T | undefined) => T | undefined;

/** One namespace of the store: the only storage port the core uses. */
export interface KeyValue {
  /** The value at key, or undefined (also once its TTL has passed). */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores value at key, for `ttlMs` when given. */
  set<T>(key: string, value: T, options?: { ttlMs?: number }): Promise<void>;
  /** Removes key. */
  delete(key: string): Promise<void>;
  /**
   * Applies `change` to the value stored now and writes the result only if nobody wrote the key
   * in between; otherwise reads again and re-applies, so `change` may run more than once and must
   * depend on nothing but its argument. Resolves to the value stored afterwards.
   */
  update<T>(key: string, change: Change<T>, options?: { ttlMs?: number }): Promise<T | undefined>;
  /** Every key and value of the namespace. */
  entries<T>(): AsyncGenerator<[string, T]>;
  /** Deletes the entries whose TTL has passed; resolves to how many. */
  sweepExpired(): Promise<number>;
}

export interface Store {
  /** A namespace of its own: papers, channels and installations never see each other's keys. */
  namespace(name: string): KeyValue;
  /** Resolves when the store answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
  readonly kind: 'sqlite' | 'redis' | 'postgres' | 'memory';
}

export interface StoreOptions {
  /** Put before every namespace (no `:`), so that deployments sharing a server keep apart. */
  prefix?: string;
}

/**
 * The store as start-up opens it: checked to answer within `waitMs` (SQLite: its folder writable
 * too), and on Redis its keys brought to the current layout. Anything else is a StoreStartError
 * whose message names STORE_URL (password hidden) and says what to check.
 */
export async function openStore(url: string | undefined, logger: Logger, options: StoreOptions & { waitMs?: number } = {}): Promise<Store> {
  const waitMs = options.waitMs ?? STORE_START_WAIT_MS;
  let built: BuiltStore | undefined;
  const seen: unknown[] = [];
  try {
    built = buildStore(url, logger, options, (error) => seen.length < 20 && seen.push(error));
    await withinDeadline(built.check(), waitMs);
    if (built.store.kind === 'redis') await built.moveOldKeys();
    return built.store;
  } catch (error) {
    await withinDeadline(built?.closeNow() ?? Promise.resolve(), 1_000).catch(() => undefined);
    const kind = built?.store.kind ?? storeKind(url ?? 'sqlite:');
    // With the adapters' own errors, which say more than their wrappers' ("not connected…").
    const cause = new AggregateError([error, ...seen]);
    const message = storeStartMessage(url, kind, cause, { sqlitePath: sqlitePath(url ?? `sqlite://${DEFAULT_SQLITE_PATH}`), defaultSqlitePath: DEFAULT_SQLITE_PATH, waitMs });
    throw new StoreStartError(message);
  }
}

/** `STORE_URL` unset → embedded SQLite under ./data; else sqlite://, redis://, postgres:// or memory://. */
export function createStore(url: string | undefined, logger: Logger, options: StoreOptions = {}): Store {
  return buildStore(url, logger, options).store;
}

interface BuiltStore {
  store: Store;
  /** Resolves when the store answers a read (SQLite: once its folder is known to be writable). */
  check(): Promise<void>;
  /** Redis: moves keys of the old double-prefix layout to the current one. */
  moveOldKeys(): Promise<void>;
  /** Drops every connection without waiting for pending commands. */
  closeNow(): Promise<void>;
}

function buildStore(url: string | undefined, logger: Logger, options: StoreOptions, onError?: (error: unknown) => void): BuiltStore {
  const target = url ?? `sqlite://${DEFAULT_SQLITE_PATH}`;
  const kind = storeKind(target);
  const setting = storeSetting(url, DEFAULT_SQLITE_PATH);
  const instances: Keyv[] = [];
  const redisAdapters: KeyvRedis<string>[] = [];
  const memory = new Map<string, Map<string, unknown>>();
  // One queue for the whole store: writers of one key in this process take turns.
  const inTurn = createKeyedQueue();

  const adapterFor = (name: string): { adapter: KeyvStoreAdapter | Map<string, unknown>; cas: CompareAndSet; ready?: () => Promise<void>; keyPrefix?: false } => {
    switch (kind) {
      case 'sqlite': {
        const path = sqlitePath(target);
        if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
        const adapter = new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: 10_000 });
        return { adapter, cas: sqliteCompareAndSet(adapter) };
      }
      case 'redis': {
        const adapter: KeyvRedis<string> = new (redisAdapter())<string>(
          {
            url: target,
            // Fail fast while Redis is down instead of queueing commands until it is back.
            disableOfflineQueue: true,
            socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(200 * 2 ** retries, 5_000) },
          },
          { throwOnErrors: true, throwOnConnectError: true, connectionTimeout: 2_000 },
        );
        // One prefix per key, `namespace:key`: the adapter's (its namespace, which Keyv sets, and
        // this separator), with Keyv's own turned off (keyPrefix: false), as @keyv/redis's createKeyv does.
        adapter.keyPrefixSeparator = ':';
        redisAdapters.push(adapter);
        // Commands sent while the socket is still opening fail ("offline"): every call waits for it.
        let connecting: Promise<unknown> | undefined;
        const ready = async () => {
          // A single server's client (this store never builds a cluster client), which has isReady.
          const client = adapter.client as typeof adapter.client & { isReady: boolean };
          if (client.isReady) return;
          connecting ??= (client.isOpen ? once(client, 'ready', { signal: AbortSignal.timeout(2_000) }) : adapter.getClient()).finally(() => (connecting = undefined));
          await connecting;
        };
        return { adapter, cas: redisCompareAndSet(adapter), ready, keyPrefix: false };
      }
      case 'postgres': {
        const adapter = new (postgresAdapter())({ uri: target, connectionTimeoutMillis: 2_000, max: 4 });
        return { adapter, cas: postgresCompareAndSet(adapter) };
      }
      case 'memory': {
        const map = memory.get(name) ?? new Map<string, unknown>();
        memory.set(name, map);
        return { adapter: map, cas: memoryCompareAndSet(map) };
      }
    }
  };

  const open = (base: string): KeyValue => {
    const name = `${options.prefix ?? ''}${base}`;
    const { adapter, cas, ready, keyPrefix } = adapterFor(name);
    const keyv = new Keyv({ store: adapter, namespace: name, throwOnErrors: true, useKeyPrefix: keyPrefix ?? true });
    keyv.on('error', (error: unknown) => {
      onError?.(error);
      logger.error({ store: kind, namespace: name, error: String(error) }, 'store error');
    });
    instances.push(keyv);
    return wrap(keyv, cas, inTurn, { ready, setting });
  };

  let health: KeyValue | undefined;
  const ping = async () => {
    // A read: checking health must not write to the store.
    health ??= open('health');
    await health.get('ping');
  };
  const store: Store = {
    kind,
    namespace: open,
    ping,
    async close() {
      await Promise.allSettled(instances.map((keyv) => keyv.disconnect()));
    },
  };
  return {
    store,
    async check() {
      if (kind === 'sqlite') {
        const path = sqlitePath(target);
        if (path !== ':memory:') {
          const folder = dirname(resolve(path));
          mkdirSync(folder, { recursive: true });
          accessSync(folder, constants.W_OK | constants.X_OK);
        }
      }
      await ping();
    },
    async moveOldKeys() {
      const adapter = redisAdapters[0];
      if (adapter) await moveOldRedisKeys(await adapter.getClient(), options.prefix ?? '', logger);
    },
    async closeNow() {
      await Promise.allSettled(redisAdapters.map((adapter) => adapter.disconnect(true)));
      await store.close();
    },
  };
}

async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function guardOperation<T>(operation: () => Promise<T>, setting: string, ready?: () => Promise<void>): Promise<T> {
  try {
    await ready?.();
    return await operation();
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error;
    if (error instanceof ChangeFailed) throw error.original;
    throw new StoreUnavailableError(`the store at ${setting} did not answer: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function wrap(keyv: Keyv, cas: CompareAndSet, inTurn: ReturnType<typeof createKeyedQueue>, context: { ready?: () => Promise<void>; setting: string }): KeyValue {
  // The key as Keyv hands it to the adapter (`namespace:key`, or `key` where the adapter prefixes
  // it itself), so that values written here are Keyv's to read.
  const rawKey = (key: string) => keyv._getKeyPrefix(key);
  // Writers of one key of one namespace take turns, whichever prefix scheme the store uses.
  const turnKey = (key: string) => `${keyv.namespace ?? ''}\u0000${key}`;
  const guard = <T>(operation: () => Promise<T>) => guardOperation(operation, context.setting, context.ready);
  return {
    get: <T>(key: string) => guard(() => keyv.get<T>(key)),
    set: async (key, value, options) => {
      await guard(() => keyv.set(key, value, options?.ttlMs));
    },
    delete: async (key) => {
      await guard(() => keyv.delete(key));
    },
    update: <T>(key: string, change: Change<T>, options?: { ttlMs?: number }) =>
      inTurn(turnKey(key), () => guard(() => atomicUpdate(keyv, cas, rawKey(key), change, options?.ttlMs))),
    async *entries<T>() {
      if (!keyv.iterator) throw new StoreUnavailableError(`the store at ${context.setting} cannot list its keys`);
      const iterator = keyv.iterator(keyv.namespace) as AsyncGenerator<[string, T]>;
      while (true) {
        const next = await guard(() => iterator.next());
        if (next.done) return;
        yield next.value;
      }
    },
    sweepExpired: () => guard(() => cas.sweep(rawKey(''), Date.now())),
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

export function sqlitePath(url: string): string {
  return url.replace(/^sqlite:\/\//i, '') || DEFAULT_SQLITE_PATH;
}
