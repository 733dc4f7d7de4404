import type { FieldPostings, PostingsView } from './field-postings.js';
import { analyzeWord } from './text.js';
import { expandPrefix, VARIANT_BITS, type PrefixExpansion } from './word-forms.js';

/** A posting list as a query reads it: a term's, or only the documents holding a prefix's forms of it. */
export interface Resolved extends PostingsView {
  /** Occurrences counted for the query (a prefix counts only its forms); else the runs. */
  tfs?: ArrayLike<number>;
  /** The variants an occurrence must be written as to count; all when absent. */
  variants?: Set<number>;
}

/** The most narrowed prefix postings kept for later queries (about 10 bytes each). */
const MAX_PREFIX_COPIES = 1_000_000;
const VARIANT_MASK = (1 << VARIANT_BITS) - 1;

/**
 * What each `prefix*` reads in each field: the lists of the stems its words index under, narrowed
 * to the documents written with those words when a stem has other forms too. Both the expansions
 * and the narrowed copies are kept for later queries until the index changes.
 */
export class PrefixPostings {
  private readonly lists = new Map<string, Resolved[]>();
  private copies = 0;
  private readonly expansions = new Map<string, PrefixExpansion>();

  constructor(private readonly postings: () => FieldPostings[], private readonly pool: () => Int32Array) {}

  /** Documents were added: words may have come with them. */
  forgetAll(): void {
    if (this.expansions.size > 0) this.expansions.clear();
    this.forgetLists();
  }

  /** Postings moved or were taken out: the narrowed copies are stale, the words are not. */
  forgetLists(): void {
    if (this.lists.size === 0) return;
    this.lists.clear();
    this.copies = 0;
  }

  /** What a `prefix*` covers: its words, and whether there were more than it searches. */
  expand(prefix: string): PrefixExpansion {
    let expansion = this.expansions.get(prefix);
    if (!expansion) {
      expansion = expandPrefix(
        prefix,
        (form) => analyzeWord(form).term,
        (stem) => this.postings().reduce((sum, field) => sum + field.frequency(stem), 0),
      );
      if (this.expansions.size >= 1_000) this.expansions.clear();
      this.expansions.set(prefix, expansion);
    }
    return expansion;
  }

  /** The lists `prefix*` reads in `field`. */
  listsFor(field: number, prefix: string): Resolved[] {
    const key = `${field}\u0000${prefix}`;
    let lists = this.lists.get(key);
    if (lists) return lists;
    const postings = this.postings()[field]!;
    lists = [];
    for (const [stem, variants] of this.expand(prefix).stems) {
      const list = postings.get(stem);
      if (list) lists.push(variants ? this.only(postings.view(list), variants) : postings.view(list));
    }
    // Bounded by the postings narrowed copies hold, not by entries: one short prefix can copy many.
    const copied = lists.reduce((sum, list) => sum + (list.tfs ? list.docs.length : 0), 0);
    if (this.lists.size >= 1_000 || this.copies + copied > MAX_PREFIX_COPIES) this.forgetLists();
    this.copies += copied;
    this.lists.set(key, lists);
    return lists;
  }

  /** A stem's postings narrowed to the documents where it is written as one of `variants`. */
  private only(list: Resolved, variants: Set<number>): Resolved {
    const pool = this.pool();
    const docs: number[] = [];
    const offsets: number[] = [];
    const runs: number[] = [];
    const tfs: number[] = [];
    for (let i = 0; i < list.docs.length; i++) {
      const start = list.offsets[i]!;
      const end = start + list.runs[i]!;
      let tf = 0;
      for (let p = start; p < end; p++) if (variants.has(pool[p]! & VARIANT_MASK)) tf++;
      if (tf === 0) continue;
      docs.push(list.docs[i]!);
      offsets.push(start);
      runs.push(list.runs[i]!);
      tfs.push(tf);
    }
    return { term: list.term, field: list.field, docs: Int32Array.from(docs), offsets: Uint32Array.from(offsets), runs: Uint8Array.from(runs), tfs: Uint8Array.from(tfs), variants };
  }
}
