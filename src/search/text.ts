// Porter2 (Snowball English): unlike the original Porter it keeps `general` apart from `generation`.
import stem from 'wink-porter2-stemmer';

// Words too common in abstracts to say anything about a paper; dropped on both sides.
const STOP_WORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or that the this to was we were which with'.split(' '),
);

const NOT_A_WORD = /[^\p{L}\p{N}]+/u;

/**
 * A word as written, folded (`form`: lower case, accents dropped), its indexed term (`term`: null
 * for a stop word) and which of its term's forms it is (`variant`: numbered when a paper is indexed
 * with it, -1 before, so the words of queries never enter the vocabulary).
 */
export interface Word {
  form: string;
  term: string | null;
  variant: number;
}

// The vocabulary of papers is small next to their text: remembering each word's analysis saves
// stemming the same word again, which is most of the cost of indexing.
const wordCache = new Map<string, Word>();
const WORD_CACHE_LIMIT = 500_000;

/**
 * An acronym's plural as its singular (`llms` → `llm`, `gpus` → `gpu`): Porter2 keeps the `s` of a
 * word without vowels, or with its only vowel just before the `s`, so `LLMs` and `LLM` would differ.
 */
function acronymSingular(form: string): string {
  return /^[^aeiouy]{2,}s$/.test(form) || /^[a-z]pus$/.test(form) ? form.slice(0, -1) : form;
}

/** Lower case with accents folded: the form prefixes are matched against. */
export function foldWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

export function analyzeWord(word: string): Word {
  let cached = wordCache.get(word);
  if (cached === undefined) {
    const form = foldWord(word);
    const term = !form || STOP_WORDS.has(form) ? null : /^\p{L}+$/u.test(form) ? stem(acronymSingular(form)) : form;
    cached = { form, term, variant: -1 };
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    wordCache.set(word, cached);
  }
  return cached;
}

/** Lower case, accents folded, stemmed; null for a stop word. */
export function normalizeTerm(term: string): string | null {
  return analyzeWord(term).term;
}

/** The words of a text as written, split on anything that is not a letter or a digit (`gpt4` stays whole). */
export function words(text: string): string[] {
  return text.split(NOT_A_WORD).filter((word) => word.length > 0);
}

/** The normalised terms of a text, in order: what the index holds and what phrases compare. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of text.split(NOT_A_WORD)) {
    if (!word) continue;
    const term = analyzeWord(word).term;
    if (term) out.push(term);
  }
  return out;
}

/** Forgets the remembered analyses (after a batch is indexed, the cache is mostly words never seen again). */
export function forgetWords(): void {
  wordCache.clear();
}
