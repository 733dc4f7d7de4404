/**
 * Orders the papers a query matched. Relevance comes first: BM25 over the stems, then, for the
 * best RERANKED of them, what a stemmed score cannot see — the words written as typed, standing
 * together as typed, and gathered in one field. Upvotes and recency only scale the result by a
 * few percent, so they order papers of about equal relevance but never lift a weak match above a
 * strong one. Every constant was tuned on the shared archive with `npm run bench:known-item`.
 */
import type { TermQuery } from './inverted-index.js';
import { SEARCH_FIELDS, type PaperIndex, type SearchField } from './paper-index.js';

/** A paper's occurrences of the words written exactly as typed count this much again. */
const EXACT_FORM_WEIGHT = 3;
/** Relevance grows by up to this fraction when consecutive query words stand together, as typed. */
const PROXIMITY_BONUS = 0.7;
/** … and by up to this fraction when all query words are in one field, weighed by the field. */
const COVERAGE_BONUS = 0.6;
const COVERAGE_WEIGHT: Record<SearchField, number> = { title: 1, keywords: 0.75, abstract: 0.25, authors: 0.5, organization: 0.5 };
const FIELD_COVERAGE_WEIGHT = SEARCH_FIELDS.map((field) => COVERAGE_WEIGHT[field]);
/** Up to this many hits are kept in order as they come; a deeper page sorts once. */
const SMALL_PAGE = 64;
/** How many of the best BM25 matches are re-ranked with the features above. */
const RERANKED = 200;
const VOTES_BONUS = 0.1;
const RECENCY_BONUS = 0.06;
/** A paper this many days older than the newest match loses half its recency bonus. */
const RECENCY_HALF_LIFE_DAYS = 120;

export interface Ranked {
  doc: number;
  score: number;
}

/**
 * The best `k` of `docs` (scored by BM25 in `bm25[doc]`), best first. `words` are the query's plain
 * words in the order typed (each with the form it was typed as), for the re-ranking features.
 */
export function rankMatches(index: PaperIndex, docs: number[], bm25: Float64Array, words: TermQuery[], k: number): Ranked[] {
  let maxScore = Number.EPSILON;
  let maxVotes = 0;
  let newest = -Infinity;
  for (const doc of docs) {
    if (bm25[doc]! > maxScore) maxScore = bm25[doc]!;
    const votes = index.paperAt(doc).upvotes;
    if (votes > maxVotes) maxVotes = votes;
    const day = index.dayNumberAt(doc);
    if (day > newest) newest = day;
  }
  const logMaxVotes = Math.log1p(maxVotes);
  const lift = (doc: number) => {
    const popularity = maxVotes > 0 ? Math.log1p(index.paperAt(doc).upvotes) / logMaxVotes : 0;
    const day = index.dayNumberAt(doc);
    // A paper with no Daily Papers day (from a file) gets no recency bonus.
    const recency = Number.isFinite(day) ? Math.pow(0.5, (newest - day) / RECENCY_HALF_LIFE_DAYS) : 0;
    return 1 + VOTES_BONUS * popularity + RECENCY_BONUS * recency;
  };
  const features = queryFeatures(index, words);
  const reranked = new Set(docs.length <= RERANKED ? docs : best(docs, bm25, RERANKED));
  // Below the re-ranked papers, one whose score could not reach the k-th best is never blended.
  const floor = kthLargest(docs, bm25, Math.min(k, docs.length)) / (1 + VOTES_BONUS + RECENCY_BONUS);
  const votes = (doc: number) => index.paperAt(doc).upvotes;
  const before = (a: Ranked, b: Ranked) => b.score - a.score || votes(b.doc) - votes(a.doc) || a.doc - b.doc;
  const scored = (doc: number): Ranked => {
    const relevance = reranked.has(doc) ? features(doc, bm25[doc]!) : bm25[doc]!;
    return { doc, score: (relevance / maxScore) * lift(doc) };
  };
  const contenders = (doc: number) => reranked.has(doc) || bm25[doc]! >= floor;
  if (k > SMALL_PAGE) {
    // A deep page: sort the contenders once rather than insert each.
    const all: Ranked[] = [];
    for (const doc of docs) if (contenders(doc)) all.push(scored(doc));
    return all.sort(before).slice(0, k);
  }
  const top: Ranked[] = [];
  for (const doc of docs) {
    if (!contenders(doc)) continue;
    const item = scored(doc);
    if (top.length === k && before(item, top[k - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && before(item, top[at - 1]!) < 0) at--;
    top.splice(at, 0, item);
    if (top.length > k) top.pop();
  }
  return top;
}

/** A match's relevance: its BM25, plus its exact forms' BM25, lifted by proximity and coverage. */
function queryFeatures(index: PaperIndex, words: TermQuery[]): (doc: number, bm25: number) => number {
  if (words.length === 0) return (_doc, bm25) => bm25;
  const read = index.inverted.wordFeatures(words);
  return (doc, bm25) => {
    const { exactScore, adjacentPairs, perField } = read(doc);
    const together = words.length >= 2 ? adjacentPairs / (words.length - 1) : 0;
    let coverage = 0;
    perField.forEach((count, field) => {
      coverage = Math.max(coverage, (FIELD_COVERAGE_WEIGHT[field]! * count) / words.length);
    });
    return (bm25 + EXACT_FORM_WEIGHT * exactScore) * (1 + PROXIMITY_BONUS * together + COVERAGE_BONUS * coverage);
  };
}

/** The `n` documents of highest score. */
function best(docs: number[], score: Float64Array, n: number): number[] {
  const cut = kthLargest(docs, score, n);
  const out: number[] = [];
  for (const doc of docs) if (score[doc]! > cut && out.length < n) out.push(doc);
  for (const doc of docs) if (score[doc] === cut && out.length < n) out.push(doc);
  return out;
}

/** The k-th largest score among the documents (0 when there are no more than k). */
function kthLargest(docs: number[], score: Float64Array, k: number): number {
  if (docs.length <= k) return 0;
  // A min-heap of the k largest so far.
  const heap = new Float64Array(k);
  let size = 0;
  for (const doc of docs) {
    const value = score[doc]!;
    if (size < k) {
      let i = size++;
      heap[i] = value;
      while (i > 0 && heap[(i - 1) >> 1]! > heap[i]!) {
        const parent = (i - 1) >> 1;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (value > heap[0]!) {
      heap[0] = value;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < k && heap[l]! < heap[m]!) m = l;
        if (r < k && heap[r]! < heap[m]!) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
  }
  return heap[0]!;
}
