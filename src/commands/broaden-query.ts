import type { ParsedQuery, QueryTerm } from '../search/query.js';

function show(term: QueryTerm): string {
  const text = term.phrase ? `"${term.text}"` : `${term.text}${term.prefix ? '*' : ''}`;
  return term.field === 'any' ? text : `${term.field}:${text}`;
}

export function formatQuery(query: ParsedQuery): string {
  return [...query.clauses.map((c) => c.map(show).join(' OR ')), ...query.excluded.map((t) => `-${show(t)}`)].join(' ');
}

/**
 * A looser query that still finds something: phrases unquoted, then exclusions and fields
 * dropped, then the rarest clauses left out (those that alone match fewest papers, so the word
 * order does not matter); null when none of these helps. `count` says how many papers a query matches.
 */
export function broadenQuery(query: ParsedQuery, count: (q: ParsedQuery) => number): string | null {
  // A lone phrase becomes its words, each a clause of its own.
  const unquoted = query.clauses.flatMap((clause) =>
    clause.length === 1 && clause[0]!.phrase
      ? clause[0]!.text.split(' ').map((word) => [{ ...clause[0]!, text: word, phrase: false }])
      : [clause],
  );
  const loose = unquoted.map((c) => c.map((t) => ({ ...t, field: 'any' as const })));
  const original = formatQuery(query);
  const tried = new Set([original]);
  const hits = (step: ParsedQuery) => {
    const text = formatQuery(step);
    if (tried.has(text) || step.clauses.length === 0) return null;
    tried.add(text);
    return count(step) > 0 ? text : null;
  };
  for (const step of [{ clauses: unquoted, excluded: query.excluded }, { clauses: unquoted, excluded: [] }, { clauses: loose, excluded: [] }]) {
    const found = hits(step);
    if (found) return found;
  }
  const rarestFirst = loose
    .map((clause) => ({ clause, alone: count({ clauses: [clause], excluded: [] }), key: clause.map(show).map((t) => t.toLowerCase()).sort().join(' OR ') }))
    .sort((a, b) => a.alone - b.alone || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let dropped = 1; dropped < loose.length; dropped++) {
    const gone = new Set(rarestFirst.slice(0, dropped).map(({ clause }) => clause));
    const found = hits({ clauses: loose.filter((clause) => !gone.has(clause)), excluded: [] });
    if (found) return found;
  }
  return null;
}
