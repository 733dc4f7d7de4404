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
import { adjacentPairs, evaluateQuery, exactFormScore, fieldsMatching, indexOf, type IndexReader, type Matches, type PreparedAlternative } from './evaluate-query.js';
import { FieldPostings, TF_SPAN, type PackedPostings, type Postings, type PostingsView } from './field-postings.js';
import { analyzeWord, forgetWords, words } from './text.js';
import { PrefixPostings, type Resolved } from './prefix-postings.js';
import { formVariant, sortedForms, variantsOf, VARIANT_BITS, type PrefixExpansion } from './word-forms.js';
import type { Alternative, FieldMatch, IndexState, TermQuery, WordFeatures } from './index-types.js';

/** What queries ask of the index and what it answers; kept apart so the index file holds only the index. */
export type { Alternative, FieldMatch, IndexState, TermQuery, WordFeatures } from './index-types.js';

/** A posting list read by one query, with what BM25 needs to weigh its postings. */
interface QueryList {
  docs: ArrayLike<number>;
  field: number;
  list: Resolved;
  /** Field boost × idf. */
  scale: number;
  lengths: number[];
  average: number;
}

const K1 = 1.2;
const B = 0.7;
/** Positions skipped between two values of a field, so no phrase joins them. */
const VALUE_GAP = 1;
const MAX_POSITION = 2 ** (31 - VARIANT_BITS) - 1;
const VARIANT_MASK = (1 << VARIANT_BITS) - 1;

export class InvertedIndex {
  private readonly postings: FieldPostings[];
  /** Postings added since the last packing, and how many are packed. */
  private addedPostings = 0;
  private packedPostings = 0;
  private readonly lengths: number[][];
  private readonly totalLength: number[];
  private readonly alive: boolean[] = [];
  private aliveCount = 0;
  private pool: Int32Array<ArrayBufferLike> = new Int32Array(1 << 16);
  private poolLength = 0;
  private readonly prefixes = new PrefixPostings(() => this.postings, () => this.pool);
  /** A packing in steps is under way: adding or purging now would corrupt it. */
  private packing = false;
  private readonly touched: Postings[] = [];
  private readonly tokenLists: Postings[] = [];
  private readonly tokenCodes: number[] = [];
  private scoreBuffer = new Float64Array(0);
  private roundBuffer = new Int32Array(0);
  private round = 0;

  constructor(private readonly boosts: number[]) {
    this.postings = boosts.map((_, field) => new FieldPostings(field));
    this.lengths = boosts.map(() => []);
    this.totalLength = boosts.map(() => 0);
  }

  get documentCount(): number {
    return this.aliveCount;
  }

  /** Adds a document given as the values of each field (one text per author, keyword…); returns its id. */
  add(fields: string[][]): number {
    this.refuseWhilePacking();
    const doc = this.alive.length;
    this.alive.push(true);
    this.aliveCount++;
    this.prefixes.forgetAll();
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
          const list = postings.listFor(word.term);
          const added = (list.docs ??= []);
          if (added[added.length - 1] !== doc) {
            added.push(doc);
            (list.refs ??= []).push(0);
            this.addedPostings++;
            list.cursor = 0;
            touched.push(list);
          }
          if (list.cursor === TF_SPAN - 1) {
            position++;
            continue;
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
      const refs = list.refs!;
      refs[refs.length - 1] = offset * TF_SPAN + list.cursor;
      const start = offset;
      offset += list.cursor;
      list.cursor = start;
    }
    for (let i = 0; i < lists.length; i++) this.pool[lists[i]!.cursor++] = codes[i]!;
    this.poolLength = offset;
  }

  /**
   * Whether the postings added since the last packing are worth packing: once they are a twentieth
   * of the packed ones, so a big batch (a start, a backfill) is packed at once and a refreshed day
   * waits for a few more.
   */
  get packDue(): boolean {
    return this.addedPostings > this.packedPostings / 20;
  }

  packIfWorthIt(): void {
    if (this.packDue) this.pack();
  }

  /** Moves the postings added since the last packing into each field's typed arrays. */
  pack(): void {
    for (const _ of this.packInSteps(Infinity));
  }

