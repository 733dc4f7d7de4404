/**
 * Cold start to ready with an archive of every real paper in ../shared/fixtures/hf (and padded to
 * 50,000) on the embedded SQLite default; RSS after start and after 1,000 searches.
 * Run: npm run bench:startup (builds first)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/log.js';
import { PaperArchive } from '../src/papers/archive.js';
import { createStore } from '../src/store.js';
import { keywordQueries, padTo, percentile, realPapers } from './bench-data.js';

const ROOT = join(import.meta.dirname, '..');
const { papers: real, source } = await realPapers();
const queries = keywordQueries(real, 1_000);

async function seed(count: number): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'papers-bot-startup-')), 'papers-bot.sqlite');
  const store = createStore(`sqlite://${file}`, silentLogger, { prefix: 'papers-bot.' });
  const archive = new PaperArchive(store.namespace('papers'), { refreshRecentDays: 0, refreshAfterMs: 1, logger: silentLogger });
  await archive.importPapers(count <= real.length ? real : padTo(real, count));
  await store.close();
  return file;
}

const rows: string[] = [];
for (const count of [real.length, 50_000]) {
  const file = await seed(count);
  const runs = Array.from({ length: 3 }, () =>
    JSON.parse(
      execFileSync(process.execPath, [join(ROOT, 'bench', 'startup-child.mjs')], {
        env: { ...process.env, STORE_URL: `sqlite://${file}`, BENCH_QUERIES: JSON.stringify(queries) },
        encoding: 'utf8',
      }),
    ) as { papers: number; readyMs: number; rssReady: number; rssSearched: number },
  );
  const ready = runs.map((r) => r.readyMs).sort((a, b) => a - b);
  const last = runs.at(-1)!;
  rows.push(`| ${last.papers} | ${(percentile(ready, 50) / 1000).toFixed(2)} s | ${(last.rssReady / 1e6).toFixed(0)} MB | ${(last.rssSearched / 1e6).toFixed(0)} MB |`);
  console.log(rows.at(-1));
}
console.log(`\nreal papers from ${source}; median of 3 cold starts\n\n| papers | ready | RSS after start | RSS after 1,000 searches |\n|---|---|---|---|\n${rows.join('\n')}`);
