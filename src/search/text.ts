// Porter2 (Snowball English): unlike the original Porter it keeps `general` apart from `generation`.
import stem from 'wink-porter2-stemmer';

// Words too common in abstracts to say anything about a paper; dropped on both sides.
const STOP_WORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or that the this to was we were which with'.split(' '),
);

const NOT_A_WORD = /[^\p{L}\p{N}]+/u;

// The vocabulary of papers is small next to their text: remembering each word's term saves
// stemming the same word again, which is most of the cost of indexing and of phrase checks.
const termCache = new Map<string, string | null>();
const TERM_CACHE_LIMIT = 500_000;

/** Lower case, accents folded, stemmed; null for a stop word. */
export function normalizeTerm(term: string): string | null {
  let cached = termCache.get(term);
  if (cached === undefined) {
    cached = computeTerm(term);
    if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
    termCache.set(term, cached);
  }
  return cached;
}

function computeTerm(term: string): string | null {
  const lower = term.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  if (!lower || STOP_WORDS.has(lower)) return null;
  return /^\p{L}+$/u.test(lower) ? stem(lower) : lower;
}

/**
 * The normalised terms of a text, in order: what the index holds and what phrases compare.
 * Words are split on anything that is not a letter or a digit, keeping words like `gpt4` whole.
 */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of text.split(NOT_A_WORD)) {
    if (!word) continue;
    const term = normalizeTerm(word);
    if (term) out.push(term);
  }
  return out;
}