  /**
   * The same, about `budget` postings copied per step: queries go on reading the old arrays until
   * the last step swaps the new ones in. Nothing may be added or purged until it is done.
   */
  *packInSteps(budget: number): Generator<void> {
    if (this.addedPostings === 0) return;
    this.packing = true;
    try {
      for (const field of this.postings) yield* field.packInSteps(budget);
    } finally {
      this.packing = false;
    }
    this.packedPostings += this.addedPostings;
    this.addedPostings = 0;
    this.prefixes.forgetLists();
    // A batch at once gives back the pool's room for growth; packing in steps copies nothing that large.
    if (budget === Infinity && this.pool.length > this.poolLength * 1.15) this.pool = this.pool.slice(0, this.poolLength);
    forgetWords();
    sortedForms();
  }

  /**
   * Takes a document out of the index given the field values it was added with: its postings are
   * removed from their lists in place, so no dead entry is left for queries to skip or a rebuild
   * to clear. Its occurrences stay in the pool, unreferenced.
   */
  purge(doc: number, fields: string[][]): void {
    this.refuseWhilePacking();
    if (!this.alive[doc]) return;
    this.alive[doc] = false;
    this.aliveCount--;
    this.prefixes.forgetLists();
    fields.forEach((values, field) => {
      const terms = new Set<string>();
      for (const value of values) for (const raw of words(value)) {
        const term = analyzeWord(raw).term;
        if (term) terms.add(term);
      }
      this.postings[field]!.purge(doc, terms);
      this.totalLength[field]! -= this.lengths[field]![doc] ?? 0;
      this.lengths[field]![doc] = 0;
    });
  }

  private refuseWhilePacking(): void {
    if (this.packing) throw new Error('the index is packing in steps: write through PaperIndex.upsertInTurn');
  }

  /** Document ids handed out so far, taken-out ones included. */
  get documentSlots(): number {
    return this.alive.length;
  }

  /** Rewrites stored occurrences' variant ids where this process numbers a stem's forms differently. */
  remapVariants(remap: Map<string, Int32Array>): void {
    for (const field of this.postings) {
      for (const [stem, ids] of remap) {
        const list = field.get(stem);
        if (!list) continue;
        const view = field.view(list);
        for (let i = 0; i < view.docs.length; i++) {
          const end = view.offsets[i]! + view.runs[i]!;
          for (let p = view.offsets[i]!; p < end; p++) {
            const code = this.pool[p]!;
            this.pool[p] = (code & ~VARIANT_MASK) | ids[code & VARIANT_MASK]!;
          }
        }
      }
    }
  }

  /** Everything the index holds, packed first, as arrays a snapshot can store (not copies). */
  exportState(): IndexState {
    this.pack();
    const fields = this.postings.map((field) => field.exportPacked());
    const alive = Uint8Array.from(this.alive, (on) => (on ? 1 : 0));
    return {
      terms: fields.map((f) => f.terms),
      counts: fields.map((f) => f.counts),
      postings: fields.map((f) => f.postings),
      lengths: this.lengths.map((lengths) => Int32Array.from({ length: this.alive.length }, (_, doc) => lengths[doc] ?? 0)),
      alive,
      pool: this.pool.subarray(0, this.poolLength),
      poolSlack: Math.ceil(this.poolLength / 4),
    };
  }

  /** An index over a stored state, reading its arrays in place. */
  static fromState(boosts: number[], state: IndexState): InvertedIndex {
    const index = new InvertedIndex(boosts);
    boosts.forEach((_, field) => {
      index.postings[field] = FieldPostings.fromPacked(field, state.terms[field]!, state.counts[field]!, state.postings[field]!);
      index.packedPostings += state.postings[field]!.docs.length;
      const lengths = Array.from(state.lengths[field]!);
      index.lengths[field] = lengths;
      index.totalLength[field] = lengths.reduce((sum, n) => sum + n, 0);
    });
    for (const on of state.alive) index.alive.push(on === 1);
    index.aliveCount = index.alive.filter(Boolean).length;
    index.pool = state.pool;
    index.poolLength = state.poolLength ?? state.pool.length;
    return index;
  }

  /**
   * Documents matching every clause (a clause matches when any of its alternatives does) and none
   * of the `without` alternatives, with their summed BM25 scores, read as `score[doc]` until the
   * next query. A bare term query is an alternative of one word.
   */
  evaluate(clauses: (TermQuery | Alternative)[][], without: (TermQuery | Alternative)[] = [], excluded?: Set<number>): Matches {
    return evaluateQuery(this.reader, clauses.map((clause) => clause.map((alt) => this.prepare(alt))), without.map((alt) => this.prepare(alt)), excluded);
  }

  /** The fields where the alternative matches a document. */
  fieldsMatching(doc: number, alt: TermQuery | Alternative): number[] {
    return fieldsMatching(this.reader, this.prepare(alt), doc);
  }

