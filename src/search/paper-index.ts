import { setImmediate } from 'node:timers/promises';
import PQueue from 'p-queue';
import type { Paper } from '../papers/paper.js';
import { AcronymTable } from './acronyms.js';
import { InvertedIndex, type IndexState } from './inverted-index.js';
import { exportForms, importForms, type StoredForms } from './word-forms.js';

/** The fields a query can hit, as a hit's reasons name them; title weighs most. */
export const SEARCH_FIELDS = ['title', 'keywords', 'abstract', 'authors', 'organization'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export const FIELD_BOOST: Record<SearchField, number> = { title: 4, keywords: 3, abstract: 1, authors: 2, organization: 2 };

/**
 * Papers indexed, and postings copied by a packing, between two turns of the event loop when a
 * write yields: a few milliseconds' worth each (bench:event-loop).
 */
const REPLACE_STEP = 16;
const PACK_STEP = 50_000;

export function fieldText(paper: Paper, field: SearchField): string {
  switch (field) {
    case 'title':
      return paper.title;
    case 'keywords':
      return paper.aiKeywords.join(' ; ');
    case 'abstract':
      return paper.abstract;
    case 'authors':
      return paper.authors.join(' ; ');
    case 'organization':
      return paper.organization ?? '';
  }
}

/** A field's values, each its own span: a phrase never runs from one author or keyword into the next. */
export function fieldValues(paper: Paper, field: SearchField): string[] {
  if (field === 'keywords') return paper.aiKeywords;
  if (field === 'authors') return paper.authors;
  // An organisation is known by its full name and its Hugging Face handle (`AI at Meta`, `facebook`).
  if (field === 'organization') {
    const handle = paper.organizationName;
    const named = paper.organization ?? '';
    return handle && handle.toLowerCase() !== named.toLowerCase() ? [named, handle] : [named];
  }
  return [fieldText(paper, field)];
}

/** The key a paper is indexed under: its arXiv id, or its title for sources without ids. */
export function paperKey(paper: Paper): string {
  return paper.id ?? `title:${paper.title.toLowerCase()}`;
}

/** A paper index's state as a stored index keeps it; the papers themselves are stored apart. */
export interface PaperIndexState {
  inverted: IndexState;
  /** The key of each document, '' for one taken out. */
  keys: string[];
  forms: StoredForms;
  acronyms: [string, string[]][];
}

/** The papers of the archive, one per key, with an inverted index over their fields. */
export class PaperIndex {
  private index = new InvertedIndex(SEARCH_FIELDS.map((f) => FIELD_BOOST[f]));
  private readonly papers = new Map<string, Paper>();
  private readonly docOfKey = new Map<string, number>();
  private paperOfDoc: (Paper | undefined)[] = [];
  /** Each document's Daily Papers day as a day number, NaN when it has none (read per match when ranking). */
  private dayOfDoc: number[] = [];
  /** Acronyms the papers define ("Mixture of Experts (MoE)"), so a query for one finds its long form. */
  acronyms = new AcronymTable();
  /** Writes that yield to the event loop take turns, and nothing else writes meanwhile. */
  private readonly turns = new PQueue({ concurrency: 1 });

  get size(): number {
    return this.papers.size;
  }

  get inverted(): InvertedIndex {
    return this.index;
  }

  /** Adds papers, replacing any already indexed under the same key, and packs when due. */
  upsert(papers: Iterable<Paper>): void {
    this.replace(papers);
    this.index.packIfWorthIt();
  }

  /**
   * The same without holding the event loop for long: papers are indexed a few at a time, and a
   * due packing runs in steps, with the event loop served between them.
   */
  upsertInTurn(papers: Paper[] | (() => Paper[])): Promise<void> {
    return this.turns.add(async () => {
      // Given as a function, the papers are chosen when the turn comes, against the index as it is then.
      if (typeof papers === 'function') papers = papers();
      for (let i = 0; i < papers.length; i += REPLACE_STEP) {
        if (i > 0) await setImmediate();
        this.replace(papers.slice(i, i + REPLACE_STEP));
      }
      if (!this.index.packDue) return;
      for (const _ of this.index.packInSteps(PACK_STEP)) await setImmediate();
    });
  }

  /** Runs `work` while no turn-taking write runs (a stored index being written reads the arrays). */
  whileNoWrites<T>(work: () => Promise<T>): Promise<T> {
    return this.turns.add(work, { throwOnTimeout: true });
  }

  get(key: string): Paper | undefined {
    return this.papers.get(key);
  }

  all(): IterableIterator<Paper> {
    return this.papers.values();
  }

  docOf(key: string): number | undefined {
    return this.docOfKey.get(key);
  }

  paperAt(doc: number): Paper {
    return this.paperOfDoc[doc]!;
  }

  dayNumberAt(doc: number): number {
    return this.dayOfDoc[doc]!;
  }

  /** Everything a stored index needs to open this one again without indexing (packs first). */
  exportState(): PaperIndexState {
    const keys = this.paperOfDoc.map((paper, doc) => (paper && this.docOfKey.get(paperKey(paper)) === doc ? paperKey(paper) : ''));
    for (let doc = keys.length; doc < this.index.documentSlots; doc++) keys.push('');
    return { inverted: this.index.exportState(), keys, forms: exportForms(), acronyms: this.acronyms.export() };
  }

  /** An index over a stored state; `papers` are the archive's, a key's last one winning as in `upsert`. */
  static fromState(state: PaperIndexState, papers: Iterable<Paper>): PaperIndex | undefined {
    const out = new PaperIndex();
    out.index = InvertedIndex.fromState(SEARCH_FIELDS.map((f) => FIELD_BOOST[f]), state.inverted);
    const remap = importForms(state.forms);
    if (remap.size > 0) out.index.remapVariants(remap);
    out.acronyms = AcronymTable.from(state.acronyms);
    const byKey = new Map<string, Paper>();
    for (const paper of papers) byKey.set(paperKey(paper), paper);
    for (const [doc, key] of state.keys.entries()) {
      if (!key) continue;
      const paper = byKey.get(key);
      // A document whose paper no stored day holds: the file does not match the days.
      if (!paper) return undefined;
      out.papers.set(key, paper);
      out.setDoc(key, doc, paper);
    }
    return out;
  }

  private replace(papers: Iterable<Paper>): void {
    // The last of several papers with one key wins, and only it is indexed.
    const batch = new Map<string, Paper>();
    for (const paper of papers) batch.set(paperKey(paper), paper);
    for (const [key, paper] of batch) {
      const doc = this.docOfKey.get(key);
      const old = doc === undefined ? undefined : this.paperOfDoc[doc];
      this.papers.set(key, paper);
      // A refresh mostly brings new votes: a paper whose text is unchanged keeps its postings.
      if (doc !== undefined && old && sameText(old, paper)) {
        this.setDoc(key, doc, paper);
        continue;
      }
      if (doc !== undefined && old) {
        this.index.purge(doc, SEARCH_FIELDS.map((field) => fieldValues(old, field)));
        this.paperOfDoc[doc] = undefined;
      }
      this.setDoc(key, this.index.add(SEARCH_FIELDS.map((field) => fieldValues(paper, field))), paper);
      this.acronyms.upsert(key, [paper.title, paper.abstract, ...paper.aiKeywords]);
    }
  }

  private setDoc(key: string, doc: number, paper: Paper): void {
    this.docOfKey.set(key, doc);
    this.paperOfDoc[doc] = paper;
    this.dayOfDoc[doc] = paper.dailyDate ? Date.parse(`${paper.dailyDate}T00:00:00Z`) / 86_400_000 : NaN;
  }
}

/** Papers are indexed alike: every searched field holds the same values. */
function sameText(a: Paper, b: Paper): boolean {
  return SEARCH_FIELDS.every((field) => {
    const x = fieldValues(a, field);
    const y = fieldValues(b, field);
    return x.length === y.length && x.every((value, i) => value === y[i]);
  });
}
