/**
 * Evaluates a query in conjunctive normal form over an inverted index: every clause must match,
 * a clause matches when any of its alternatives does, and an alternative is one word, several
 * words that must all be in the paper (`text-to-image`), or a phrase whose words must stand
 * together in one value of one field. Everything is read from the postings and their positions:
 * clauses are taken rarest first, and later clauses only look at the papers still in the running,
 * scanning a short list or probing a long one.
 */

/** One posting list as a query reads it. */
export interface ListView {
  docs: ArrayLike<number>;
  field: number;
}

/** What the evaluator needs from an index. */
export interface IndexReader<L extends ListView> {
  isAlive(doc: number): boolean;
  /** The BM25 weight of the `i`th posting of `list`. */
  weight(list: L, i: number): number;
  /** The same for `tf` occurrences. */
  weightOf(list: L, i: number, tf: number): number;
  /** Appends to `out` the positions of the `i`th posting of `list` (only the forms the list accepts). */
  positions(list: L, i: number, out: number[]): void;
  /** Scratch buffers as long as the document ids, and a fresh round number to mark them with. */
  scratch(): { score: Float64Array; round: Int32Array; nextRound(): number };
}

/** An alternative of a clause: the posting lists of each of its words, in order. */
export interface PreparedAlternative<L extends ListView> {
  words: L[][];
  phrase: boolean;
  /** Its scores count this much (a long form searched for an acronym counts less than the acronym typed). */
  weight?: number;
}

type OnMatch = (doc: number, score: number) => void;
/** A long list is probed for each candidate rather than scanned once it is this many times longer. */
const PROBE_RATIO = 8;

/** The documents a query matched, and their scores, read as `score[doc]` until the next query. */
export interface Matches {
  docs: number[];
  score: Float64Array;
}

/**
 * Documents matching every clause and none of the `without` alternatives nor `excluded`, with their
 * summed BM25 scores. Exclusions are only checked on the documents that matched.
 */
export function evaluateQuery<L extends ListView>(
  reader: IndexReader<L>,
  clauses: PreparedAlternative<L>[][],
  without: PreparedAlternative<L>[] = [],
  excluded?: Set<number>,
): Matches {
  const { score, round, nextRound } = reader.scratch();
  const usable = clauses.map((clause) => clause.filter((alt) => alt.words.every((lists) => lists.length > 0)));
  if (usable.length === 0 || usable.some((clause) => clause.length === 0)) return { docs: [], score };
  const order = usable.sort((a, b) => clauseSize(a) - clauseSize(b));

  let r = nextRound();
  let candidates: number[] = [];
  const first: OnMatch = (doc, s) => {
    if (round[doc] !== r) {
      if (!reader.isAlive(doc) || excluded?.has(doc)) return;
      round[doc] = r;
      score[doc] = 0;
      candidates.push(doc);
    }
    score[doc]! += s;
  };
  matchClause(reader, order[0]!, null, first);

  for (const clause of order.slice(1)) {
    if (candidates.length === 0) break;
    const previous = r;
    const next = nextRound();
    const inRunning = (doc: number) => round[doc] === previous || round[doc] === next;
    const onMatch: OnMatch = (doc, s) => {
      if (!inRunning(doc)) return;
      round[doc] = next;
      score[doc]! += s;
    };
    matchClause(reader, clause, { docs: candidates, has: inRunning }, onMatch);
    candidates = candidates.filter((doc) => round[doc] === next);
    r = next;
  }

  const usableWithout = without.filter((alt) => alt.words.every((lists) => lists.length > 0));
  if (usableWithout.length > 0 && candidates.length > 0) {
    const kept = r;
    const out = nextRound();
    const has = (doc: number) => round[doc] === kept;
    for (const alt of usableWithout) {
      matchAlternative(reader, alt, { docs: candidates, has }, (doc) => {
        if (has(doc)) round[doc] = out;
      });
    }
    candidates = candidates.filter((doc) => round[doc] === kept);
  }
  return { docs: candidates, score };
}

/** The fields in which an alternative matches one document (for its reasons). */
export function fieldsMatching<L extends ListView>(reader: IndexReader<L>, alt: PreparedAlternative<L>, doc: number): number[] {
  const fields = new Set<number>();
  if (!alt.phrase) {
    if (alt.words.some((lists) => !lists.some((list) => indexOf(list.docs, doc) >= 0))) return [];
    for (const lists of alt.words) for (const list of lists) if (indexOf(list.docs, doc) >= 0) fields.add(list.field);
    return [...fields];
  }
  for (const field of fieldsOf(alt)) {
    const inField = alt.words.map((lists) => lists.filter((list) => list.field === field));
    if (phraseScore(reader, inField, doc) !== undefined) fields.add(field);
  }
  return [...fields];
}

