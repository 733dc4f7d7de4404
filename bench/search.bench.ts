/**
 * Search benchmark: index build time, heap and query latency at 50,000 papers for the project's
 * search (over a mix of every kind of query) and for the bare libraries it was chosen from (over
 * plain keyword queries, the only kind they share). Run: npm run bench
 */
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { PaperIndex, paperKey } from '../src/search/paper-index.js';
import { parseQuery } from '../src/search/query.js';
import { searchPapers } from '../src/search/search-papers.js';
import { similarPapers } from '../src/search/similar-papers.js';
import type { Paper } from '../src/papers/paper.js';
import { keywordQueries, mixedQueries, padTo, percentile, QUERY_KINDS, realPapers } from './bench-data.js';

const TARGET = Number(process.env.BENCH_PAPERS ?? 50_000);
const QUERIES = 1_000;
const PER_KIND = 500;

interface Engine {
  name: string;
  build(papers: Paper[]): unknown;
  query(index: unknown, text: string): number;
  /** Runs the whole query mix rather than plain keywords. */
  mixed?: boolean;
}

const docOf = (p: Paper) => ({ id: p.id!, title: p.title, abstract: p.abstract, keywords: p.aiKeywords.join(' ; '), authors: p.authors.join(' ; '), organization: p.organization ?? '' });
const FIELDS = ['title', 'keywords', 'abstract', 'authors', 'organization'];

const engines: Engine[] = [
  {
    name: 'papers-bot search (own inverted index + query language, reasons, upvote blend)',
    mixed: true,
    build(papers) {
      const index = new PaperIndex();
      index.upsert(papers);
      return index;
    },
    query(index, text) {
      return searchPapers(index as PaperIndex, parseQuery(text), { limit: 10 }).hits.length;
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

/** Heap in use plus typed-array memory (which V8 keeps off its heap). */
function memoryMb(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1e6;
}

function timed(engine: Engine, index: unknown, queries: { kind: string; text: string }[]) {
  for (const { text } of queries.slice(0, 100)) engine.query(index, text); // warm up
  const times = new Map<string, number[]>();
  let hits = 0;
  for (const { kind, text } of queries) {
    const t = performance.now();
    hits += engine.query(index, text) > 0 ? 1 : 0;
    const ms = performance.now() - t;
    for (const key of [kind, 'all']) times.set(key, [...(times.get(key) ?? []), ms]);
  }
  for (const list of times.values()) list.sort((a, b) => a - b);
  return { times, hits };
}

/** `/papers similar` on 200 papers spread over the index (a fixed stride), 5 neighbours each. */
function timedSimilar(index: PaperIndex): number[] {
  const keys = [...index.all()].map(paperKey);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    similarPapers(index, keys[(i * 7919) % keys.length]!, 5);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const cell = (times: number[]) => `${percentile(times, 50).toFixed(2)} / ${percentile(times, 99).toFixed(2)} ms`;

async function main() {
  if (!globalThis.gc) console.warn('run with --expose-gc for heap figures (npm run bench does)');
  const { papers: real, source } = await realPapers();
  const papers = padTo(real, TARGET);
  const keywords = keywordQueries(real, QUERIES).map((text) => ({ kind: 'word', text }));
  const mixed = mixedQueries(real, PER_KIND);
  console.log(`${real.length} real papers from ${source}, padded to ${papers.length}`);
  console.log(`own search: ${mixed.length} queries, ${PER_KIND} of each kind (${QUERY_KINDS.join(', ')}), e.g.`);
  for (const kind of QUERY_KINDS) console.log(`  ${kind}: ${mixed.filter((q) => q.kind === kind).slice(0, 3).map((q) => q.text).join('  |  ')}`);
  console.log(`libraries: ${keywords.length} queries from real ai_keywords\n`);
  const rows: string[] = [];
  const kindRows: string[] = [];
  const only = process.env.BENCH_ENGINES ? Number(process.env.BENCH_ENGINES) : engines.length;
  for (const engine of engines.slice(0, only)) {
    const before = memoryMb();
    const started = performance.now();
    let index: unknown = engine.build(papers);
    const buildMs = performance.now() - started;
    const heap = memoryMb() - before;
    const { times, hits } = timed(engine, index, engine.mixed ? mixed : keywords);
    const all = times.get('all')!;
    rows.push(
      `| ${engine.name} | ${(buildMs / 1000).toFixed(1)} s | ${heap.toFixed(0)} MB | ${percentile(all, 50).toFixed(2)} ms | ${percentile(all, 99).toFixed(2)} ms | ${hits} of ${all.length} |`,
    );
    console.log(rows.at(-1));
    if (engine.mixed) {
      kindRows.push(`| ${[...QUERY_KINDS, 'all'].map((kind) => cell(times.get(kind)!)).join(' | ')} |`);
      console.log(kindRows.at(-1));
      console.log(`similar (200 papers, 5 neighbours each): ${cell(timedSimilar(index as PaperIndex))}`);
    }
    index = undefined;
  }
  console.log(`\n| engine | build | heap | p50 | p99 | queries with hits |\n|---|---|---|---|---|---|\n${rows.join('\n')}`);
  console.log(`\nown search, p50 / p99 per kind:\n| ${[...QUERY_KINDS, 'all'].join(' | ')} |\n|${'---|'.repeat(QUERY_KINDS.length + 1)}\n${kindRows.join('\n')}`);
}

await main();
