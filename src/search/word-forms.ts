import type { Word } from './text.js';

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

/**
 * The word forms people type (folded, unstemmed) and the stems they index under. Each stem's forms
 * are numbered (its variants), so an occurrence in the index can say which form it was written as.
 */
export class WordForms {
  private readonly variantOf = new Map<string, number>();
  private readonly formsOf = new Map<string, string[]>();
  private sorted: string[] | undefined;
  private readonly expansions = new Map<string, PrefixExpansion>();

  /** The variant id of a word's form under its stem, numbering a new form. */
  variant(word: Word & { term: string }): number {
    const known = this.variantOf.get(word.form);
    if (known !== undefined) return known;
    const forms = this.formsOf.get(word.term) ?? [];
    if (forms.length === 0) this.formsOf.set(word.term, forms);
    const id = Math.min(forms.length, MAX_VARIANT);
    forms.push(word.form);
    this.variantOf.set(word.form, id);
    this.sorted = undefined;
    this.expansions.clear();
    return id;
  }

  /** The variant id of a folded form, or undefined when no paper has it. */
  variantOfForm(form: string): number | undefined {
    return this.variantOf.get(form);
  }

  /**
   * The forms starting with `prefix` (binary search in the sorted forms), grouped by stem. When more
   * than MAX_PREFIX_WORDS do, those of the stems in most documents (`frequency`) are kept.
   */
  expand(prefix: string, stemOf: (form: string) => string | null, frequency: (stem: string) => number): PrefixExpansion {
    const cached = this.expansions.get(prefix);
    if (cached) return cached;
    this.sorted ??= [...this.variantOf.keys()].sort();
    const sorted = this.sorted;
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
      const forms = this.formsOf.get(stem) ?? [];
      if (!capped && forms.every((f) => f.startsWith(prefix))) {
        stems.set(stem, null);
        continue;
      }
      const variants = stems.get(stem) ?? new Set<number>();
      variants.add(this.variantOf.get(form)!);
      stems.set(stem, variants);
    }
    const expansion = { words: found, stems, capped };
    if (this.expansions.size >= 1_000) this.expansions.clear();
    this.expansions.set(prefix, expansion);
    return expansion;
  }
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
