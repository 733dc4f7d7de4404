/**
 * Known-item search: can someone who remembers a paper find it? Papers are sampled with a fixed
 * seed from the real monthly archives; each gives (a) a query of 2–3 of its own AI keywords and
 * (b) one of 3–4 of its rarest title words. Recall@1, recall@10 and MRR@10 of the paper itself, for
 * the project's search and for bare MiniSearch and FlexSearch over the same papers and fields.
 * Run: npm run bench:known-item   (KNOWN_ITEM_PAPERS=… KNOWN_ITEM_SEED=… to vary the sample)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { loadPaperFiles } from '../src/papers/files.js';
import type { Paper } from '../src/papers/paper.js';
import { FIELD_BOOST, fieldText, PaperIndex, SEARCH_FIELDS } from '../src/search/paper-index.js';
import { parseQuery } from '../src/search/query.js';
import { searchPapers } from '../src/search/search-papers.js';
import { seeded } from './bench-data.js';

const SAMPLE = Number(process.env.KNOWN_ITEM_PAPERS ?? 400);
const SEED = Number(process.env.KNOWN_ITEM_SEED ?? 14);
const TOP = 10;

const ROOT = join(import.meta.dirname, '..');
const MONTHLY = join(ROOT, '..', 'shared', 'fixtures', 'hf', 'monthly_final');
const LOCAL = join(ROOT, 'test', 'fixtures', 'hf');

// Function words of English titles; the project's own stop list is shorter, and a title word a
// user remembers is never one of these.
const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having here how if in into is it its
  itself just more most no nor not of off on once only or other our out over own same should so some such than that the
  their them then there these they this those through to too under until up very via was we were what when where which
  while who whom why will with without would you your`.split(/\s+/),
);
const WORD = /[^\p{L}\p{N}]+/u;

/** The words of a text as the queries use them: lower case, split on anything not a letter or digit. */
const wordsOf = (text: string) => text.toLowerCase().split(WORD).filter(Boolean);

/** A title word worth remembering: not a stop word, at least 3 characters, not a bare number. */
const isTitleWord = (word: string) => word.length >= 3 && !STOP_WORDS.has(word) && !/^\p{N}+$/u.test(word);

interface KnownItem {
  type: QueryType;
  text: string;
  id: string;
}

const QUERY_TYPES = ['a: 2–3 AI keywords', 'b: 3–4 rarest title words'] as const;
type QueryType = (typeof QUERY_TYPES)[number];

interface Engine {
  name: string;
  /** The ids of the first TOP answers, best first. */
  search(text: string): string[];
}

/** Every distinct paper of the monthly archives (the last copy of an id wins, as the index keeps it). */
async function monthlyPapers(): Promise<{ papers: Paper[]; source: string }> {
  const source = existsSync(MONTHLY) ? MONTHLY : LOCAL;
  const { papers } = await loadPaperFiles([source]);
  const byId = new Map<string, Paper>();
  for (const paper of papers) if (paper.id) byId.set(paper.id, paper);
  return { papers: [...byId.values()], source };
}

function documentFrequencies(papers: Paper[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const paper of papers) {
    const seen = new Set(SEARCH_FIELDS.flatMap((field) => wordsOf(fieldText(paper, field))));
    for (const word of seen) df.set(word, (df.get(word) ?? 0) + 1);
  }
  return df;
}

/** A query as a person would type it: no operators (no leading `-`, quotes, `*`, `OR`, `field:`). */
const plain = (text: string) => wordsOf(text).join(' ');

function knownItems(papers: Paper[], random: () => number): { items: KnownItem[]; eligible: number } {
  const df = documentFrequencies(papers);
  const titleWords = (paper: Paper) =>
    [...new Set(wordsOf(paper.title).filter(isTitleWord))].sort((x, y) => df.get(x)! - df.get(y)! || (x < y ? -1 : 1));
  const eligible = papers.filter((paper) => new Set(paper.aiKeywords).size >= 2 && titleWords(paper).length >= 3);
  // Fisher–Yates over the eligible papers, stopped after SAMPLE draws.
  const pool = [...eligible];
  const sample: Paper[] = [];
  for (let i = 0; i < Math.min(SAMPLE, pool.length); i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    sample.push(pool[i]!);
  }
  const items: KnownItem[] = [];
  for (const paper of sample) {
    const keywords = [...new Set(paper.aiKeywords)];
    const picked: string[] = [];
    const keywordCount = Math.min(keywords.length, 2 + Math.floor(random() * 2));
    while (picked.length < keywordCount) picked.push(keywords.splice(Math.floor(random() * keywords.length), 1)[0]!);
    items.push({ type: QUERY_TYPES[0], text: plain(picked.join(' ')), id: paper.id! });
    const rare = titleWords(paper);
    items.push({ type: QUERY_TYPES[1], text: rare.slice(0, Math.min(rare.length, 3 + Math.floor(random() * 2))).join(' '), id: paper.id! });
  }
  return { items, eligible: eligible.length };
}

