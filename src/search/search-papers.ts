import type { Query, SearchResult } from 'minisearch';
import type { Paper } from '../papers/paper.js';
import { FIELD_BOOST, fieldText, type PaperIndex, type SearchField } from './paper-index.js';
import type { ParsedQuery, QueryField, QueryTerm } from './query.js';
import { terms } from './text.js';

export interface MatchReason {
  field: SearchField;
  /** The query's own words that hit this field. */
  terms: string[];
}

export type SearchHit = Paper & { score: number; reasons: MatchReason[] };

export interface SearchOptions {
  limit?: number;
  offset?: number;
  /** Only papers whose index key passes are considered (a digest's candidates, say). */
  filter?: (key: string) => boolean;
}

export interface SearchPage {
  total: number;
  hits: SearchHit[];
}

const ALL_FIELDS = Object.keys(FIELD_BOOST) as SearchField[];
const FIELDS_OF: Record<QueryField, SearchField[]> = {
  any: ALL_FIELDS,
  author: ['authors'],
  org: ['organization'],
  title: ['title'],
};
/** How much of a hit's score is relevance; the rest is its upvotes. */
const RELEVANCE_WEIGHT = 0.7;

interface PreparedTerm {
  term: QueryTerm;
  tokens: string[];
  fields: SearchField[];
}

/** Ranks the papers that match a parsed query: BM25 relevance blended with upvotes, with reasons. */
export function searchPapers(index: PaperIndex, query: ParsedQuery, options: SearchOptions = {}): SearchPage {
  const clauses = query.clauses.map((clause) => clause.map(prepare).filter((t) => t.tokens.length > 0)).filter((c) => c.length > 0);
  if (clauses.length === 0) return { total: 0, hits: [] };
  const tree: Query = { combineWith: 'AND', queries: clauses.map((clause) => ({ combineWith: 'OR', queries: clause.map(toMiniQuery) })) };

  const excludedKeys = collectExcluded(index, query.excluded.map(prepare));
  const needsAdjacency = clauses.some((clause) => clause.some((t) => t.tokens.length > 1));
  const filter = options.filter;
  const results = index
    .query(tree, (key) => !excludedKeys.has(key) && (!filter || filter(key)))
    .filter((result) => !needsAdjacency || clauses.every((clause) => clauseHolds(index, result, clause)));

  const maxScore = Math.max(...results.map((r) => r.score), Number.EPSILON);
  const maxVotes = Math.max(...results.map((r) => index.get(r.id)!.upvotes), 0);
  const ranked = results
    .map((result) => {
      const paper = index.get(result.id as string)!;
      const popularity = maxVotes > 0 ? Math.log1p(paper.upvotes) / Math.log1p(maxVotes) : 0;
      const score = RELEVANCE_WEIGHT * (result.score / maxScore) + (1 - RELEVANCE_WEIGHT) * popularity;
      return { result, paper, score };
    })
    .sort((a, b) => b.score - a.score || b.paper.upvotes - a.paper.upvotes);

  const offset = options.offset ?? 0;
  const limit = options.limit ?? 10;
  const hits = ranked.slice(offset, offset + limit).map(({ result, paper, score }) => ({
    ...paper,
    score: Math.round(score * 1000) / 1000,
    reasons: reasonsFor(result, paper, clauses.flat()),
  }));
  return { total: ranked.length, hits };
}

function prepare(term: QueryTerm): PreparedTerm {
  return { term, tokens: terms(term.text), fields: FIELDS_OF[term.field] };
}

function toMiniQuery(prepared: PreparedTerm): Query {
  return { combineWith: 'AND', queries: [prepared.term.text], fields: prepared.fields, prefix: prepared.term.prefix };
}

function collectExcluded(index: PaperIndex, excluded: PreparedTerm[]): Set<string> {
  const keys = new Set<string>();
  for (const prepared of excluded) {
    if (prepared.tokens.length === 0) continue;
    for (const result of index.query(toMiniQuery(prepared))) {
      if (prepared.tokens.length === 1 || adjacentIn(index.get(result.id)!, prepared)) keys.add(result.id as string);
    }
  }
  return keys;
}

function clauseHolds(index: PaperIndex, result: SearchResult, clause: PreparedTerm[]): boolean {
  return clause.some((prepared) => {
    if (prepared.tokens.length === 1) return matchedIn(result, prepared);
    // Only the fields where every word of the phrase was found can hold it.
    const fields = prepared.fields.filter((field) =>
      prepared.tokens.every((token, i) =>
        Object.entries(result.match).some(
          ([docTerm, inFields]) =>
            (docTerm === token || (prepared.term.prefix && i === prepared.tokens.length - 1 && docTerm.startsWith(token))) &&
            inFields.includes(field),
        ),
      ),
    );
    return fields.length > 0 && adjacentIn(index.get(result.id)!, { ...prepared, fields });
  });
}

function matchedIn(result: SearchResult, prepared: PreparedTerm): boolean {
  const token = prepared.tokens[0]!;
  return Object.entries(result.match).some(
    ([docTerm, fields]) =>
      (prepared.term.prefix ? docTerm.startsWith(token) : docTerm === token) &&
      fields.some((field) => prepared.fields.includes(field as SearchField)),
  );
}

/** The term's words stand together, in order, in one of its fields. */
function adjacentIn(paper: Paper, prepared: PreparedTerm): boolean {
  const wanted = prepared.tokens;
  return prepared.fields.some((field) => {
    const have = terms(fieldText(paper, field));
    outer: for (let i = 0; i + wanted.length <= have.length; i++) {
      for (let j = 0; j < wanted.length; j++) {
        const word = have[i + j]!;
        const last = j === wanted.length - 1;
        if (!(word === wanted[j] || (last && prepared.term.prefix && word.startsWith(wanted[j]!)))) continue outer;
      }
      return true;
    }
    return false;
  });
}

function reasonsFor(result: SearchResult, paper: Paper, prepared: PreparedTerm[]): MatchReason[] {
  const byField = new Map<SearchField, Set<string>>();
  for (const [docTerm, fields] of Object.entries(result.match)) {
    for (const field of fields as SearchField[]) {
      const owner = prepared.find(
        (p) =>
          p.fields.includes(field) &&
          p.tokens.some((t) => docTerm === t || (p.term.prefix && docTerm.startsWith(t))) &&
          (p.tokens.length === 1 || adjacentIn(paper, { ...p, fields: [field] })),
      );
      if (!owner) continue;
      const set = byField.get(field) ?? new Set<string>();
      set.add(owner.term.prefix ? `${owner.term.text}*` : owner.term.text);
      byField.set(field, set);
    }
  }
  return ALL_FIELDS.filter((field) => byField.has(field)).map((field) => ({ field, terms: [...byField.get(field)!] }));
}
