import { readField } from './query-fields.js';
import { QueryError, type QueryField, type QueryTerm } from './query-types.js';

/** A piece of a query as typed; `at` is where it starts in the text, for error messages. */
export type Token =
  | { kind: 'term'; term: QueryTerm; negated: boolean; at: number }
  | { kind: 'open'; negated: boolean; field: QueryField; at: number }
  | { kind: 'close'; at: number }
  /** `OR`, or a lowercase `or` (`word` keeps how it was typed: it is a plain word unless it stands between two terms). */
  | { kind: 'or'; word: string; at: number };

const SPACE = /\s/;

/** Splits a query into terms, `(`, `)` and `OR`; parentheses inside quotes are text. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const endsHere = () => i >= source.length || SPACE.test(source[i]!) || source[i] === ')';
  while (i < source.length) {
    if (SPACE.test(source[i]!)) {
      i++;
      continue;
    }
    const at = i;
    if (source[i] === ')') {
      tokens.push({ kind: 'close', at });
      i++;
      continue;
    }
    let negated = false;
    if (source[i] === '-') {
      negated = true;
      i++;
      if (endsHere()) throw new QueryError('A `-` must be followed by the word to leave out, e.g. `-video`.');
    }
    let field: QueryField = 'any';
    const named = readField(source.slice(i));
    if (named) {
      field = named.field;
      const written = source.slice(i, i + named.length);
      i += named.length;
      if (endsHere()) throw new QueryError(`\`${written}\` needs something after it, e.g. \`${written}${example(field)}\`.`);
    }
    if (source[i] === '(') {
      tokens.push({ kind: 'open', negated, field, at });
      i++;
      continue;
    }
    if (source[i] === '"') {
      const close = source.indexOf('"', i + 1);
      if (close < 0) {
        throw new QueryError(`The quote opened at \`${source.slice(at, at + 20)}\` is never closed; add a closing \`"\`.`);
      }
      const text = source.slice(i + 1, close).replace(/\s+/g, ' ').trim();
      if (!text) throw new QueryError('Empty quotes `""` have nothing to match; put words between them.');
      tokens.push({ kind: 'term', term: { text, phrase: true, prefix: false, field }, negated, at });
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < source.length && !SPACE.test(source[end]!) && source[end] !== '(' && source[end] !== ')') {
      if (source[end] === '"') {
        throw new QueryError('A quote must start a phrase, e.g. `"world model"`; add a space before it.');
      }
      end++;
    }
    const word = source.slice(i, end);
    i = end;
    if (!negated && field === 'any' && (word === 'OR' || word.toLowerCase() === 'or')) {
      tokens.push({ kind: 'or', word, at });
      continue;
    }
    const prefix = word.length > 1 && word.endsWith('*');
    tokens.push({ kind: 'term', term: { text: prefix ? word.slice(0, -1) : word, phrase: false, prefix, field }, negated, at });
  }
  return softOrs(tokens);
}

/**
 * A lowercase `or` between two terms (or groups) is OR; anywhere else it is the stop word it
 * always was. Excluded terms and groups do not count, so `-video or audio` keeps its meaning.
 */
function softOrs(tokens: Token[]): Token[] {
  const negatedGroups: boolean[] = [];
  const closesNegated = new Map<number, boolean>();
  tokens.forEach((token, index) => {
    if (token.kind === 'open') negatedGroups.push(token.negated);
    if (token.kind === 'close') closesNegated.set(index, negatedGroups.pop() ?? false);
  });
  return tokens.map((token, index) => {
    if (token.kind !== 'or' || token.word === 'OR') return token;
    const before = tokens[index - 1];
    const after = tokens[index + 1];
    const ends = (before?.kind === 'term' && !before.negated) || (before?.kind === 'close' && !closesNegated.get(index - 1));
    const starts = (after?.kind === 'term' || after?.kind === 'open') && !after.negated;
    if (ends && starts) return token;
    return { kind: 'term', term: { text: token.word, phrase: false, prefix: false, field: 'any' }, negated: false, at: token.at };
  });
}

function example(field: QueryField): string {
  if (field === 'author') return 'hinton';
  if (field === 'org') return 'deepmind';
  return '"world model"';
}
