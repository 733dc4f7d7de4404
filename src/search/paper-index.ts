import type { Paper } from '../papers/paper.js';
import { AcronymTable } from './acronyms.js';
import { InvertedIndex } from './inverted-index.js';

/** The fields a query can hit, as a hit's reasons name them; title weighs most. */
export const SEARCH_FIELDS = ['title', 'keywords', 'abstract', 'authors', 'organization'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export const FIELD_BOOST: Record<SearchField, number> = { title: 4, keywords: 3, abstract: 1, authors: 2, organization: 2 };

/** Rebuild once this share of indexed documents has been replaced. */
const COMPACT_AT = 0.3;

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

/** The papers of the archive, one per key, with an inverted index over their fields. */
export class PaperIndex {
  private index = new InvertedIndex(SEARCH_FIELDS.map((f) => FIELD_BOOST[f]));
  private readonly papers = new Map<string, Paper>();
  private readonly docOfKey = new Map<string, number>();
  private paperOfDoc: Paper[] = [];
  /** Each document's Daily Papers day as a day number, NaN when it has none (read per match when ranking). */
  private dayOfDoc: number[] = [];
  /** Acronyms the papers define ("Mixture of Experts (MoE)"), so a query for one finds its long form. */
  readonly acronyms = new AcronymTable();

  get size(): number {
    return this.papers.size;
  }

  get inverted(): InvertedIndex {
    return this.index;
  }

  /** Adds papers, replacing any already indexed under the same key. */
  upsert(papers: Iterable<Paper>): void {
    // The last of several papers with one key wins, and only it is indexed.
    const batch = new Map<string, Paper>();
    for (const paper of papers) batch.set(paperKey(paper), paper);
    for (const [key, paper] of batch) {
      const old = this.docOfKey.get(key);
      if (old !== undefined) this.index.remove(old);
      this.papers.set(key, paper);
      this.addToIndex(key, paper);
      this.acronyms.upsert(key, [paper.title, paper.abstract, ...paper.aiKeywords]);
    }
    if (this.index.deadRatio > COMPACT_AT) this.rebuild();
    this.index.packIfWorthIt();
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

  private addToIndex(key: string, paper: Paper): void {
    const doc = this.index.add(SEARCH_FIELDS.map((field) => fieldValues(paper, field)));
    this.docOfKey.set(key, doc);
    this.paperOfDoc[doc] = paper;
    this.dayOfDoc[doc] = paper.dailyDate ? Date.parse(`${paper.dailyDate}T00:00:00Z`) / 86_400_000 : NaN;
  }

  private rebuild(): void {
    this.index = new InvertedIndex(SEARCH_FIELDS.map((f) => FIELD_BOOST[f]));
    this.docOfKey.clear();
    this.paperOfDoc = [];
    this.dayOfDoc = [];
    for (const [key, paper] of this.papers) this.addToIndex(key, paper);
  }
}
