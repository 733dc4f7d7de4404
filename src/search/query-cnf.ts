import type { QueryNode } from './query-tree.js';
import { QueryError, showTerm, type ParsedQuery, type QueryTerm } from './query-types.js';

/** Grouping is expanded into clauses; beyond these sizes the query is refused rather than searched slowly. */
export const MAX_CLAUSES = 32;
export const MAX_TERMS = 64;

/**
 * The query as clauses that must all match, each of alternatives (and terms to leave out): OR over
 * groups is distributed, `(a b) OR c` → `(a OR c) (b OR c)`; leaving out a group of alternatives
 * leaves out each, `-(a OR b)` → `-a -b`.
 */
export function toClauses(nodes: QueryNode[]): ParsedQuery {
  const query = simplify(all(nodes.map((node) => convert(node, false))));
  const termCount = query.clauses.reduce((sum, clause) => sum + clause.length, 0);
  // Long queries without groups are not expansions; the length limit bounds them.
  if (nodes.some(hasGroup)) {
    if (query.clauses.length > MAX_CLAUSES) throw tooManyCombinations(query.clauses.length);
    if (termCount > MAX_TERMS) throw tooManyTerms(termCount);
  }
  return query;
}

function convert(node: QueryNode, negated: boolean): ParsedQuery {
  if (node.kind === 'term') {
    return negated !== node.negated ? { clauses: [], excluded: [node.term] } : { clauses: [[node.term]], excluded: [] };
  }
  if (node.kind === 'and') {
    const leaveOut = negated !== node.negated;
    if (!leaveOut) return all(node.children.map((child) => convert(child, false)));
    if (node.children.length === 1) return convert(node.children[0]!, true);
    throw cannotLeaveOutAll(node);
  }
  if (negated) return all(node.children.map((child) => convert(child, true)));
  const alternatives = node.children.map((child) => convert(child, false));
  if (alternatives.some((alternative) => alternative.excluded.length > 0)) {
    throw new QueryError('An excluded term cannot be part of OR; write `video OR audio -music`.');
  }
  return { clauses: distribute(alternatives.map((alternative) => alternative.clauses)), excluded: [] };
}

function hasGroup(node: QueryNode): boolean {
  return node.kind !== 'term' && (node.kind === 'and' || node.children.some(hasGroup));
}

function all(parts: ParsedQuery[]): ParsedQuery {
  return { clauses: parts.flatMap((part) => part.clauses), excluded: parts.flatMap((part) => part.excluded) };
}

/** OR of several AND-of-clauses: one clause per way of picking a clause from each alternative. */
function distribute(alternatives: QueryTerm[][][]): QueryTerm[][] {
  let out: QueryTerm[][] = [[]];
  for (const clauses of alternatives) {
    const next: QueryTerm[][] = [];
    for (const picked of out) {
      for (const clause of clauses) {
        next.push([...picked, ...clause]);
        if (next.length > MAX_CLAUSES) throw tooManyCombinations();
      }
    }
    out = simplify({ clauses: next, excluded: [] }).clauses;
  }
  return out;
}

/** The same term once per clause, the same clause once, and no clause that a smaller one implies. */
export function simplify(query: ParsedQuery): ParsedQuery {
  const sets = query.clauses.map((clause) => uniqueTerms(clause));
  const keys = sets.map((clause) => new Set(clause.map(termKey)));
  const kept = sets.filter((clause, i) =>
    !keys.some((other, j) => j !== i && other.size <= keys[i]!.size && [...other].every((key) => keys[i]!.has(key)) && (other.size < keys[i]!.size || j < i)),
  );
  return { clauses: kept, excluded: uniqueTerms(query.excluded) };
}

function uniqueTerms(terms: QueryTerm[]): QueryTerm[] {
  const byKey = new Map<string, QueryTerm>();
  for (const term of terms) if (!byKey.has(termKey(term))) byKey.set(termKey(term), term);
  return [...byKey.values()];
}

/** Terms that mean the same: search ignores case. */
export function termKey(term: QueryTerm): string {
  return `${term.field}:${term.phrase ? '"' : ''}${term.text.toLowerCase()}${term.prefix ? '*' : ''}`;
}

const SPLIT_IT = 'use fewer alternatives per group, or split it into several searches, e.g. `(video OR audio) generation`.';

/** More combinations of alternatives than a search takes; `count` when it is known exactly. */
function tooManyCombinations(count?: number): QueryError {
  const size = count === undefined ? `more than ${MAX_CLAUSES} combinations of alternatives, the most` : `${count} combinations of alternatives, more than the ${MAX_CLAUSES}`;
  return new QueryError(`That grouping expands to ${size} a search takes; ${SPLIT_IT}`);
}

/** Few enough combinations, but they repeat terms past what a search takes. */
function tooManyTerms(count: number): QueryError {
  return new QueryError(`That grouping expands to ${count} terms once its alternatives are combined, more than the ${MAX_TERMS} a search takes; ${SPLIT_IT}`);
}

/**
 * `-(a b)` would leave out the papers that have both a and b: not expressible by leaving out terms.
 * The message offers the user's own terms, fields and phrases kept: each left out on its own, or
 * (plain words of one field) the words side by side as a phrase.
 */
function cannotLeaveOutAll(node: Extract<QueryNode, { kind: 'and' }>): QueryError {
  const written = node.text.startsWith('-') ? node.text : `-${node.text}`;
  const each = uniqueTerms(node.children.flatMap(includedTerms)).map((term) => `-${showTerm(term)}`);
  const words = node.children.flatMap((child) => (child.kind === 'term' && !child.negated && !child.term.phrase && !child.term.prefix ? [child.term] : []));
  const fields = new Set(words.map((term) => term.field));
  const asPhrase = words.length === node.children.length && fields.size === 1
    ? `-${showTerm({ text: words.map((term) => term.text).join(' '), phrase: true, prefix: false, field: words[0]!.field })}`
    : null;
  const instead = each.length === 0
    ? 'leave out each term on its own, with a `-` before it'
    : `leave out each with \`${each.join(' ')}\`${asPhrase ? `, or the words side by side with \`${asPhrase}\`` : ''}`;
  return new QueryError(`\`${written}\` would leave out only papers that have all of it, which search cannot do; ${instead}.`);
}

/** The terms a part of a group would have papers contain (not those it leaves out). */
function includedTerms(node: QueryNode): QueryTerm[] {
  if (node.kind === 'term') return node.negated ? [] : [node.term];
  if (node.kind === 'and' && node.negated) return [];
  return node.children.flatMap(includedTerms);
}
