import type { Paper } from '../papers/paper.js';
import type { TermQuery } from './inverted-index.js';
import { paperKey, SEARCH_FIELDS, type PaperIndex, type SearchField } from './paper-index.js';
import type { ParsedQuery, QueryField, QueryTerm } from './query.js';
import { foldWord, terms, words } from './text.js';
import { MAX_PREFIX_WORDS } from './word-forms.js';

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
  /** Said to the reader when the search was narrower than typed (a `prefix*` with too many words). */
  notes?: string[];
}

const ALL = SEARCH_FIELDS.map((_, i) => i);
const FIELDS_OF: Record<QueryField, number[]> = {
  any: ALL,
  author: [SEARCH_FIELDS.indexOf('authors')],
  org: [SEARCH_FIELDS.indexOf('organization')],
  title: [SEARCH_FIELDS.indexOf('title')],
};
/**
 * Relevance first: upvotes and recency only scale it by up to these fractions, so they order
 * papers of about equal relevance but never lift a weak match above a strong one.
 */
const VOTES_BONUS = 0.1;
const RECENCY_BONUS = 0.06;
/** A paper this many days older than the newest loses half its recency bonus. */
const RECENCY_HALF_LIFE_DAYS = 120;

interface PreparedTerm {
  term: QueryTerm;
  tokens: string[];
  fields: number[];
  /** The acronym this long form was searched for ("mixture of experts" for MoE). */
  standsFor?: string;
}

/** Ranks the papers that match a parsed query: BM25 relevance, lifted a little by upvotes and recency, with reasons. */
export function searchPapers(index: PaperIndex, query: ParsedQuery, options: SearchOptions = {}): SearchPage {
  const clauses = query.clauses.map((clause) => withLongForms(index, clause.map(prepare)).filter((t) => t.tokens.length > 0)).filter((c) => c.length > 0);
  if (clauses.length === 0) return { total: 0, hits: [] };

  const inverted = index.inverted;
  const excluded = new Set<number>();
  for (const prepared of query.excluded.map(prepare)) {
    if (prepared.tokens.length === 0) continue;
    if (prepared.term.phrase && prepared.tokens.length > 1) {
      for (const doc of inverted.phraseMatching(phraseWords(prepared), prepared.fields)) excluded.add(doc);
      continue;
    }
    for (const doc of inverted.matching(single(prepared, 0))) {
      if (prepared.tokens.length === 1 || fieldsHolding(index, doc, prepared).length > 0) excluded.add(doc);
    }
  }

  const filter = options.filter;
  const accept = filter ? (doc: number) => filter(paperKey(index.paperAt(doc))) : undefined;
  const scores = inverted.search(clauses.flatMap(toTermClauses), excluded, accept);
  const needsCheck = clauses.some((clause) => clause.length > 1 && clause.some((t) => t.tokens.length > 1)) ||
    clauses.some((clause) => clause.some((t) => t.term.phrase && t.tokens.length > 1));
  const matched = [...scores].filter(([doc]) => !needsCheck || clauses.every((clause) => clauseHolds(index, doc, clause)));

  let maxScore = Number.EPSILON;
  let maxVotes = 0;
  let newest = '';
  for (const [doc, relevance] of matched) {
    const paper = index.paperAt(doc);
    maxScore = Math.max(maxScore, relevance);
    maxVotes = Math.max(maxVotes, paper.upvotes);
    if (paper.dailyDate && paper.dailyDate > newest) newest = paper.dailyDate;
  }
  const newestMs = newest ? Date.parse(`${newest}T00:00:00Z`) : 0;
  const blended = (doc: number, relevance: number) => {
    const paper = index.paperAt(doc);
    const popularity = maxVotes > 0 ? Math.log1p(paper.upvotes) / Math.log1p(maxVotes) : 0;
    const ageDays = paper.dailyDate && newestMs ? (newestMs - Date.parse(`${paper.dailyDate}T00:00:00Z`)) / 86_400_000 : 0;
    const recency = Math.pow(0.5, ageDays / RECENCY_HALF_LIFE_DAYS);
    return (relevance / maxScore) * (1 + VOTES_BONUS * popularity + RECENCY_BONUS * recency);
  };
  const offset = options.offset ?? 0;
  const limit = options.limit ?? 10;
  const top = topK(
    matched.map(([doc, relevance]) => ({ doc, score: blended(doc, relevance), votes: index.paperAt(doc).upvotes })),
    offset + limit,
  );
  const hits = top.slice(offset).map(({ doc, score }) => ({
    ...index.paperAt(doc),
    score: Math.round(score * 1000) / 1000,
    reasons: reasonsFor(index, doc, clauses.flat()),
  }));
  const notes = prefixNotes(index, [...clauses.flat(), ...query.excluded.map(prepare)]);
  return notes.length > 0 ? { total: matched.length, hits, notes } : { total: matched.length, hits };
}

