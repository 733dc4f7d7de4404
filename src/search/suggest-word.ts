import { distance } from 'fastest-levenshtein';
import { SEARCH_FIELDS, type PaperIndex, type SearchField } from './paper-index.js';
import { parseQuery, type ParsedQuery, type QueryField, type QueryTerm } from './query.js';
import { analyzeWord, foldWord, words } from './text.js';
import { knownForms } from './word-forms.js';

export interface Correction {
  /** The query as typed, with each unknown word replaced by its nearest indexed word. */
  text: string;
  query: ParsedQuery;
  /** How many papers the corrected query matches (0 when fixing the spelling is not enough). */
  total: number;
}

/** How far a word may be from its suggestion: one edit for short words, two for longer ones. */
export function maxEdits(form: string): number {
  return form.length <= 5 ? 1 : 2;
}

/** Each unknown word is compared with every indexed form, so only the first few of a query are corrected. */
export const MAX_CORRECTED_WORDS = 3;

const FIELDS_OF: Record<QueryField, SearchField[]> = { any: [...SEARCH_FIELDS], author: ['authors'], org: ['organization'], title: ['title'] };

/**
 * For a query that matched nothing: each plain word, or word of a phrase, that matches nothing on its own (the first
 * MAX_CORRECTED_WORDS of them) is replaced by the nearest word the papers have (fewest edits, then
 * in most papers); null when no word was replaced. `count` says how many papers a query matches.
 */
export function suggestCorrection(index: PaperIndex, text: string, query: ParsedQuery, count: (q: ParsedQuery) => number): Correction | null {
  const replacements = new Map<string, string>();
  const unknown = new Set<string>();
  // A phrase's words are looked at one by one: `"difusion model"` has one unknown word.
  const candidates = query.clauses.flat().flatMap((term) =>
    term.prefix ? [] : term.phrase ? words(term.text).map((word) => ({ term: { ...term, phrase: false }, typed: word })) : [{ term, typed: term.text }],
  );
  for (const { term, typed } of candidates) {
    if (unknown.has(typed.toLowerCase()) || !isPlainWord(typed)) continue;
    if (unknown.size >= MAX_CORRECTED_WORDS) break;
    if (count(alone(term, typed)) > 0) continue;
    unknown.add(typed.toLowerCase());
    const nearest = nearestWord(foldWord(typed), (form) => papersWith(index, form, term.field));
    if (nearest) replacements.set(typed.toLowerCase(), nearest);
  }
  if (replacements.size === 0) return null;
  let corrected = text;
  for (const [typed, nearest] of replacements) {
    corrected = corrected.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escape(typed)}(?![\\p{L}\\p{N}])`, 'giu'), nearest);
  }
  try {
    const fixed = parseQuery(corrected);
    return { text: corrected, query: fixed, total: count(fixed) };
  } catch {
    return null;
  }
}

function isPlainWord(text: string): boolean {
  const parts = words(text);
  return parts.length === 1 && parts[0] === text && analyzeWord(text).term !== null && /\p{L}/u.test(text);
}

/** About how many papers have the word in the field (a paper is counted once per field): cheap enough to rank every candidate. */
function papersWith(index: PaperIndex, form: string, field: QueryField): number {
  const term = analyzeWord(form).term;
  if (!term) return 0;
  return FIELDS_OF[field].reduce((sum, name) => sum + index.inverted.documentFrequency(term, SEARCH_FIELDS.indexOf(name)), 0);
}

function alone(term: QueryTerm, text: string): ParsedQuery {
  return { clauses: [[{ ...term, text }]], excluded: [] };
}

/**
 * The indexed form nearest to `form` within maxEdits that finds papers (`found` > 0): fewest edits
 * first, then the one finding most papers, then alphabetical, so the answer never depends on the
 * order words were indexed in.
 */
export function nearestWord(form: string, found: (form: string) => number): string | null {
  const limit = maxEdits(form);
  const byEdits: string[][] = Array.from({ length: limit + 1 }, () => []);
  for (const known of knownForms()) {
    if (Math.abs(known.length - form.length) > limit) continue;
    const edits = editsBetween(form, known);
    if (edits > 0 && edits <= limit) byEdits[edits]!.push(known);
  }
  for (const candidates of byEdits) {
    let best: { form: string; found: number } | null = null;
    for (const candidate of candidates.sort()) {
      const n = found(candidate);
      if (n > (best?.found ?? 0)) best = { form: candidate, found: n };
    }
    if (best) return best.form;
  }
  return null;
}

/** Levenshtein distance, except that swapping two neighbouring letters (`vidoe`) is one edit, as people make it. */
export function editsBetween(a: string, b: string): number {
  const edits = distance(a, b);
  return edits === 2 && isSwap(a, b) ? 1 : edits;
}

function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let at = 0;
  while (at < a.length && a[at] === b[at]) at++;
  return a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
