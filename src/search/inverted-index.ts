/**
 * A compact inverted index with BM25 scoring per field.
 *
 * Written here rather than taken from a library because of what `npm run bench` measured on this
 * project's real papers: at 50,000 papers MiniSearch took 38 s to build, had a p99 of 300 ms for
 * multi-word keyword queries and used 400 MB of heap, FlexSearch had no BM25 and no per-field
 * match information (which the "why it matched" reasons need). Posting lists of integer doc ids,
 * evaluated rarest term first with membership probes for the rest, keep both in budget.
 * See bench/README.md for the figures.
 */

interface Postings {
  docs: number[];
  tfs: number[];
}

export interface TermQuery {
  /** Normalised terms; with `prefix`, every indexed term starting with one of them. */
  terms: string[];
  fields: number[];
  prefix?: boolean;
}

export interface FieldMatch {
  field: number;
  term: string;
}

const K1 = 1.2;
const B = 0.7;

export class InvertedIndex {
  private readonly postings: Map<string, Postings>[];
  private readonly lengths: number[][];
  private readonly totalLength: number[];
  private readonly alive: boolean[] = [];
  private aliveCount = 0;
  private vocabulary: string[] | undefined;
  private scoreBuffer = new Float64Array(0);
  private roundBuffer = new Int32Array(0);
  private round = 0;

  constructor(private readonly boosts: number[]) {
    this.postings = boosts.map(() => new Map());
    this.lengths = boosts.map(() => []);
    this.totalLength = boosts.map(() => 0);
  }

  get documentCount(): number {
    return this.aliveCount;
  }

  /** Adds a document given as the normalised terms of each field; returns its id. */
  add(fields: string[][]): number {
    const doc = this.alive.length;
    this.alive.push(true);
    this.aliveCount++;
    fields.forEach((terms, field) => {
      const postings = this.postings[field]!;
      for (const term of terms) {
        let list = postings.get(term);
        if (!list) {
          list = { docs: [], tfs: [] };
          postings.set(term, list);
          this.vocabulary = undefined;
        }
        // Documents arrive in id order, so a repeat of a term in this document is the list's last entry.
        const last = list.docs.length - 1;
        if (last >= 0 && list.docs[last] === doc) list.tfs[last]!++;
        else {
          list.docs.push(doc);
          list.tfs.push(1);
        }
      }
      this.lengths[field]![doc] = terms.length;
      this.totalLength[field]! += terms.length;
    });
    return doc;
  }

  /** Takes a document out of every result; its postings stay until `compact` rebuilds. */
  remove(doc: number): void {
    if (!this.alive[doc]) return;
    this.alive[doc] = false;
    this.aliveCount--;
    this.lengths.forEach((lengths, field) => {
      this.totalLength[field]! -= lengths[doc] ?? 0;
    });
  }

  get deadRatio(): number {
    return this.alive.length === 0 ? 0 : 1 - this.aliveCount / this.alive.length;
  }

