import { toClauses } from './query-cnf.js';
import { tokenize } from './query-tokens.js';
import { parseTree } from './query-tree.js';
import { QueryError, type ParsedQuery, type QueryTerm } from './query-types.js';
import { foldWord, terms, words } from './text.js';

export { QUERY_FIELDS, QueryError, showTerm, type ParsedQuery, type QueryField, type QueryTerm } from './query-types.js';

export const MAX_QUERY_LENGTH = 256;

/**
 * The query language shared by search and topics: words (all must match), `"exact phrase"`,
 * `-excluded`, `OR` (or `or`) between alternatives, `(groups)`, `prefix*`, and `author:`, `org:`,
 * `title:` fields. The result is always clauses that must all match, each a set of alternatives.
 */
export function parseQuery(input: string): ParsedQuery {
  const source = input.trim();
  if (!source) throw new QueryError('Type something to search for, e.g. `diffusion transformer`.');
  if (source.length > MAX_QUERY_LENGTH) {
    throw new QueryError(`That query is ${source.length} characters; keep it under ${MAX_QUERY_LENGTH}.`);
  }
  const { clauses, excluded } = toClauses(parseTree(tokenize(source), source));
  if (clauses.length === 0) {
    throw new QueryError('Add at least one word to look for: exclusions like `-video` only narrow a search.');
  }
  if (!clauses.flat().some(searchable)) {
    throw new QueryError('Those words are too common to search for; add a more specific one, e.g. `retrieval`.');
  }
  return { clauses, excluded };
}

/**
 * Whether search has anything to look for in a term: a word or phrase that is not only stop words,
 * or a `prefix*` whose beginning is not empty (`in*` starts `index`, though `in` alone is a stop word).
 * As search prepares terms: a prefix's last word is matched folded, not stemmed.
 */
export function searchable(term: QueryTerm): boolean {
  if (term.prefix && foldWord(words(term.text).at(-1) ?? '') !== '') return true;
  return terms(term.prefix ? words(term.text).slice(0, -1).join(' ') : term.text).length > 0;
}

/** One spelling per meaning, so `subscribe` can refuse a topic the channel already has. */
export function canonicalQuery(query: ParsedQuery): string {
  const show = (term: QueryTerm) => {
    const text = term.phrase ? `"${term.text.toLowerCase()}"` : term.text.toLowerCase() + (term.prefix ? '*' : '');
    return term.field === 'any' ? text : `${term.field}:${text}`;
  };
  const unique = (list: string[]) => [...new Set(list)].sort();
  const clauses = unique(query.clauses.map((clause) => unique(clause.map(show)).join(' OR ')));
  const excluded = unique(query.excluded.map((term) => `-${show(term)}`));
  return [...clauses, ...excluded].join(' ');
}

/** A query stored earlier (a topic, a follow); null for one the query language no longer accepts (it matches nothing). */
export function parseStoredQuery(text: string): ParsedQuery | null {
  try {
    return parseQuery(text);
  } catch (error) {
    if (error instanceof QueryError) return null;
    throw error;
  }
}