  /**
   * What ranking reads of a document for a sequence of words, their lists looked up once per
   * query: the BM25 weight of their occurrences written as typed, how many consecutive pairs stand
   * next to each other as typed, and how many of the words each field holds.
   */
  wordFeatures(words: TermQuery[]): (doc: number) => WordFeatures {
    const exact = words.map((word) => this.queryLists(word.typed ? { ...word, forms: [word.typed] } : word));
    const any = words.map((word) => this.queryLists(word));
    return (doc) => {
      const perField = this.boosts.map(() => 0);
      for (const lists of any) {
        const fields = new Set<number>();
        for (const list of lists) if (indexOf(list.docs, doc) >= 0) fields.add(list.field);
        for (const field of fields) perField[field]!++;
      }
      return { exactScore: exactFormScore(this.reader, exact, doc), adjacentPairs: adjacentPairs(this.reader, exact, doc), perField };
    };
  }

  /** Which of the query's terms a document holds, and in which fields. */
  matchesIn(doc: number, query: TermQuery): FieldMatch[] {
    const out: FieldMatch[] = [];
    for (const field of query.fields) {
      for (const list of this.resolve(query, field)) if (indexOf(list.docs, doc) >= 0) out.push({ field, term: list.term });
    }
    return out;
  }

  private prepare(alt: TermQuery | Alternative): PreparedAlternative<QueryList> {
    const words = 'words' in alt ? alt.words : [alt];
    if (!('words' in alt)) return { words: [this.queryLists(alt)], phrase: false };
    return { words: words.map((word) => this.queryLists(word)), phrase: alt.phrase, weight: alt.weight };
  }

  /** A word's posting lists in each of its fields, with what BM25 needs to weigh their postings. */
  private queryLists(query: TermQuery): QueryList[] {
    const out: QueryList[] = [];
    const n = Math.max(1, this.aliveCount);
    for (const field of query.fields) {
      const average = Math.max(1, this.totalLength[field]! / n);
      for (const list of this.resolve(query, field)) {
        const idf = Math.log(1 + (n - list.docs.length + 0.5) / (list.docs.length + 0.5));
        out.push({ docs: list.docs, field, list, scale: this.boosts[field]! * idf, lengths: this.lengths[field]!, average });
      }
    }
    return out;
  }

  private readonly reader: IndexReader<QueryList> = {
    isAlive: (doc) => this.alive[doc] === true,
    weight: (q, i) => this.reader.weightOf(q, i, (q.list.tfs ?? q.list.runs)[i]!),
    weightOf: (q, i, tf) => (q.scale * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * (q.lengths[q.docs[i]!] ?? 0)) / q.average)),
    positions: (q, i, out) => {
      const start = q.list.offsets[i]!;
      const end = start + q.list.runs[i]!;
      const variants = q.list.variants;
      for (let p = start; p < end; p++) {
        const code = this.pool[p]!;
        if (!variants || variants.has(code & VARIANT_MASK)) out.push(code >>> VARIANT_BITS);
      }
    },
    scratch: () => {
      if (this.scoreBuffer.length < this.alive.length) {
        const capacity = Math.max(1024, this.alive.length * 2);
        this.scoreBuffer = new Float64Array(capacity);
        this.roundBuffer = new Int32Array(capacity);
        this.round = 0;
      }
      return { score: this.scoreBuffer, round: this.roundBuffer, nextRound: () => ++this.round };
    },
  };

  /** What a `prefix*` covers: its words, and whether there were more than it searches. */
  expandPrefix(prefix: string): PrefixExpansion {
    return this.prefixes.expand(prefix);
  }

  /** The posting lists a term query reads in one field. */
  private resolve(query: TermQuery, field: number): Resolved[] {
    if (query.prefix) return query.terms.flatMap((prefix) => this.prefixes.listsFor(field, prefix));
    const postings = this.postings[field]!;
    const out: Resolved[] = [];
    for (const term of query.terms) {
      const list = postings.get(term);
      if (!list) continue;
      const variants = query.forms ? variantsOf(query.forms, term) : null;
      if (!variants) out.push(postings.view(list));
      else if (variants.size > 0) out.push({ ...postings.view(list), variants });
    }
    return out;
  }

  /** How many documents hold `term` in `field`: its rarity, for more-like-this. */
  documentFrequency(term: string, field: number): number {
    return this.postings[field]?.frequency(term) ?? 0;
  }
}