  /**
   * Documents matching every clause (a clause matches when any of its term queries does), with
   * their summed BM25 scores. `excluded` documents and those failing `accept` are left out.
   */
  search(clauses: TermQuery[][], excluded: Set<number>, accept?: (doc: number) => boolean): Map<number, number> {
    const lists = clauses.map((clause) => clause.flatMap((query) => this.listsOf(query)));
    const order = lists.map((_, i) => i).sort((a, b) => size(lists[a]!) - size(lists[b]!));
    const result = new Map<number, number>();
    const [first, ...rest] = order;
    if (first === undefined) return result;
    const { score, round } = this.buffers();
    // Round r marks the documents still in the running after r clauses.
    let r = ++this.round;
    let candidates: number[] = [];
    for (const { list, weight } of lists[first]!) {
      for (let i = 0; i < list.docs.length; i++) {
        const doc = list.docs[i]!;
        if (!this.alive[doc] || excluded.has(doc)) continue;
        if (round[doc] !== r) {
          round[doc] = r;
          score[doc] = 0;
          candidates.push(doc);
        }
        score[doc]! += weight(doc, list.tfs[i]!);
      }
    }
    for (const clause of rest) {
      const next = ++this.round;
      const clauseLists = lists[clause]!;
      if (size(clauseLists) > candidates.length * 16) {
        // Few candidates, long lists: look each candidate up.
        for (const doc of candidates) {
          for (const { list, weight } of clauseLists) {
            const at = indexOf(list.docs, doc);
            if (at < 0) continue;
            score[doc]! += weight(doc, list.tfs[at]!);
            round[doc] = next;
          }
        }
      } else {
        for (const { list, weight } of clauseLists) {
          for (let i = 0; i < list.docs.length; i++) {
            const doc = list.docs[i]!;
            if (round[doc] !== r && round[doc] !== next) continue;
            score[doc]! += weight(doc, list.tfs[i]!);
            round[doc] = next;
          }
        }
      }
      candidates = candidates.filter((doc) => round[doc] === next);
      r = next;
    }
    for (const doc of candidates) if (!accept || accept(doc)) result.set(doc, score[doc]!);
    return result;
  }

  private buffers(): { score: Float64Array; round: Int32Array } {
    if (this.scoreBuffer.length < this.alive.length) {
      const capacity = Math.max(1024, this.alive.length * 2);
      this.scoreBuffer = new Float64Array(capacity);
      this.roundBuffer = new Int32Array(capacity);
      this.round = 0;
    }
    return { score: this.scoreBuffer, round: this.roundBuffer };
  }

  /** Every document holding the term query, whatever its score. */
  matching(query: TermQuery): Set<number> {
    const docs = new Set<number>();
    for (const { list } of this.listsOf(query)) for (const doc of list.docs) if (this.alive[doc]) docs.add(doc);
    return docs;
  }

  /** Which of the query's terms a document holds, and in which fields. */
  matchesIn(doc: number, query: TermQuery): FieldMatch[] {
    const out: FieldMatch[] = [];
    for (const field of query.fields) {
      for (const term of this.expand(query, field)) {
        const list = this.postings[field]!.get(term);
        if (list && indexOf(list.docs, doc) >= 0) out.push({ field, term });
      }
    }
    return out;
  }

  private listsOf(query: TermQuery) {
    const out: { list: Postings; weight: (doc: number, tf: number) => number }[] = [];
    const n = Math.max(1, this.aliveCount);
    for (const field of query.fields) {
      const boost = this.boosts[field]!;
      const lengths = this.lengths[field]!;
      const average = Math.max(1, this.totalLength[field]! / n);
      for (const term of this.expand(query, field)) {
        const list = this.postings[field]!.get(term);
        if (!list) continue;
        const idf = Math.log(1 + (n - list.docs.length + 0.5) / (list.docs.length + 0.5));
        out.push({
          list,
          weight: (doc, tf) => (boost * idf * (tf * (K1 + 1))) / (tf + K1 * (1 - B + (B * (lengths[doc] ?? 0)) / average)),
        });
      }
    }
    return out;
  }

  private expand(query: TermQuery, field: number): string[] {
    if (!query.prefix) return query.terms;
    this.vocabulary ??= [...new Set(this.postings.flatMap((map) => [...map.keys()]))].sort();
    const out: string[] = [];
    for (const stem of query.terms) {
      for (let i = lowerBound(this.vocabulary, stem); i < this.vocabulary.length && this.vocabulary[i]!.startsWith(stem); i++) {
        if (this.postings[field]!.has(this.vocabulary[i]!)) out.push(this.vocabulary[i]!);
      }
    }
    return out;
  }
}

function size(lists: { list: Postings }[]): number {
  return lists.reduce((sum, { list }) => sum + list.docs.length, 0);
}

/** Binary search in an ascending list; -1 when absent. */
function indexOf(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid]!;
    if (at === value) return mid;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
