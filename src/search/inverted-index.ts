/**
 * A compact positional inverted index with BM25 scoring per field.
 *
 * Written here rather than taken from a library because of what `npm run bench` measured on this
 * project's real papers: at 50,000 papers MiniSearch took 38 s to build, had a p99 of 300 ms for
 * multi-word keyword queries and used 400 MB of heap, FlexSearch had no BM25 and no per-field
 * match information (which the "why it matched" reasons need). Posting lists of integer doc ids,
 * evaluated rarest term first with membership probes for the rest, keep both in budget.
 *
 * Every occurrence of a term is kept as one int32 in a shared pool: its position in the field and
 * which form of the term it was written as (`transformers` and `transforming` share a stem, not a
 * form). The values of a multi-valued field (each author, each keyword) are separated by a gap, so
 * a phrase, checked from positions alone, never spans two of them. See bench/README.md.
 */
import { analyzeWord, words } from './text.js';
import { expandPrefix, formVariant, VARIANT_BITS, type PrefixExpansion } from './word-forms.js';

interface Postings {
  term: string;
  docs: number[];
  /** Per document: where its occurrences start in the pool × TF_SPAN + how many there are. */
  refs: number[];
  /** While a document is added: its occurrences so far, then where the next one goes. */
  cursor: number;
}

/** A posting list as a query reads it: a term's, or only the documents holding a prefix's forms of it. */
interface Resolved {
  term: string;
  docs: number[];
  refs: number[];
  /** Occurrences counted for the query (a prefix counts only its forms); else the refs' counts. */
  tfs?: number[];
  /** The variants an occurrence must be written as to count; all when absent. */
  variants?: Set<number>;
}

export interface TermQuery {
  /**
   * Normalised terms; with `prefix`, folded unstemmed word beginnings instead, each matching every
   * indexed word form that starts with it.
   */
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
/** Occurrences of one term in one field of one document stay below this. */
const TF_SPAN = 2 ** 20;
/** Positions skipped between two values of a field, so no phrase joins them. */
const VALUE_GAP = 1;
const MAX_POSITION = 2 ** (31 - VARIANT_BITS) - 1;
const VARIANT_MASK = (1 << VARIANT_BITS) - 1;

export class InvertedIndex {
  private readonly postings: Map<string, Postings>[];
  private readonly lengths: number[][];
  private readonly totalLength: number[];
  private readonly alive: boolean[] = [];
  private aliveCount = 0;
  private pool = new Int32Array(1 << 16);
  private poolLength = 0;
  private readonly prefixLists = new Map<string, Resolved[]>();
  private readonly expansions = new Map<string, PrefixExpansion>();
  private readonly touched: Postings[] = [];
  private readonly tokenLists: Postings[] = [];
  private readonly tokenCodes: number[] = [];
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

  /** Adds a document given as the values of each field (one text per author, keyword…); returns its id. */
  add(fields: string[][]): number {
    const doc = this.alive.length;
    this.alive.push(true);
    this.aliveCount++;
    if (this.prefixLists.size > 0) this.prefixLists.clear();
    if (this.expansions.size > 0) this.expansions.clear();
    fields.forEach((values, field) => {
      const lists = this.tokenLists;
      const codes = this.tokenCodes;
      const touched = this.touched;
      const postings = this.postings[field]!;
      lists.length = 0;
      codes.length = 0;
      touched.length = 0;
      let position = 0;
      for (const value of values) {
        for (const raw of words(value)) {
          const word = analyzeWord(raw);
          if (!word.term) continue;
          if (word.variant < 0) word.variant = formVariant(word.form, word.term);
          let list = postings.get(word.term);
          if (!list) {
            list = { term: word.term, docs: [], refs: [], cursor: 0 };
            postings.set(word.term, list);
          }
          if (list.docs[list.docs.length - 1] !== doc) {
            list.docs.push(doc);
            list.refs.push(0);
            list.cursor = 0;
            touched.push(list);
          }
          list.cursor++;
          lists.push(list);
          codes.push(Math.min(position++, MAX_POSITION) * (VARIANT_MASK + 1) + word.variant);
        }
        position += VALUE_GAP;
      }
      this.store(lists, codes, touched);
      this.lengths[field]![doc] = lists.length;
      this.totalLength[field]! += lists.length;
    });
    return doc;
  }

