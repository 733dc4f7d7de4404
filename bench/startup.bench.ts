/**
 * Start to ready with an archive of every real paper in ../shared/fixtures/hf (and padded to 50,000)
 * on the embedded SQLite default, two ways side by side: a cold start that reads every stored day
 * and builds the index (INDEX_FILE=off, what every start did before the stored index), and a start
 * from the stored index. RSS after start and after 1,000 searches; median of 3 starts each.
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
const RUNS = 3;

async function seed(count: number): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'papers-bot-startup-')), 'papers-bot.sqlite');
  const store = createStore(`sqlite://${file}`, silentLogger, { prefix: 'papers-bot.' });
  const archive = new PaperArchive(store.namespace('papers'), { refreshRecentDays: 0, refreshAfterMs: 1, logger: silentLogger, revisions: store.namespace('papers-revisions') });
  await archive.importPapers(count <= real.length ? real : padTo(real, count));
  await store.close();
  return file;
}

interface Start {
  papers: number;
  readyMs: number;
  rssReady: number;
  rssSearched: number;
}

function start(file: string, indexFile: string): Start {
  const output = execFileSync(process.execPath, [join(ROOT, 'bench', 'startup-child.mjs')], {
    env: { ...process.env, STORE_URL: `sqlite://${file}`, INDEX_FILE: indexFile, BENCH_QUERIES: JSON.stringify(queries) },
    encoding: 'utf8',
  });
  return JSON.parse(output) as Start;
}

const rows: string[] = [];
for (const count of [real.length, 50_000]) {
  const file = await seed(count);
  const indexFile = `${file}.index`;
  start(file, indexFile); // writes the stored index (not timed)
  // Alternately, so that the machine's load falls on both alike.
  const runs = { cold: [] as Start[], stored: [] as Start[] };
  for (let i = 0; i < RUNS; i++) {
    runs.cold.push(start(file, 'off'));
    runs.stored.push(start(file, indexFile));
  }
  for (const [name, list] of Object.entries(runs)) {
    const median = <K extends keyof Start>(key: K) => percentile(list.map((r) => r[key]).sort((a, b) => a - b), 50);
    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
    rows.push(`| ${list[0]!.papers} | ${name === 'cold' ? 'cold: every day read, index built' : 'from the stored index'} | ${(median('readyMs') / 1000).toFixed(2)} s | ${mb(median('rssReady'))} | ${mb(median('rssSearched'))} |`);
    console.log(rows.at(-1));
  }
}
console.log(`\nreal papers from ${source}; median of ${RUNS} starts each, cold and stored alternating\n\n| papers | start | ready | RSS after start | RSS after 1,000 searches |\n|---|---|---|---|---|\n${rows.join('\n')}`);
