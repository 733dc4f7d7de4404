/** The fields a term can be limited to, written `author:hinton`. */
export const QUERY_FIELDS = ['author', 'org', 'title'] as const;

/** Where a term must match: anywhere, or only in one field. */
export type QueryField = 'any' | (typeof QUERY_FIELDS)[number];

export interface QueryTerm {
  text: string;
  /** Written in quotes: its words must stand together and in order. */
  phrase: boolean;
  /** Written as `word*`: matches words that start with it. */
  prefix: boolean;
  field: QueryField;
}

/** A term as it is typed: `author:"first last"`, `retriev*`. */
export function showTerm(term: QueryTerm): string {
  const text = term.phrase ? `"${term.text}"` : `${term.text}${term.prefix ? '*' : ''}`;
  return term.field === 'any' ? text : `${term.field}:${text}`;
}

/** A parsed query: every clause must match; a clause matches when any of its terms does. */
export interface ParsedQuery {
  clauses: QueryTerm[][];
  excluded: QueryTerm[];
}

/** A malformed query; the message says what to type instead. */
export class QueryError extends Error {
  override name = 'QueryError';
}