  /** Writes a document's occurrences for one field to the pool, each term's together, in order. */
  private store(lists: Postings[], codes: number[], touched: Postings[]): void {
    if (this.poolLength + codes.length > this.pool.length) {
      // Grows by a quarter, not double: the pool is most of the index's memory.
      const grown = new Int32Array(Math.max(Math.ceil(this.pool.length * 1.25), this.poolLength + codes.length));
      grown.set(this.pool.subarray(0, this.poolLength));
      this.pool = grown;
    }
    let offset = this.poolLength;
    for (const list of touched) {
      list.refs[list.refs.length - 1] = offset * TF_SPAN + list.cursor;
      const start = offset;
      offset += list.cursor;
      list.cursor = start;
    }
    for (let i = 0; i < lists.length; i++) this.pool[lists[i]!.cursor++] = codes[i]!;
    this.poolLength = offset;
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
        score[doc]! += weight(doc, tfAt(list, i));
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
            score[doc]! += weight(doc, tfAt(list, at));
            round[doc] = next;
          }
        }
      } else {
        for (const { list, weight } of clauseLists) {
          for (let i = 0; i < list.docs.length; i++) {
            const doc = list.docs[i]!;
            if (round[doc] !== r && round[doc] !== next) continue;
            score[doc]! += weight(doc, tfAt(list, i));
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
    for (const field of query.fields) {
      for (const list of this.resolve(query, field)) for (const doc of list.docs) if (this.alive[doc]) docs.add(doc);
    }
    return docs;
  }

  /** Which of the query's terms a document holds, and in which fields. */
  matchesIn(doc: number, query: TermQuery): FieldMatch[] {
    const out: FieldMatch[] = [];
    for (const field of query.fields) {
      for (const list of this.resolve(query, field)) if (indexOf(list.docs, doc) >= 0) out.push({ field, term: list.term });
    }
    return out;
  }

  /**
   * The fields where the words (one term query each, in order) stand next to each other within
   * one value, read from the positions of the postings.
   */
  phraseFields(doc: number, phrase: TermQuery[], fields: number[]): number[] {
    return fields.filter((field) => {
      const positions: number[][] = [];
      for (const word of phrase) {
        const at = this.positionsIn(doc, word, field);
        if (at.length === 0) return false;
        positions.push(at);
      }
      return positions[0]!.some((start) => positions.every((at, j) => at.includes(start + j)));
    });
  }

  /** Every live document where the phrase holds in one of `fields`. */
  phraseMatching(phrase: TermQuery[], fields: number[]): Set<number> {
    const docs = new Set<number>();
    for (const field of fields) {
      const lists = phrase.map((word) => this.resolve(word, field));
      const rarest = lists.reduce((a, b) => (size1(b) < size1(a) ? b : a));
      for (const list of rarest) {
        for (const doc of list.docs) {
          if (this.alive[doc] && !docs.has(doc) && this.phraseFields(doc, phrase, [field]).length > 0) docs.add(doc);
        }
      }
    }
    return docs;
  }

  /** What a `prefix*` covers: its words, and whether there were more than it searches. */
  expandPrefix(prefix: string): PrefixExpansion {
    let expansion = this.expansions.get(prefix);
    if (!expansion) {
      expansion = expandPrefix(
        prefix,
        (form) => analyzeWord(form).term,
        (stem) => this.postings.reduce((sum, map) => sum + (map.get(stem)?.docs.length ?? 0), 0),
      );
      if (this.expansions.size >= 1_000) this.expansions.clear();
      this.expansions.set(prefix, expansion);
    }
    return expansion;
  }

  private positionsIn(doc: number, query: TermQuery, field: number): number[] {
    const out: number[] = [];
    for (const list of this.resolve(query, field)) {
      const at = indexOf(list.docs, doc);
      if (at < 0) continue;
      const ref = list.refs[at]!;
      const start = Math.floor(ref / TF_SPAN);
      for (let i = start; i < start + (ref % TF_SPAN); i++) {
        const code = this.pool[i]!;
        if (!list.variants || list.variants.has(code & VARIANT_MASK)) out.push(code >>> VARIANT_BITS);
      }
    }
    return out;
  }

  private listsOf(query: TermQuery) {
    const out: { list: Resolved; weight: (doc: number, tf: number) => number }[] = [];
    const n = Math.max(1, this.aliveCount);
    for (const field of query.fields) {
      const boost = this.boosts[field]!;
      const lengths = this.lengths[field]!;
      const average = Math.max(1, this.totalLength[field]! / n);
      for (const list of this.resolve(query, field)) {
        const idf = Math.log(1 + (n - list.docs.length + 0.5) / (list.docs.length + 0.5));
        out.push({
          list,
          weight: (doc, tf) => (boost * idf * (tf * (K1 + 1))) / (tf + K1 * (1 - B + (B * (lengths[doc] ?? 0)) / average)),
        });
      }
    }
    return out;
  }

  /** The posting lists a term query reads in one field. */
  private resolve(query: TermQuery, field: number): Resolved[] {
    const postings = this.postings[field]!;
    if (!query.prefix) {
      const out: Resolved[] = [];
      for (const term of query.terms) {
        const list = postings.get(term);
        if (list) out.push(list);
      }
      return out;
    }
    return query.terms.flatMap((prefix) => {
      const key = `${field}\u0000${prefix}`;
      let lists = this.prefixLists.get(key);
      if (!lists) {
        lists = [];
        for (const [stem, variants] of this.expandPrefix(prefix).stems) {
          const list = postings.get(stem);
          if (list) lists.push(variants ? this.only(stem, list, variants) : list);
        }
        if (this.prefixLists.size >= 1_000) this.prefixLists.clear();
        this.prefixLists.set(key, lists);
      }
      return lists;
    });
  }

  /** A stem's postings narrowed to the documents where it is written as one of `variants`. */
  private only(term: string, list: Postings, variants: Set<number>): Resolved {
    const out: Resolved = { term, docs: [], refs: [], tfs: [], variants };
    for (let i = 0; i < list.docs.length; i++) {
      const ref = list.refs[i]!;
      const start = Math.floor(ref / TF_SPAN);
      let tf = 0;
      for (let p = start; p < start + (ref % TF_SPAN); p++) if (variants.has(this.pool[p]! & VARIANT_MASK)) tf++;
      if (tf === 0) continue;
      out.docs.push(list.docs[i]!);
      out.refs.push(ref);
      out.tfs!.push(tf);
    }
    return out;
  }
}

function tfAt(list: Resolved, i: number): number {
  return list.tfs ? list.tfs[i]! : list.refs[i]! % TF_SPAN;
}

function size(lists: { list: Resolved }[]): number {
  return lists.reduce((sum, { list }) => sum + list.docs.length, 0);
}

function size1(lists: Resolved[]): number {
  return lists.reduce((sum, list) => sum + list.docs.length, 0);
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
