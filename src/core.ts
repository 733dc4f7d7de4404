import type { Logger } from './log.js';
import { PaperArchive } from './papers/archive.js';
import { startArchiveUpkeep } from './papers/archive-upkeep.js';
import { createHfClient } from './papers/hf-client.js';
import { DEFAULT_SQLITE_PATH, defaultIndexFile, openStore, type Store } from './store.js';
import { storeSetting } from './storage/store-start.js';

/** What the core reads of the configuration (config/config.ts holds the rest). */
export interface CoreConfig {
  storeUrl: string | undefined;
  /** Prefix of every key this deployment writes, so several can share one Redis or database. */
  storePrefix: string;
  commandName: string;
  huggingFace: { baseUrl: string; token: string | undefined; timeoutMs: number; retries: number };
  archive: { refreshRecentDays: number; refreshAfterMs: number; indexFile: string | undefined };
}

export interface Core {
  config: CoreConfig;
  logger: Logger;
  store: Store;
  archive: PaperArchive;
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Read papers from the Hugging Face API (off for offline runs on imported files). */
  online?: boolean;
  now?: () => Date;
  /** Told of every day read from Hugging Face, for metrics. */
  onFetch?: (outcome: 'ok' | 'failed') => void;
}

/** What a stored index records of the store it was written for (no password). */
export function storeName(url: string | undefined, prefix: string): string {
  return `${storeSetting(url, DEFAULT_SQLITE_PATH)} ${prefix}`;
}

/** INDEX_FILE: `off` for none, else a path; unset, the store's default place. */
function indexFileOf(config: CoreConfig): string | undefined {
  const setting = config.archive.indexFile;
  if (setting?.toLowerCase() === 'off') return undefined;
  return setting || defaultIndexFile(config.storeUrl, config.storePrefix);
}

/**
 * The store, the archive with its index, and the Hugging Face source, wired from config. A store
 * that does not answer at start-up is a StoreStartError (its message names STORE_URL and what to check).
 */
export async function createCore(config: CoreConfig, logger: Logger, options: CoreOptions = {}): Promise<Core> {
  // Keyv cuts namespaced keys at their first colon, so the prefix must not hold one.
  const store = await openStore(config.storeUrl, logger, { prefix: `${config.storePrefix}.` });
  const source = options.online === false ? undefined : createHfClient({ ...config.huggingFace, logger });
  const archive = new PaperArchive(store.namespace('papers'), {
    source: source && {
      fetchDay: async (date, signal) => {
        try {
          const fetched = await source.fetchDaily({ date }, signal);
          options.onFetch?.('ok');
          return fetched;
        } catch (error) {
          options.onFetch?.('failed');
          throw error;
        }
      },
      fetchPaper: (id, signal) => source.fetchPaper(id, signal),
    },
    refreshRecentDays: config.archive.refreshRecentDays,
    refreshAfterMs: config.archive.refreshAfterMs,
    logger,
    now: options.now,
    revisions: store.namespace('papers-revisions'),
    lonePapers: store.namespace('papers-fetched-alone'),
    indexFile: indexFileOf(config),
    storeName: storeName(config.storeUrl, config.storePrefix),
  });
  if (await archive.load()) void archive.saveIndex();
  const upkeep = startArchiveUpkeep(archive, store.kind === 'redis' || store.kind === 'postgres', logger);
  return {
    config,
    logger,
    store,
    archive,
    close: async () => {
      upkeep.stop();
      await archive.close();
      await store.close();
    },
  };
}
