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
 * dropped, then the last clause left out; null when none of these helps.
 */
export function broadenQuery(query: ParsedQuery, hasHits: (q: ParsedQuery) => boolean): string | null {
  // A lone phrase becomes its words, each a clause of its own.
  const unquoted = query.clauses.flatMap((clause) =>
    clause.length === 1 && clause[0]!.phrase
      ? clause[0]!.text.split(' ').map((word) => [{ ...clause[0]!, text: word, phrase: false }])
      : [clause],
  );
  const steps: ParsedQuery[] = [
    { clauses: unquoted, excluded: query.excluded },
    { clauses: unquoted, excluded: [] },
    { clauses: unquoted.map((c) => c.map((t) => ({ ...t, field: 'any' as const }))), excluded: [] },
  ];
  for (let keep = query.clauses.length - 1; keep >= 1; keep--) steps.push({ clauses: steps[2]!.clauses.slice(0, keep), excluded: [] });
  const original = formatQuery(query);
  for (const step of steps) {
    const text = formatQuery(step);
    if (text !== original && step.clauses.length > 0 && hasHits(step)) return text;
  }
  return null;
}
