import type { Paper } from '../papers/paper.js';
import type { Alternative, TermQuery } from './inverted-index.js';
import { paperKey, SEARCH_FIELDS, type PaperIndex, type SearchField } from './paper-index.js';
import type { ParsedQuery, QueryField, QueryTerm } from './query.js';
import { analyzeWord, foldWord, words } from './text.js';
import { rankMatches } from './rank-matches.js';
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
/** A long form searched for an acronym counts this much of the acronym typed (tuned with bench:known-item). */
const LONG_FORM_WEIGHT = 0.25;

interface PreparedTerm {
  term: QueryTerm;
  tokens: string[];
  fields: number[];
  /** The term as the index evaluates it. */
  alt: Alternative;
  /** The acronym this long form was searched for ("mixture of experts" for MoE). */
  standsFor?: string;
}

/** The papers that match a parsed query, most relevant first (see rank-matches), with the reasons they matched. */
export function searchPapers(index: PaperIndex, query: ParsedQuery, options: SearchOptions = {}): SearchPage {
  const clauses = countedOnce(query.clauses.map((clause) => withLongForms(index, clause.map(prepare)).filter((t) => t.tokens.length > 0)).filter((c) => c.length > 0));
  if (clauses.length === 0) return { total: 0, hits: [] };

  // `-MoE` leaves out "mixture of experts" written out too, as `MoE` finds it.
  const without = withLongForms(index, query.excluded.map(prepare)).filter((p) => p.tokens.length > 0);
  const matches = index.inverted.evaluate(clauses.map((clause) => clause.map((p) => p.alt)), without.map((p) => p.alt));
  const { score } = matches;
  const filter = options.filter;
  const docs = filter ? matches.docs.filter((doc) => filter(paperKey(index.paperAt(doc)))) : matches.docs;

  // The query's plain words in the order typed, for proximity and exact-form ranking.
  const sequence = clauses.filter((clause) => clause.length === 1 && !clause[0]!.term.phrase).flatMap((clause) => clause[0]!.alt.words);
  const offset = options.offset ?? 0;
  const limit = options.limit ?? 10;
  const top = rankMatches(index, docs, score, sequence, offset + limit);
  const hits = top.slice(offset).map(({ doc, score }) => ({
    ...index.paperAt(doc),
    score: Math.round(score * 1000) / 1000,
    reasons: reasonsFor(index, doc, clauses.flat()),
  }));
  const notes = prefixNotes(index, [...clauses.flat(), ...query.excluded.map(prepare)]);
  return notes.length > 0 ? { total: docs.length, hits, notes } : { total: docs.length, hits };
}

/**
 * A term repeated in several clauses scores a share in each, so it counts once in all: a group
 * `(diffusion transformer) OR mamba` is searched as `(diffusion OR mamba) (transformer OR mamba)`,
 * and a paper about Mamba alone must not score Mamba twice.
 */
function countedOnce(clauses: PreparedTerm[][]): PreparedTerm[][] {
  const key = (p: PreparedTerm) => `${p.term.field}\u0000${p.term.phrase}\u0000${p.term.prefix}\u0000${p.term.text.toLowerCase()}`;
  const times = new Map<string, number>();
  for (const clause of clauses) for (const p of clause) times.set(key(p), (times.get(key(p)) ?? 0) + 1);
  return clauses.map((clause) =>
    clause.map((p) => {
      const n = times.get(key(p))!;
      return n === 1 ? p : { ...p, alt: { ...p.alt, weight: (p.alt.weight ?? 1) / n } };
    }),
  );
}

function prefixNotes(index: PaperIndex, prepared: PreparedTerm[]): string[] {
  return prepared
    .filter((p) => p.term.prefix && p.tokens.length > 0 && index.inverted.expandPrefix(p.tokens.at(-1)!).capped)
    .map((p) => `\`${p.term.text}*\` starts more than ${MAX_PREFIX_WORDS} words; only the ${MAX_PREFIX_WORDS} most common were searched.`);
}

/**
 * A term's tokens: its words' terms, except that a `prefix*`'s last word stays as typed (folded, not
 * stemmed), since it is matched against the beginnings of the words papers have. A quoted phrase
 * matches its words as typed (or their plural or singular), not every word of the same stem.
 */
function prepare(term: QueryTerm): PreparedTerm {
  const fields = FIELDS_OF[term.field];
  const all = words(term.text);
  const last = term.prefix ? foldWord(all.at(-1) ?? '') : undefined;
  const queries: TermQuery[] = [];
  all.forEach((raw, at) => {
    if (last !== undefined && at === all.length - 1) {
      if (last) queries.push({ terms: [last], fields, prefix: true });
      return;
    }
    const word = analyzeWord(raw);
    if (!word.term) return;
    queries.push(term.phrase ? { terms: [word.term], fields, forms: numberForms(word.form) } : { terms: [word.term], fields, typed: word.form });
  });
  return { term, tokens: queries.map((q) => q.terms[0]!), fields, alt: { words: queries, phrase: term.phrase } };
}

/** A word's singular and plural, as English mostly writes them: model/models, box/boxes, study/studies. */
function numberForms(form: string): string[] {
  const forms = new Set([form, `${form}s`, `${form}es`]);
  if (form.endsWith('s')) forms.add(form.slice(0, -1));
  if (form.endsWith('es')) forms.add(form.slice(0, -2));
  if (form.endsWith('y')) forms.add(`${form.slice(0, -1)}ies`);
  if (form.endsWith('ies')) forms.add(`${form.slice(0, -3)}y`);
  return [...forms];
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
    const expanded = prepare({ ...term, text: longForm, phrase: true, prefix: false });
    out.push({ ...expanded, alt: { ...expanded.alt, weight: LONG_FORM_WEIGHT }, standsFor: term.text.trim() });
  }
  return out;
}

function reasonsFor(index: PaperIndex, doc: number, prepared: PreparedTerm[]): MatchReason[] {
  const byField = new Map<number, string[]>();
  for (const p of prepared) {
    const shown = p.standsFor ? `${p.term.text} for ${p.standsFor}` : p.term.prefix ? `${p.term.text}*` : p.term.text;
    for (const field of index.inverted.fieldsMatching(doc, p.alt)) {
      const list = byField.get(field) ?? [];
      if (!list.includes(shown)) list.push(shown);
      byField.set(field, list);
    }
  }
  return ALL.filter((field) => byField.has(field)).map((field) => ({ field: SEARCH_FIELDS[field]!, terms: byField.get(field)! }));
}