// Scratch for clauses of several alternatives: each alternative's score, then the best per document.
let altScore = new Float64Array(0);
let altMark = new Int32Array(0);
let bestScore = new Float64Array(0);
let bestMark = new Int32Array(0);
let mark = 0;

/**
 * A clause's matches: an alternative's own, or for several alternatives the best of them per
 * document, so a paper that writes both `MoE` and "mixture of experts" is not counted twice.
 */
function matchClause<L extends ListView>(reader: IndexReader<L>, clause: PreparedAlternative<L>[], only: Restriction | null, onMatch: OnMatch): void {
  if (clause.length === 1) {
    const weight = clause[0]!.weight ?? 1;
    matchAlternative(reader, clause[0]!, only, weight === 1 ? onMatch : (doc, s) => onMatch(doc, s * weight));
    return;
  }
  const bestRound = ++mark;
  const touched: number[] = [];
  for (const alt of clause) {
    const round = ++mark;
    const docs: number[] = [];
    const weight = alt.weight ?? 1;
    matchAlternative(reader, alt, only, (doc, s) => {
      if (doc >= altMark.length) growScratch(doc + 1);
      if (altMark[doc] !== round) {
        altMark[doc] = round;
        altScore[doc] = 0;
        docs.push(doc);
      }
      altScore[doc]! += s * weight;
    });
    for (const doc of docs) {
      if (bestMark[doc] !== bestRound) {
        bestMark[doc] = bestRound;
        bestScore[doc] = altScore[doc]!;
        touched.push(doc);
      } else if (altScore[doc]! > bestScore[doc]!) bestScore[doc] = altScore[doc]!;
    }
  }
  for (const doc of touched) onMatch(doc, bestScore[doc]!);
}

function growScratch(size: number): void {
  const capacity = Math.max(1024, size * 2);
  const grow = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
    const next = make(capacity);
    next.set(old as never);
    return next;
  };
  altScore = grow(altScore, (n) => new Float64Array(n));
  altMark = grow(altMark, (n) => new Int32Array(n));
  bestScore = grow(bestScore, (n) => new Float64Array(n));
  bestMark = grow(bestMark, (n) => new Int32Array(n));
}

interface Restriction {
  docs: number[];
  has(doc: number): boolean;
}

function matchAlternative<L extends ListView>(reader: IndexReader<L>, alt: PreparedAlternative<L>, only: Restriction | null, onMatch: OnMatch): void {
  if (!alt.phrase && alt.words.length === 1) {
    for (const list of alt.words[0]!) scanOrProbe(reader, list, only, onMatch);
    return;
  }
  if (alt.phrase) {
    for (const field of fieldsOf(alt)) {
      const inField = alt.words.map((lists) => lists.filter((list) => list.field === field));
      if (inField.some((lists) => lists.length === 0)) continue;
      forEachBase(inField, only, (doc) => {
        const s = phraseScore(reader, inField, doc);
        if (s !== undefined) onMatch(doc, s);
      });
    }
    return;
  }
  forEachBase(alt.words, only, (doc) => {
    let total = 0;
    for (const lists of alt.words) {
      let found = false;
      for (const list of lists) {
        const at = indexOf(list.docs, doc);
        if (at < 0) continue;
        found = true;
        total += reader.weight(list, at);
      }
      if (!found) return;
    }
    onMatch(doc, total);
  });
}

/** One word's list: read whole when short, else looked up for each document still in the running. */
function scanOrProbe<L extends ListView>(reader: IndexReader<L>, list: L, only: Restriction | null, onMatch: OnMatch): void {
  const docs = list.docs;
  if (only && docs.length > only.docs.length * PROBE_RATIO) {
    for (const doc of only.docs) {
      const at = indexOf(docs, doc);
      if (at >= 0) onMatch(doc, reader.weight(list, at));
    }
    return;
  }
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    if (only && !only.has(doc)) continue;
    onMatch(doc, reader.weight(list, i));
  }
}

/**
 * Calls `visit` once for each document that may match a multi-word alternative: those of its
 * rarest word, or the documents still in the running when there are fewer of them.
 */
