import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import type { Paper } from '../papers/paper.js';
import { normalizeTerm, splitWords } from './text.js';

/** The fields a query can hit, as a hit's reasons name them. */
export type SearchField = 'title' | 'keywords' | 'abstract' | 'authors' | 'organization';

export const FIELD_BOOST: Record<SearchField, number> = {
  title: 4,
  keywords: 2,
  abstract: 1,
  authors: 2,
  organization: 2,
};

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

/** The key a paper is indexed under: its arXiv id, or its title for sources without ids. */
export function paperKey(paper: Paper): string {
  return paper.id ?? `title:${paper.title.toLowerCase()}`;
}

/** An inverted index (MiniSearch, BM25+) over papers, kept in step with the archive. */
export class PaperIndex {
  private readonly mini = new MiniSearch<Paper>({
    idField: 'key',
    fields: Object.keys(FIELD_BOOST),
    extractField: (paper, field) => (field === 'key' ? paperKey(paper) : fieldText(paper, field as SearchField)),
    tokenize: splitWords,
    processTerm: (term) => normalizeTerm(term) ?? null,
    searchOptions: { boost: FIELD_BOOST, combineWith: 'AND' },
  });
  private readonly papers = new Map<string, Paper>();

  get size(): number {
    return this.papers.size;
  }

  /** Adds papers, replacing any already indexed under the same key. */
  upsert(papers: Iterable<Paper>): void {
    const batch = new Map<string, Paper>();
    for (const paper of papers) batch.set(paperKey(paper), paper);
    for (const [key, paper] of batch) {
      if (this.papers.has(key)) this.mini.discard(key);
      this.papers.set(key, paper);
    }
    this.mini.addAll([...batch.values()]);
  }

  get(key: string): Paper | undefined {
    return this.papers.get(key);
  }

  all(): IterableIterator<Paper> {
    return this.papers.values();
  }

  query(query: Query, filter?: (key: string) => boolean): SearchResult[] {
    return this.mini.search(query, filter ? { filter: (result) => filter(result.id as string) } : {});
  }
}
