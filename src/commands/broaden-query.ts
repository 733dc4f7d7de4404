import { simplify } from '../search/query-cnf.js';
import { tokenize } from '../search/query-tokens.js';
import { canonicalQuery, parseQuery, searchable, showTerm, type ParsedQuery, type QueryTerm } from '../search/query.js';

export function formatQuery(query: ParsedQuery): string {
  return [...query.clauses.map((c) => c.map(showTerm).join(' OR ')), ...query.excluded.map((t) => `-${showTerm(t)}`)].join(' ');
}

/**
 * A looser query that still finds something: the rarest clauses left out (those that alone match
 * fewest papers, so the word order does not matter) with phrases, fields and exclusions kept; then
 * phrases unquoted, exclusions and fields dropped, and the rarest clauses of that left out; null
 * when none of these helps. Only a query that parses back to what was counted is offered. `count`
 * says how many papers a query matches.
 */
export function broadenQuery(query: ParsedQuery, count: (q: ParsedQuery) => number): string | null {
  // A lone phrase becomes its words, each a clause of its own.
  const unquoted = writable(query.clauses.flatMap((clause) =>
    clause.length === 1 && clause[0]!.phrase
      ? clause[0]!.text.split(' ').map((word) => [{ ...clause[0]!, text: word, phrase: false }])
      : [clause],
  ));
  const loose = writable(unquoted.map((c) => c.map((t) => ({ ...t, field: 'any' as const }))));
  const tried = new Set([formatQuery(query)]);
  const hits = (step: ParsedQuery) => {
    const clauses = writable(step.clauses);
    if (clauses.length === 0) return null;
    const text = formatQuery({ clauses, excluded: step.excluded });
    if (tried.has(text)) return null;
    tried.add(text);
    const parsed = parsesAs(text, { clauses, excluded: step.excluded });
    return parsed && count(parsed) > 0 ? text : null;
  };
  const first = (steps: Iterable<ParsedQuery>) => {
    for (const step of steps) {
      const found = hits(step);
      if (found) return found;
    }
    return null;
  };
  return (
    first(leavingOutRarest(writable(query.clauses), query.excluded, count)) ??
    first([{ clauses: unquoted, excluded: query.excluded }, { clauses: unquoted, excluded: [] }, { clauses: loose, excluded: [] }]) ??
    first(leavingOutRarest(loose, [], count))
  );
}

/** The clauses with the rarest one left out, then the two rarest, and so on while one is left. */
function* leavingOutRarest(clauses: QueryTerm[][], excluded: QueryTerm[], count: (q: ParsedQuery) => number): Generator<ParsedQuery> {
  if (clauses.length < 2) return;
  const rarestFirst = clauses
    .map((clause) => ({ clause, alone: count({ clauses: [clause], excluded: [] }), key: clause.map(showTerm).map((t) => t.toLowerCase()).sort().join(' OR ') }))
    .sort((a, b) => a.alone - b.alone || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let dropped = 1; dropped < clauses.length; dropped++) {
    const gone = new Set(rarestFirst.slice(0, dropped).map(({ clause }) => clause));
    yield { clauses: clauses.filter((clause) => !gone.has(clause)), excluded };
  }
}

/**
 * Clauses as they can be typed: terms search ignores (stop words, such as an unquoted phrase's
 * `or`) left out, and a word that would read as query syntax once unquoted (`ratio:2`, `(video`)
 * kept in quotes.
 */
function writable(clauses: QueryTerm[][]): QueryTerm[][] {
  return clauses
    .map((clause) => clause.filter(searchable).map((term) => (term.field === 'any' && !term.phrase && !term.prefix && !readsAsWord(term.text) ? { ...term, phrase: true } : term)))
    .filter((clause) => clause.length > 0);
}

/** Whether `text` typed alone is that one plain word. */
function readsAsWord(text: string): boolean {
  if (text.toLowerCase() === 'or') return false;
  try {
    const tokens = tokenize(text);
    const token = tokens[0];
    return tokens.length === 1 && token?.kind === 'term' && !token.negated && !token.term.phrase && !token.term.prefix && token.term.field === 'any' && token.term.text === text;
  } catch {
    return false;
  }
}

/** The query `text` parses to, when that is `meant`; else null. */
function parsesAs(text: string, meant: ParsedQuery): ParsedQuery | null {
  try {
    const parsed = parseQuery(text);
    return canonicalQuery(parsed) === canonicalQuery(simplify(meant)) ? parsed : null;
  } catch {
    return null;
  }
}
