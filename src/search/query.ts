import { terms } from './text.js';

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

/** A parsed query: every clause must match; a clause matches when any of its terms does. */
export interface ParsedQuery {
  clauses: QueryTerm[][];
  excluded: QueryTerm[];
}

/** A malformed query; the message says what to type instead. */
export class QueryError extends Error {
  override name = 'QueryError';
}

export const MAX_QUERY_LENGTH = 256;
const FIELD_PREFIX = new RegExp(`^(${QUERY_FIELDS.join('|')}):`, 'i');

interface Token {
  term?: QueryTerm & { negated: boolean };
  or?: true;
}

/**
 * The query language shared by search and topics: words (all must match), `"exact phrase"`,
 * `-excluded`, `OR` between alternatives, `prefix*`, and `author:`, `org:`, `title:` fields.
 */
export function parseQuery(input: string): ParsedQuery {
  const source = input.trim();
  if (!source) throw new QueryError('Type something to search for, e.g. `diffusion transformer`.');
  if (source.length > MAX_QUERY_LENGTH) {
    throw new QueryError(`That query is ${source.length} characters; keep it under ${MAX_QUERY_LENGTH}.`);
  }
  const tokens = tokenize(source);
  const clauses: QueryTerm[][] = [];
  const excluded: QueryTerm[] = [];
  let joinNext = false;
  for (const [index, token] of tokens.entries()) {
    if (token.or) {
      const previous = tokens[index - 1];
      const next = tokens[index + 1];
      if (!previous?.term || !next?.term) {
        throw new QueryError('OR needs a term on each side, e.g. `video OR audio`.');
      }
      if (previous.term.negated || next.term.negated) {
        throw new QueryError('An excluded term cannot be part of OR; write `video OR audio -music`.');
      }
      joinNext = true;
      continue;
    }
    const { negated, ...term } = token.term!;
    if (negated) excluded.push(term);
    else if (joinNext) clauses[clauses.length - 1]!.push(term);
    else clauses.push([term]);
    joinNext = false;
  }
  if (clauses.length === 0) {
    throw new QueryError('Add at least one word to look for: exclusions like `-video` only narrow a search.');
  }
  if (!clauses.flat().some((term) => terms(term.text).length > 0)) {
    throw new QueryError('Those words are too common to search for; add a more specific one, e.g. `retrieval`.');
  }
  return { clauses, excluded };
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    if (/\s/.test(source[i]!)) {
      i++;
      continue;
    }
    const start = i;
    let negated = false;
    if (source[i] === '-') {
      negated = true;
      i++;
      if (i >= source.length || /\s/.test(source[i]!)) {
        throw new QueryError('A `-` must be followed by the word to leave out, e.g. `-video`.');
      }
    }
    let field: QueryField = 'any';
    const fieldMatch = FIELD_PREFIX.exec(source.slice(i));
    if (fieldMatch) {
      field = fieldMatch[1]!.toLowerCase() as QueryField;
      i += fieldMatch[0].length;
      if (i >= source.length || /\s/.test(source[i]!)) {
        throw new QueryError(`\`${fieldMatch[0]}\` needs something after it, e.g. \`${fieldMatch[0]}${example(field)}\`.`);
      }
    }
    if (source[i] === '"') {
      const close = source.indexOf('"', i + 1);
      if (close < 0) {
        throw new QueryError(`The quote opened at \`${source.slice(start, start + 20)}\` is never closed; add a closing \`"\`.`);
      }
      const text = source.slice(i + 1, close).replace(/\s+/g, ' ').trim();
      if (!text) throw new QueryError('Empty quotes `""` have nothing to match; put words between them.');
      tokens.push({ term: { text, phrase: true, prefix: false, field, negated } });
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < source.length && !/\s/.test(source[end]!)) {
      if (source[end] === '"') {
        throw new QueryError('A quote must start a phrase, e.g. `"world model"`; add a space before it.');
      }
      end++;
    }
    const word = source.slice(i, end);
    i = end;
    if (word === 'OR' && !negated && field === 'any') {
      tokens.push({ or: true });
      continue;
    }
    const prefix = word.length > 1 && word.endsWith('*');
    tokens.push({ term: { text: prefix ? word.slice(0, -1) : word, phrase: false, prefix, field, negated } });
  }
  return tokens;
}

function example(field: QueryField): string {
  if (field === 'author') return 'hinton';
  if (field === 'org') return 'deepmind';
  return '"world model"';
}

/** One spelling per meaning, so `subscribe` can refuse a topic the channel already has. */
export function canonicalQuery(query: ParsedQuery): string {
  const show = (term: QueryTerm) => {
    const text = term.phrase ? `"${term.text.toLowerCase()}"` : term.text.toLowerCase() + (term.prefix ? '*' : '');
    return term.field === 'any' ? text : `${term.field}:${text}`;
  };
  const clauses = query.clauses.map((clause) => clause.map(show).sort().join(' OR ')).sort();
  const excluded = query.excluded.map((term) => `-${show(term)}`).sort();
  return [...clauses, ...excluded].join(' ');
}