const FIELDS = [...SEARCH_FIELDS];
const docOf = (paper: Paper) => ({ id: paper.id!, ...Object.fromEntries(FIELDS.map((field) => [field, fieldText(paper, field)])) });

function projectEngine(papers: Paper[]): Engine {
  const index = new PaperIndex();
  index.upsert(papers);
  return {
    name: 'papers-bot searchPapers',
    search: (text) => searchPapers(index, parseQuery(text), { limit: TOP }).hits.map((hit) => hit.id!),
  };
}

/** MiniSearch 7 as documented: the project's fields and boosts, every word required (AND). */
function miniSearchEngine(papers: Paper[]): Engine {
  const mini = new MiniSearch({ fields: FIELDS, searchOptions: { combineWith: 'AND', boost: { ...FIELD_BOOST } } });
  mini.addAll(papers.map(docOf));
  return {
    name: 'MiniSearch 7 (AND, boosts)',
    search: (text) => mini.search(text).slice(0, TOP).map((hit) => String(hit.id)),
  };
}

/**
 * FlexSearch 0.8 Document over the same fields, default encoder and tokenizer (whole words). Its
 * boolean search works within one field, so AND over the paper is done here: each word is searched
 * on its own in every field (no limit), the papers holding every word are kept, and they are ranked
 * by the sum over words of the best field boost ÷ (1 + the paper's place in that field's list for
 * that word), FlexSearch's own order being its only relevance signal (it gives no scores).
 */
function flexSearchEngine(papers: Paper[]): Engine {
  const flex = new FlexSearch.Document({ document: { id: 'id', index: FIELDS } });
  for (const paper of papers) flex.add(docOf(paper));
  return {
    name: 'FlexSearch 0.8 Document (AND by intersection)',
    search(text) {
      const words = [...new Set(wordsOf(text))];
      let scores: Map<string, number> | undefined;
      for (const word of words) {
        const perField = flex.search(word, { limit: papers.length }) as unknown as { field: string; result: (string | number)[] }[];
        const best = new Map<string, number>();
        for (const { field, result } of perField) {
          const boost = FIELD_BOOST[field as keyof typeof FIELD_BOOST] ?? 1;
          result.forEach((id, place) => best.set(String(id), Math.max(best.get(String(id)) ?? 0, boost / (1 + place))));
        }
        const next = new Map<string, number>();
        for (const [id, score] of best) if (!scores || scores.has(id)) next.set(id, (scores?.get(id) ?? 0) + score);
        scores = next;
      }
      return [...(scores ?? new Map<string, number>())].sort((x, y) => y[1] - x[1]).slice(0, TOP).map(([id]) => id);
    },
  };
}

interface Figures {
  queries: number;
  at1: number;
  at10: number;
  mrr: number;
}

function evaluate(engine: Engine, items: KnownItem[], type: QueryType): Figures {
  const mine = items.filter((item) => item.type === type);
  let at1 = 0;
  let at10 = 0;
  let mrr = 0;
  for (const item of mine) {
    const rank = engine.search(item.text).indexOf(item.id) + 1;
    if (rank === 1) at1++;
    if (rank >= 1) {
      at10++;
      mrr += 1 / rank;
    }
  }
  return { queries: mine.length, at1: at1 / mine.length, at10: at10 / mine.length, mrr: mrr / mine.length };
}

async function main() {
  const { papers, source } = await monthlyPapers();
  const { items, eligible } = knownItems(papers, seeded(SEED));
  console.log(`${papers.length} distinct papers from ${source}; ${eligible} with ≥2 AI keywords and ≥3 title words; sample of ${items.length / 2} (seed ${SEED})`);
  for (const type of QUERY_TYPES) {
    console.log(`  ${type}, e.g. ${items.filter((item) => item.type === type).slice(0, 3).map((item) => `"${item.text}"`).join(', ')}`);
  }
  const engines: Engine[] = [];
  for (const make of [projectEngine, miniSearchEngine, flexSearchEngine]) {
    const started = performance.now();
    engines.push(make(papers));
    console.log(`built ${engines.at(-1)!.name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const rows = ['| query type | queries | engine | recall@1 | recall@10 | MRR@10 |', '|---|---|---|---|---|---|'];
  for (const type of QUERY_TYPES) {
    for (const engine of engines) {
      const f = evaluate(engine, items, type);
      rows.push(`| ${type} | ${f.queries} | ${engine.name} | ${pct(f.at1)} | ${pct(f.at10)} | ${f.mrr.toFixed(3)} |`);
    }
  }
  console.log(`\n${rows.join('\n')}`);
}

await main();
