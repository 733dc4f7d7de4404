/**
 * One field's posting lists: each term's documents, and where their occurrences sit in the index's
 * pool. Postings arrive in JavaScript arrays as documents are added and are then packed into three
 * typed arrays per field, each term's together, in document order: a typed array holds numbers at
 * 1 to 4 bytes where a JavaScript array takes 8, and the garbage collector does not walk them. See
 * bench/README.md for what this saved.
 */

/** Occurrences of one term in one field of one document are kept up to TF_SPAN - 1. */
export const TF_SPAN = 2 ** 8;

/**
 * A term's postings in one field: the packed part, `count` entries from `start` in the field's
 * arrays, then the documents added since the last packing.
 */
export interface Postings {
  term: string;
  field: number;
  start: number;
  count: number;
  /** The documents added since the last packing (null when none). */
  docs: number[] | null;
  /** Per added document: where its occurrences start in the pool × TF_SPAN + how many there are. */
  refs: number[] | null;
  /** While a document is added: its occurrences so far, then where the next one goes. */
  cursor: number;
}

/** Postings as typed arrays: document ids, where each one's occurrences start in the pool, how many. */
export interface PackedPostings {
  docs: Int32Array;
  offsets: Uint32Array;
  runs: Uint8Array;
}

/** A term's postings in one field as a query reads them. */
export interface PostingsView {
  term: string;
  field: number;
  docs: ArrayLike<number>;
  offsets: ArrayLike<number>;
  runs: ArrayLike<number>;
}

const EMPTY: PackedPostings = packed(0);

export class FieldPostings {
  private readonly lists = new Map<string, Postings>();
  private packed = EMPTY;
  /** Views of lists with postings added since the last packing, made once per list. */
  private readonly merged = new Map<Postings, PostingsView>();

  constructor(private readonly field: number) {}

  get(term: string): Postings | undefined {
    return this.lists.get(term);
  }

  /** The term's list, made when it has none yet; views of added postings are stale from here. */
  listFor(term: string): Postings {
    if (this.merged.size > 0) this.merged.clear();
    let list = this.lists.get(term);
    if (!list) {
      list = { term, field: this.field, start: 0, count: 0, docs: null, refs: null, cursor: 0 };
      this.lists.set(term, list);
    }
    return list;
  }

  /** How many documents hold the term. */
  frequency(term: string): number {
    const list = this.lists.get(term);
    return list ? list.count + (list.docs?.length ?? 0) : 0;
  }

  /** Moves every list's added postings into the packed arrays. */
  pack(): void {
    for (const _ of this.packInSteps(Infinity));
  }

  /**
   * The same in steps of about `budget` postings copied, yielding between them: the new arrays are
   * built aside while queries read the old ones, and swapped in at the last step. The caller must
   * not change the postings while it runs (the index's writes take turns).
   */
  *packInSteps(budget: number): Generator<void> {
    let total = 0;
    for (const list of this.lists.values()) total += list.count + (list.docs?.length ?? 0);
    const next = packed(total);
    const starts = new Int32Array(this.lists.size);
    let at = 0;
    let copied = 0;
    let i = 0;
    for (const list of this.lists.values()) {
      starts[i++] = at;
      const count = copyInto(next, at, this.packed, list);
      at += count;
      copied += count;
      if (copied >= budget) {
        copied = 0;
        yield;
      }
    }
    i = 0;
    for (const list of this.lists.values()) {
      list.start = starts[i++]!;
      list.count += list.docs?.length ?? 0;
      list.docs = null;
      list.refs = null;
    }
    this.merged.clear();
    this.packed = next;
  }

  /** Takes `doc` out of the lists of `terms`, in place: no dead posting is left behind. */
  purge(doc: number, terms: Iterable<string>): void {
    this.merged.clear();
    for (const term of terms) {
      const list = this.lists.get(term);
      if (!list) continue;
      const added = list.docs?.lastIndexOf(doc) ?? -1;
      if (added >= 0) {
        list.docs!.splice(added, 1);
        list.refs!.splice(added, 1);
        continue;
      }
      const { docs, offsets, runs } = this.packed;
      const end = list.start + list.count;
      const at = lowerBound(docs, list.start, end, doc);
      if (at >= end || docs[at] !== doc) continue;
      docs.copyWithin(at, at + 1, end);
      offsets.copyWithin(at, at + 1, end);
      runs.copyWithin(at, at + 1, end);
      list.count--;
    }
  }

  /** The packed postings and each term's count, in list order (call right after `pack`). */
  exportPacked(): { terms: string[]; counts: Int32Array; postings: PackedPostings } {
    const terms: string[] = [];
    const counts = new Int32Array(this.lists.size);
    let i = 0;
    for (const list of this.lists.values()) {
      if (list.docs) throw new Error('pack before exporting');
      terms.push(list.term);
      counts[i++] = list.count;
    }
    return { terms, counts, postings: this.packed };
  }

  /** Postings as `exportPacked` gave them; the arrays are used as they are, not copied. */
  static fromPacked(field: number, terms: string[], counts: Int32Array, postings: PackedPostings): FieldPostings {
    const out = new FieldPostings(field);
    let start = 0;
    for (let i = 0; i < terms.length; i++) {
      const count = counts[i]!;
      out.lists.set(terms[i]!, { term: terms[i]!, field, start, count, docs: null, refs: null, cursor: 0 });
      start += count;
    }
    out.packed = postings;
    return out;
  }

  /** A term's postings: views of the packed ones, joined with any added since. */
  view(list: Postings): PostingsView {
    if (!list.docs) {
      const end = list.start + list.count;
      const { docs, offsets, runs } = this.packed;
      return { term: list.term, field: list.field, docs: docs.subarray(list.start, end), offsets: offsets.subarray(list.start, end), runs: runs.subarray(list.start, end) };
    }
    let view = this.merged.get(list);
    if (!view) {
      const all = packed(list.count + list.docs.length);
      copyInto(all, 0, this.packed, list);
      view = { term: list.term, field: list.field, ...all };
      this.merged.set(list, view);
    }
    return view;
  }
}

function lowerBound(docs: Int32Array, from: number, to: number, doc: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function packed(size: number): PackedPostings {
  return { docs: new Int32Array(size), offsets: new Uint32Array(size), runs: new Uint8Array(size) };
}

/** Copies a list's packed postings (from `from`) and then its added ones into `to` at `at`; returns how many. */
function copyInto(to: PackedPostings, at: number, from: PackedPostings, list: Postings): number {
  if (list.count > 0) {
    const end = list.start + list.count;
    to.docs.set(from.docs.subarray(list.start, end), at);
    to.offsets.set(from.offsets.subarray(list.start, end), at);
    to.runs.set(from.runs.subarray(list.start, end), at);
  }
  let j = at + list.count;
  const added = list.docs ?? [];
  for (let k = 0; k < added.length; k++, j++) {
    const ref = list.refs![k]!;
    to.docs[j] = added[k]!;
    to.offsets[j] = Math.floor(ref / TF_SPAN);
    to.runs[j] = ref % TF_SPAN;
  }
  return j - at;
}
