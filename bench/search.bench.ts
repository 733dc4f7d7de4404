/**
 * Search benchmark: index build time, heap and query latency at 50,000 papers for the project's
 * search and for the bare libraries it was chosen from. Run: npm run bench
 */
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { PaperIndex } from '../src/search/paper-index.js';
import { parseQuery } from '../src/search/query.js';
import { searchPapers } from '../src/search/search-papers.js';
import type { Paper } from '../src/papers/paper.js';
import { keywordQueries, padTo, percentile, realPapers } from './bench-data.js';

const TARGET = Number(process.env.BENCH_PAPERS ?? 50_000);
const QUERIES = 1_000;

interface Engine {
  name: string;
  build(papers: Paper[]): unknown;
  query(index: unknown, text: string): number;
}

const docOf = (p: Paper) => ({ id: p.id!, title: p.title, abstract: p.abstract, keywords: p.aiKeywords.join(' ; '), authors: p.authors.join(' ; '), organization: p.organization ?? '' });
const FIELDS = ['title', 'keywords', 'abstract', 'authors', 'organization'];

const engines: Engine[] = [
  {
    name: 'papers-bot search (own inverted index + query language, reasons, upvote blend)',
    build(papers) {
      const index = new PaperIndex();
      index.upsert(papers);
      return index;
    },
    query(index, text) {
      return searchPapers(index as PaperIndex, parseQuery(`"${text.replaceAll('"', '')}"`.length > 2 ? text : text), { limit: 10 }).hits.length;
    },
  },
  {
    name: 'bare MiniSearch 7 (AND, field boosts)',
    build(papers) {
      const mini = new MiniSearch({ fields: FIELDS, searchOptions: { combineWith: 'AND', boost: { title: 4, keywords: 2 } } });
      mini.addAll(papers.map(docOf));
      return mini;
    },
    query(index, text) {
      return (index as MiniSearch).search(text).slice(0, 10).length;
    },
  },
  {
    name: 'bare FlexSearch 0.8 Document (default tokenizer)',
    build(papers) {
      const flex = new FlexSearch.Document({ document: { id: 'id', index: FIELDS } });
      for (const paper of papers) flex.add(docOf(paper));
      return flex;
    },
    query(index, text) {
      return ((index as InstanceType<typeof FlexSearch.Document>).search(text, { limit: 10 }) as unknown[]).length;
    },
  },
];

function heapMb(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

async function main() {
  if (!globalThis.gc) console.warn('run with --expose-gc for heap figures (npm run bench does)');
  const { papers: real, source } = await realPapers();
  const papers = padTo(real, TARGET);
  const queries = keywordQueries(real, QUERIES);
  console.log(`${real.length} real papers from ${source}, padded to ${papers.length}; ${queries.length} queries from real ai_keywords\n`);
  const rows: string[] = [];
  const only = process.env.BENCH_ENGINES ? Number(process.env.BENCH_ENGINES) : engines.length;
  for (const engine of engines.slice(0, only)) {
    const before = heapMb();
    const started = performance.now();
    let index: unknown = engine.build(papers);
    const buildMs = performance.now() - started;
    const heap = heapMb() - before;
    for (const q of queries.slice(0, 50)) engine.query(index, q); // warm up
    const times: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const t = performance.now();
      hits += engine.query(index, q) > 0 ? 1 : 0;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    rows.push(
      `| ${engine.name} | ${(buildMs / 1000).toFixed(1)} s | ${heap.toFixed(0)} MB | ${percentile(times, 50).toFixed(2)} ms | ${percentile(times, 99).toFixed(2)} ms | ${hits} |`,
    );
    console.log(rows.at(-1));
    index = undefined;
  }
  console.log(`\n| engine | build | heap | p50 | p99 | queries with hits |\n|---|---|---|---|---|---|\n${rows.join('\n')}`);
}

await main();
