/** A prefix's expansion: the word forms it covers and, per stem they index under, which of the stem's forms. */
export interface PrefixExpansion {
  /** Folded word forms starting with the prefix, at most MAX_PREFIX_WORDS of them. */
  words: string[];
  /** Stem → the variant ids of its forms that start with the prefix; null when all of them do. */
  stems: Map<string, Set<number> | null>;
  /** More words start with the prefix than were searched. */
  capped: boolean;
}

/** How many words a `prefix*` expands to at most; beyond it, the words of the most frequent stems. */
export const MAX_PREFIX_WORDS = 200;
/** How many words a prefix looks at before it stops, so a one-letter prefix costs no more than this. */
const MAX_PREFIX_SCAN = 20_000;
/** Variant ids fit 10 bits of a position code; forms past the 1023rd of one stem share the last id. */
export const VARIANT_BITS = 10;
const MAX_VARIANT = (1 << VARIANT_BITS) - 1;

// The word forms people type (folded, unstemmed) and the stems they index under. Each stem's forms
// are numbered once for the process (its variants), so an occurrence in any index can say which
// form it was written as. The vocabulary is small next to the text (about 150,000 forms for 10,000
// papers), and ids must never change, so this is never trimmed.
const formsOf = new Map<string, string[]>();
let formCount = 0;
let sorted: string[] | undefined;
/** Forms numbered since `sorted` was made, merged into it when next needed. */
let unsorted: string[] = [];

/** The variant id of a folded form under its stem, numbering a new form. */
export function formVariant(form: string, stem: string): number {
  let forms = formsOf.get(stem);
  if (!forms) formsOf.set(stem, (forms = []));
  const known = forms.indexOf(form);
  if (known >= 0) return Math.min(known, MAX_VARIANT);
  forms.push(form);
  formCount++;
  if (sorted) unsorted.push(form);
  return Math.min(forms.length - 1, MAX_VARIANT);
}

/** A folded form's variant id under its stem, if it was ever indexed (a form is only ever under one stem). */
function variantIn(forms: string[] | undefined, form: string): number | undefined {
  const id = forms?.indexOf(form) ?? -1;
  return id >= 0 && id <= MAX_VARIANT ? id : undefined;
}

/**
 * The forms starting with `prefix` (binary search in the sorted forms), grouped by stem. When more
 * than MAX_PREFIX_WORDS do, those of the stems in most documents (`frequency`) are kept.
 */
export function expandPrefix(prefix: string, stemOf: (form: string) => string | null, frequency: (stem: string) => number): PrefixExpansion {
  const sorted = sortedForms();
  let found: string[] = [];
  for (let i = lowerBound(sorted, prefix); i < sorted.length && found.length < MAX_PREFIX_SCAN && sorted[i]!.startsWith(prefix); i++) {
    found.push(sorted[i]!);
  }
  const capped = found.length > MAX_PREFIX_WORDS;
  if (capped) {
    const rank = new Map(found.map((form) => [form, frequency(stemOf(form) ?? '')]));
    found = found.sort((a, b) => rank.get(b)! - rank.get(a)! || (a < b ? -1 : 1)).slice(0, MAX_PREFIX_WORDS).sort();
  }
  const stems = new Map<string, Set<number> | null>();
  for (const form of found) {
    const stem = stemOf(form);
    if (!stem || stems.get(stem) === null) continue;
    // A stem whose every form starts with the prefix is read whole, capped or not: no narrowing needed.
    if ((formsOf.get(stem) ?? []).every((f) => f.startsWith(prefix))) {
      stems.set(stem, null);
      continue;
    }
    const variants = stems.get(stem) ?? new Set<number>();
    variants.add(variantIn(formsOf.get(stem), form) ?? MAX_VARIANT);
    stems.set(stem, variants);
  }
  return { words: found, stems, capped };
}

/** Every form, sorted: kept up to date as forms are numbered, so a prefix never waits for a full sort after a refresh. */
export function sortedForms(): string[] {
  if (!sorted) sorted = [...formsOf.values()].flat().sort();
  else if (unsorted.length > 0) sorted = mergeSorted(sorted, unsorted.sort());
  unsorted = [];
  return sorted;
}

function mergeSorted(a: string[], b: string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < out.length; k++) out[k] = j >= b.length || (i < a.length && a[i]! < b[j]!) ? a[i++]! : b[j++]!;
  return out;
}

function lowerBound(list: string[], value: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Every stem's forms in the order of their variant ids, flat, and the sorted order of all forms. */
export interface StoredForms {
  stems: string[];
  /** Each stem's forms in turn. */
  forms: string[];
  /** How many forms each stem has. */
  counts: Int32Array;
  /** The forms in sorted order, as indexes into `forms`. */
  sorted: Int32Array;
}

export function exportForms(): StoredForms {
  const stems = [...formsOf.keys()];
  const forms = [...formsOf.values()].flat();
  const at = new Map(forms.map((form, i) => [form, i]));
  return { stems, forms, counts: Int32Array.from(formsOf.values(), (list) => list.length), sorted: Int32Array.from(sortedForms(), (form) => at.get(form)!) };
}

/**
 * Learns a stored index's forms. Returns, per stem whose forms this process numbers differently
 * (it indexed other papers first), the stored variant id → this process's; empty in a fresh process.
 */
export function importForms(stored: StoredForms): Map<string, Int32Array> {
  const remap = new Map<string, Int32Array>();
  const fresh = formCount === 0;
  let at = 0;
  stored.stems.forEach((stem, s) => {
    const forms = stored.forms.slice(at, (at += stored.counts[s]!));
    if (fresh) {
      formsOf.set(stem, forms);
      formCount += forms.length;
      return;
    }
    let ids: Int32Array | undefined;
    for (let i = 0; i < forms.length; i++) {
      const id = formVariant(forms[i]!, stem);
      if (id === Math.min(i, MAX_VARIANT)) continue;
      ids ??= Int32Array.from(forms, (_, k) => Math.min(k, MAX_VARIANT));
      ids[i] = id;
    }
    if (ids) remap.set(stem, ids);
  });
  // The stored order saves sorting every form at start, when it is the whole vocabulary.
  if (fresh) {
    sorted = Array.from(stored.sorted, (i) => stored.forms[i]!);
    unsorted = [];
  }
  return remap;
}

/** Every folded word form seen in an indexed paper (for suggestions; it may include removed papers' words). */
export function knownForms(): Iterable<string> {
  return sortedForms();
}

/**
 * The variant ids under `stem` of the given folded forms: null when they are all of the stem's
 * forms (no narrowing needed), empty when none of them was ever indexed.
 */
export function variantsOf(forms: string[], stem: string): Set<number> | null {
  const all = formsOf.get(stem) ?? [];
  const wanted = new Set<number>();
  for (const form of forms) {
    const id = variantIn(all, form);
    if (id !== undefined && all[id] === form) wanted.add(id);
  }
  return wanted.size > 0 && wanted.size === Math.min(all.length, MAX_VARIANT + 1) ? null : wanted;
}
