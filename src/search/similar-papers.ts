import type { Paper } from '../papers/paper.js';
import { fieldValues, SEARCH_FIELDS, type PaperIndex, type SearchField } from './paper-index.js';
import type { MatchReason, SearchHit } from './search-papers.js';
import { analyzeWord, words } from './text.js';

/** What a paper is about: its own words, not who wrote it. */
const ABOUT: SearchField[] = ['title', 'keywords', 'abstract'];
const ABOUT_FIELDS = ABOUT.map((field) => SEARCH_FIELDS.indexOf(field));
/** The most distinctive terms of the paper that the query looks for. */
const MAX_TERMS = 20;
/**
 * A word the paper writes once ("Exploring…", "Technical Report") is rarely its subject; its
 * subject comes back across title, keywords and abstract. Single words count only when fewer than
 * this many words come back.
 */
const MIN_REPEATED = 5;
/** A paper sharing a single word is a coincidence, not a neighbour. */
const MIN_SHARED = 2;
/** Shared words named per field in a reason, most distinctive first. */
const MAX_REASON_TERMS = 5;

export interface SimilarResult {
  source: Paper;
  hits: SearchHit[];
}

export interface Distinctive {
  term: string;
  /** The word as the paper writes it, for the reasons: `diffusion`, not the stem `diffus`. */
  shown: string;
  /** tf·idf in the paper. */
  weight: number;
}

/**
 * The papers closest to the one indexed under `key`, by a more-like-this query: its most
 * distinctive title, keyword and abstract terms (tf·idf with the index's own document
 * frequencies), searched with OR and ranked by BM25, each term counting by the square root of its
 * weight; each hit says which of those words it shares. Undefined when no paper has that key.
 */
export function similarPapers(index: PaperIndex, key: string, limit = 5): SimilarResult | undefined {
  const source = index.get(key);
  const self = index.docOf(key);
  if (!source || self === undefined) return undefined;
  const distinctive = distinctiveTerms(index, source);
  const rank = new Map(distinctive.map((d, i) => [d.term, i]));
  const query = { terms: distinctive.map((d) => d.term), fields: ABOUT_FIELDS };
  const title = source.title.toLowerCase();
  const hits: SearchHit[] = [];
  for (const [doc, score] of rankedScores(index, distinctive, self)) {
    if (hits.length >= limit) break;
    const paper = index.paperAt(doc);
    // The same paper under a second key (from a source without arXiv ids) is no neighbour of itself.
    if (paper.title.toLowerCase() === title) continue;
    const matches = index.inverted.matchesIn(doc, query);
    if (new Set(matches.map((m) => m.term)).size < MIN_SHARED) continue;
    hits.push({ ...paper, score: Math.round(score * 1000) / 1000, reasons: reasonsOf(matches, distinctive, rank) });
  }
  return { source, hits };
}

/** How much a word of each field says about a paper's subject (chosen by hand on the fixtures' neighbours). */
const SUBJECT_WEIGHT: Partial<Record<SearchField, number>> = { title: 4, keywords: 2, abstract: 1 };

/** The paper's terms by tf·idf, title and keyword words weighing more. */
export function distinctiveTerms(index: PaperIndex, paper: Paper): Distinctive[] {
  const inverted = index.inverted;
  const n = Math.max(1, inverted.documentCount);
  const found = new Map<string, { shown: string; tf: number; count: number }>();
  for (const field of ABOUT) {
    const counts = new Map<string, number>();
    for (const value of fieldValues(paper, field)) {
      for (const raw of words(value)) {
        const { term, form } = analyzeWord(raw);
        // Bare numbers (years, sizes) and single letters (`DeepMind's` gives `s`) say nothing about the subject.
        if (!term || term.length < 2 || /^\d+$/.test(term)) continue;
        counts.set(term, (counts.get(term) ?? 0) + 1);
        if (!found.has(term)) found.set(term, { shown: form, tf: 0, count: 0 });
      }
    }
    for (const [term, tf] of counts) {
      const entry = found.get(term)!;
      entry.tf += (SUBJECT_WEIGHT[field] ?? 1) * (1 + Math.log(tf));
      entry.count += tf;
    }
  }
  const all: (Distinctive & { count: number })[] = [];
  for (const [term, { shown, tf, count }] of found) {
    const df = Math.max(...ABOUT_FIELDS.map((field) => inverted.documentFrequency(term, field)));
    // A term only this paper has finds nothing.
    if (df <= 1) continue;
    all.push({ term, shown, count, weight: tf * Math.log(1 + (n - df + 0.5) / (df + 0.5)) });
  }
  const repeated = all.filter((d) => d.count > 1);
  return (repeated.length >= MIN_REPEATED ? repeated : all)
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, MAX_TERMS)
    .map(({ term, shown, weight }) => ({ term, shown, weight }));
}

/** How many of the best-scored papers are sorted before the rest is needed. */
const SORTED_HEAD = 200;

/**
 * Documents by their summed BM25 over the terms, best first. Each term's score is scaled by the
 * square root of its weight: unscaled, a paper's generic words count as much as its name; scaled
 * linearly, its name alone ("MiMo", "SANA") finds unrelated papers of the same name.
 */
function* rankedScores(index: PaperIndex, distinctive: Distinctive[], self: number): Generator<[number, number]> {
  const top = distinctive[0]?.weight ?? 1;
  const excluded = new Set([self]);
  const total = new Map<number, number>();
  for (const { term, weight } of distinctive) {
    const scale = Math.sqrt(weight / top);
    const { docs, score } = index.inverted.evaluate([[{ terms: [term], fields: ABOUT_FIELDS }]], [], excluded);
    for (const doc of docs) total.set(doc, (total.get(doc) ?? 0) + score[doc]! * scale);
  }
  const order = ([a, x]: [number, number], [b, y]: [number, number]) => y - x || index.paperAt(b).upvotes - index.paperAt(a).upvotes || a - b;
  const ranked = [...total];
  if (ranked.length <= SORTED_HEAD) {
    yield* ranked.sort(order);
    return;
  }
  // The caller mostly reads the head: sort it alone, and the rest only if it reads on.
  const values = Float64Array.from(ranked, ([, value]) => value).sort();
  const cut = values[values.length - SORTED_HEAD]!;
  yield* ranked.filter(([, value]) => value >= cut).sort(order);
  yield* ranked.filter(([, value]) => value < cut).sort(order);
}

function reasonsOf(matches: { field: number; term: string }[], distinctive: Distinctive[], rank: Map<string, number>): MatchReason[] {
  return ABOUT_FIELDS.flatMap((field) => {
    const terms = matches
      .filter((m) => m.field === field)
      .map((m) => rank.get(m.term)!)
      .sort((a, b) => a - b)
      .slice(0, MAX_REASON_TERMS)
      .map((i) => distinctive[i]!.shown);
    return terms.length > 0 ? [{ field: SEARCH_FIELDS[field]!, terms }] : [];
  });
}
