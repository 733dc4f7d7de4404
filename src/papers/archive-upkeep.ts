import type { Logger } from '../log.js';
import type { PaperArchive } from './archive.js';

/** How often a replica on a shared store looks for days another replica stored (one read when none). */
export const SYNC_EVERY_MS = 5_000;
/** How often the stored index is written again when days changed since (a start then reads only the rest). */
export const SAVE_EVERY_MS = 10 * 60_000;

/**
 * The archive's background work: on a shared store, taking in the days other replicas fetched;
 * everywhere, writing the stored index again now and then. Neither ever throws at its caller.
 */
export function startArchiveUpkeep(archive: PaperArchive, shared: boolean, logger: Logger): { stop(): void } {
  let syncing = false;
  const sync = shared
    ? setInterval(() => {
        if (syncing) return;
        syncing = true;
        archive
          .syncFromStore()
          .catch((error: unknown) => logger.warn({ error: String(error) }, 'could not read the days other replicas stored'))
          .finally(() => {
            syncing = false;
          });
      }, SYNC_EVERY_MS)
    : undefined;
  const save = setInterval(() => void archive.saveIndex(), SAVE_EVERY_MS);
  sync?.unref();
  save.unref();
  return {
    stop() {
      clearInterval(sync);
      clearInterval(save);
    },
  };
}
