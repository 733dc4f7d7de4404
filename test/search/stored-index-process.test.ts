import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { storeName } from '../../src/core.js';
import { silentLogger } from '../../src/log.js';
import { PaperArchive } from '../../src/papers/archive.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import { parseQuery } from '../../src/search/query.js';
import { searchPapers } from '../../src/search/search-papers.js';
import { createStore } from '../../src/store.js';
import { fixturePath } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-process.js';

// Word forms are numbered per process in the order they are first indexed; a stored index written
// by another process numbers them its own way, and must answer the same here.
it('an index stored by another process answers phrases and prefixes as one built here', async () => {
  const files = [fixturePath('hf/daily'), fixturePath('hf/raw_daily'), fixturePath('hf/monthly_final')];
  const dir = mkdtempSync(join(tmpdir(), 'stored-index-process-'));
  const url = `sqlite://${join(dir, 'bot.sqlite')}`;
  const cli = await runCli(['search', '--data', ...files, '--limit', '1', 'video'], { env: { STORE_URL: url } });
  expect(cli.code, cli.stderr).toBe(0);

  const { papers } = await loadPaperFiles(files);
  const here = new PaperIndex();
  here.upsert([...papers].reverse());

  // As the bot opens it: every key under the deployment's prefix.
  const store = createStore(url, silentLogger, { prefix: 'papers-bot.' });
  const archive = new PaperArchive(store.namespace('papers'), { refreshRecentDays: 3, refreshAfterMs: 3_600_000, logger: silentLogger, revisions: store.namespace('papers-revisions'), indexFile: join(dir, 'bot.sqlite.index'), storeName: storeName(url, 'papers-bot') });
  expect(await archive.load()).toBe(false);

  const queries = ['"world models"', '"Language Models"', 'generat*', 'transformer*', '"video generation" -diffusion', 'reasoning', 'author:"Li"'];
  for (const q of queries) {
    const stored = searchPapers(archive.index, parseQuery(q), { limit: 10_000 });
    const built = searchPapers(here, parseQuery(q), { limit: 10_000 });
    expect(stored.total, q).toBeGreaterThan(0);
    expect(stored.total, q).toBe(built.total);
    expect(new Set(stored.hits.map((h) => h.id)), q).toEqual(new Set(built.hits.map((h) => h.id)));
  }
  await store.close();
});
