/**
 * Search at its edges, at 50,000 papers: deep pages of a query matching most papers, and the
 * memory a stream of different short prefixes leaves in the prefix cache (heap plus typed-array
 * memory, after forced GCs). Run: npm run bench:search-edges
 */
import { PaperIndex } from '../src/search/paper-index.js';
import { parseQuery } from '../src/search/query.js';
import { searchPapers } from '../src/search/search-papers.js';
import { padTo, realPapers } from './bench-data.js';

const TARGET = Number(process.env.BENCH_PAPERS ?? 50_000);

function memoryMb(): number {
  globalThis.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1e6;
}

const { papers, source } = await realPapers();
const index = new PaperIndex();
index.upsert(padTo(papers, TARGET));
console.log(`${index.size} papers (real ones from ${source}, padded)\n`);

console.log('| query | page 1 | page 1000 | page 5000 | page 9999 | matches |\n|---|---|---|---|---|---|');
for (const text of ['model', 'data OR model OR learning']) {
  const query = parseQuery(text);
  const cells: string[] = [];
  let total = 0;
  for (const page of [1, 1000, 5000, 9999]) {
    const started = performance.now();
    total = searchPapers(index, query, { offset: (page - 1) * 5, limit: 5 }).total;
    cells.push(`${(performance.now() - started).toFixed(1)} ms`);
  }
  console.log(`| \`${text}\` | ${cells.join(' | ')} | ${total} |`);
}

if (!globalThis.gc) console.warn('\nrun with --expose-gc for memory figures (npm run bench:search-edges does)');
const letters = 'abcdefghijklmnopqrstuvwxyz'.split('');
const prefixes = [...letters, ...letters.flatMap((a) => letters.map((b) => a + b))];
const before = memoryMb();
console.log('\n| `X* model` queries run | memory added | slowest |\n|---|---|---|');
let slowest = 0;
prefixes.forEach((prefix, i) => {
  const started = performance.now();
  searchPapers(index, parseQuery(`${prefix}* model`), { limit: 5 });
  slowest = Math.max(slowest, performance.now() - started);
  if (i + 1 === 26 || (i + 1) % 200 === 0) console.log(`| ${i + 1} | ${(memoryMb() - before).toFixed(0)} MB | ${slowest.toFixed(0)} ms |`);
});
