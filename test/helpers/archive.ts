import { PaperArchive } from '../../src/papers/archive.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import type { PaperSource } from '../../src/papers/archive.js';
import { silentLogger } from '../../src/log.js';
import { createStore } from '../../src/store.js';
import { fixturePath } from './fixtures.js';

/** An archive in memory holding the copied fixture days (and the 2023-08 month). */
export async function fixtureArchive(options: { source?: PaperSource; now?: () => Date; files?: string[] } = {}) {
  const store = createStore('memory://', silentLogger);
  const archive = new PaperArchive(store.namespace('papers'), {
    source: options.source,
    refreshRecentDays: 3,
    refreshAfterMs: 60 * 60_000,
    logger: silentLogger,
    now: options.now,
  });
  const files = options.files ?? [fixturePath('hf/daily'), fixturePath('hf/raw_daily'), fixturePath('hf/monthly_final')];
  const loaded = await loadPaperFiles(files);
  await archive.importPapers(loaded.papers);
  return { archive, store };
}