function forEachBase(words: ListView[][], only: Restriction | null, visit: (doc: number) => void): void {
  let rarest = words[0]!;
  for (const lists of words) if (size(lists) < size(rarest)) rarest = lists;
  if (only && size(rarest) > only.docs.length * PROBE_RATIO) {
    for (const doc of only.docs) visit(doc);
    return;
  }
  const seen = rarest.length > 1 ? new Set<number>() : undefined;
  for (const list of rarest) {
    for (let i = 0; i < list.docs.length; i++) {
      const doc = list.docs[i]!;
      if (only && !only.has(doc)) continue;
      if (seen) {
        if (seen.has(doc)) continue;
        seen.add(doc);
      }
      visit(doc);
    }
  }
}

const scratchPositions: number[][] = [];
const scratchAt: number[] = [];
/** Per word of a phrase, where the document sits in each of its lists (-1: absent). */
const scratchHits: number[][] = [];

/**
 * The summed weight of a phrase's words in one document when they stand together, in order, in
 * the lists given (all of one field); undefined when they do not. Every word's presence is
 * checked before any position is read.
 */
function phraseScore<L extends ListView>(reader: IndexReader<L>, words: L[][], doc: number): number | undefined {
  for (let j = 0; j < words.length; j++) {
    const at = (scratchHits[j] ??= []);
    at.length = 0;
    let found = false;
    for (const list of words[j]!) {
      const i = indexOf(list.docs, doc);
      at.push(i);
      if (i >= 0) found = true;
    }
    if (!found) return undefined;
  }
  let total = 0;
  let starts: number[] | undefined;
  for (let j = 0; j < words.length; j++) {
    const at = (scratchPositions[j] ??= []);
    at.length = 0;
    const lists = words[j]!;
    const hits = scratchHits[j]!;
    for (let k = 0; k < lists.length; k++) {
      const i = hits[k]!;
      if (i < 0) continue;
      reader.positions(lists[k]!, i, at);
      total += reader.weight(lists[k]!, i);
    }
    if (j === 0) {
      starts = scratchAt;
      starts.length = 0;
      for (const p of at) starts.push(p);
    } else {
      let kept = 0;
      for (const start of starts!) if (at.includes(start + j)) starts![kept++] = start;
      starts!.length = kept;
    }
    if (starts!.length === 0) return undefined;
  }
  return total;
}

function fieldsOf(alt: PreparedAlternative<ListView>): number[] {
  return [...new Set(alt.words[0]!.map((list) => list.field))];
}

function size(lists: ListView[]): number {
  let n = 0;
  for (const list of lists) n += list.docs.length;
  return n;
}

/** An alternative has at most as many documents as its rarest word. */
function clauseSize(clause: PreparedAlternative<ListView>[]): number {
  let n = 0;
  for (const alt of clause) n += Math.min(...alt.words.map(size));
  return n;
}

/** Binary search in an ascending list; -1 when absent. */
export function indexOf(sorted: ArrayLike<number>, value: number): number {
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

const pairA: number[] = [];
const pairB: number[] = [];

/**
 * How many consecutive pairs of `words` stand next to each other, in order, in one field of the
 * document (query words that stand together, as in a title or a keyword, say more than scattered ones).
 */
export function adjacentPairs<L extends ListView>(reader: IndexReader<L>, words: L[][], doc: number): number {
  let pairs = 0;
  for (let j = 0; j + 1 < words.length; j++) {
    const fields = new Set(words[j]!.map((list) => list.field));
    for (const field of fields) {
      if (!collect(reader, words[j]!, field, doc, pairA) || !collect(reader, words[j + 1]!, field, doc, pairB)) continue;
      if (pairA.some((p) => pairB.includes(p + 1))) {
        pairs++;
        break;
      }
    }
  }
  return pairs;
}

/** The positions of one word in one field of a document into `out`; false when it has none. */
function collect<L extends ListView>(reader: IndexReader<L>, lists: L[], field: number, doc: number, out: number[]): boolean {
  out.length = 0;
  for (const list of lists) {
    if (list.field !== field) continue;
    const i = indexOf(list.docs, doc);
    if (i >= 0) reader.positions(list, i, out);
  }
  return out.length > 0;
}

/** The BM25 weight of a document's occurrences of the words in exactly the forms their lists accept. */
export function exactFormScore<L extends ListView>(reader: IndexReader<L>, words: L[][], doc: number): number {
  let total = 0;
  for (const lists of words) {
    for (const list of lists) {
      const i = indexOf(list.docs, doc);
      if (i < 0) continue;
      pairA.length = 0;
      reader.positions(list, i, pairA);
      if (pairA.length > 0) total += reader.weightOf(list, i, pairA.length);
    }
  }
  return total;
}