function prefixNotes(index: PaperIndex, prepared: PreparedTerm[]): string[] {
  return prepared
    .filter((p) => p.term.prefix && p.tokens.length > 0 && index.inverted.expandPrefix(p.tokens.at(-1)!).capped)
    .map((p) => `\`${p.term.text}*\` starts more than ${MAX_PREFIX_WORDS} words; only the ${MAX_PREFIX_WORDS} most common were searched.`);
}

interface Ranked {
  doc: number;
  score: number;
  votes: number;
}

const before = (a: Ranked, b: Ranked) => b.score - a.score || b.votes - a.votes || a.doc - b.doc;

/** The best `k` in order, without sorting everything: most searches want a page of a long list. */
function topK(items: Ranked[], k: number): Ranked[] {
  if (items.length <= k * 4) return items.sort(before).slice(0, k);
  const best: Ranked[] = [];
  for (const item of items) {
    if (best.length === k && before(item, best[k - 1]!) >= 0) continue;
    let at = best.length;
    while (at > 0 && before(item, best[at - 1]!) < 0) at--;
    best.splice(at, 0, item);
    if (best.length > k) best.pop();
  }
  return best;
}

/**
 * A term's tokens: its words' terms, except that a `prefix*`'s last word stays as typed (folded, not
 * stemmed), since it is matched against the beginnings of the words papers have.
 */
function prepare(term: QueryTerm): PreparedTerm {
  const fields = FIELDS_OF[term.field];
  if (!term.prefix) return { term, tokens: terms(term.text), fields };
  const typed = words(term.text);
  const last = foldWord(typed.pop() ?? '');
  const tokens = terms(typed.join(' '));
  return { term, tokens: last ? [...tokens, last] : tokens, fields };
}

/**
 * A word that is an acronym the papers define also matches its long form, as an alternative of
 * the same clause: `MoE` finds "Mixture of Experts" written out.
 */
function withLongForms(index: PaperIndex, clause: PreparedTerm[]): PreparedTerm[] {
  const out = [...clause];
  for (const prepared of clause) {
    const { term } = prepared;
    if (term.phrase || term.prefix || prepared.tokens.length !== 1 || /\s/.test(term.text.trim())) continue;
    const longForm = index.acronyms.longFormOf(term.text.trim());
    if (!longForm || out.some((p) => p.term.phrase && p.term.text === longForm)) continue;
    out.push({ ...prepare({ ...term, text: longForm, phrase: true, prefix: false }), standsFor: term.text.trim() });
  }
  return out;
}

/** One token of a term as an index query; only a term's last word is a prefix. */
function single(prepared: PreparedTerm, at: number): TermQuery {
  const last = at === prepared.tokens.length - 1;
  return { terms: [prepared.tokens[at]!], fields: prepared.fields, prefix: prepared.term.prefix && last };
}

/**
 * A clause of one term asks the index for each of its words; an OR clause asks for each
 * alternative's first word, and the rest of its words are checked afterwards.
 */
function toTermClauses(clause: PreparedTerm[]): TermQuery[][] {
  if (clause.length === 1) return clause[0]!.tokens.map((_, at) => [single(clause[0]!, at)]);
  return [clause.map((prepared) => single(prepared, 0))];
}

function clauseHolds(index: PaperIndex, doc: number, clause: PreparedTerm[]): boolean {
  return clause.some((prepared) => fieldsHolding(index, doc, prepared).length > 0);
}

/**
 * The fields where the term matches. A quoted phrase must stand together, in order, in one field;
 * a word the tokenizer splits (`text-to-image`) needs each part somewhere in the paper.
 */
function fieldsHolding(index: PaperIndex, doc: number, prepared: PreparedTerm): number[] {
  const inverted = index.inverted;
  const hitsPerToken = prepared.tokens.map((_, at) => new Set(inverted.matchesIn(doc, single(prepared, at)).map((m) => m.field)));
  if (hitsPerToken.some((fields) => fields.size === 0)) return [];
  if (!prepared.term.phrase || prepared.tokens.length === 1) {
    return prepared.fields.filter((field) => hitsPerToken.some((fields) => fields.has(field)));
  }
  const fields = prepared.fields.filter((field) => hitsPerToken.every((fields) => fields.has(field)));
  return inverted.phraseFields(doc, phraseWords(prepared), fields);
}

/** A phrase as one term query per word, in order (only its last word may be a prefix). */
function phraseWords(prepared: PreparedTerm): TermQuery[] {
  return prepared.tokens.map((_, at) => single(prepared, at));
}

function reasonsFor(index: PaperIndex, doc: number, prepared: PreparedTerm[]): MatchReason[] {
  const byField = new Map<number, string[]>();
  for (const p of prepared) {
    const shown = p.standsFor ? `${p.term.text} for ${p.standsFor}` : p.term.prefix ? `${p.term.text}*` : p.term.text;
    for (const field of fieldsHolding(index, doc, p)) {
      const list = byField.get(field) ?? [];
      if (!list.includes(shown)) list.push(shown);
      byField.set(field, list);
    }
  }
  return ALL.filter((field) => byField.has(field)).map((field) => ({ field: SEARCH_FIELDS[field]!, terms: byField.get(field)! }));
}
