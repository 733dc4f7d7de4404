import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/papers/paper.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import { parseQuery } from '../../src/search/query.js';
import { searchPapers } from '../../src/search/search-papers.js';
import { fixturePath } from '../helpers/fixtures.js';

let base: Paper;
beforeAll(async () => {
  base = (await loadPaperFiles([fixturePath('hf/daily/2025-06-10.json')])).papers[0]!;
});

const paper = (id: string, fields: Partial<Paper>): Paper => ({ ...base, id, abstract: 'Unrelated text.', aiKeywords: [], organization: null, authors: ['A. Author'], ...fields });
const ranked = (papers: Paper[], query: string) => {
  const index = new PaperIndex();
  index.upsert(papers);
  return searchPapers(index, parseQuery(query), { limit: 10 }).hits.map((hit) => hit.id);
};

describe('relevance first, then upvotes and recency', () => {
  it('a famous paper that mentions the words once in passing stays below an unknown one about them', () => {
    const strong = paper('2599.00001', { title: 'Plenoptic Video Generation', aiKeywords: ['video generation'], abstract: 'Video generation from plenoptic captures.', upvotes: 1, dailyDate: '2025-06-10' });
    const weak = paper('2599.00002', { title: 'Video Agents', abstract: 'Agents that plan and act, with a note on generation.', upvotes: 900, dailyDate: '2025-06-10' });
    const others = Array.from({ length: 20 }, (_, i) => paper(`2599.1${String(i).padStart(4, '0')}`, { title: `Unrelated work ${i}`, upvotes: 3, dailyDate: '2025-06-10' }));
    expect(ranked([weak, strong, ...others], 'video generation')).toEqual(['2599.00001', '2599.00002']);
  });

  it('among equally relevant papers, more upvotes come first', () => {
    const many = paper('2599.00003', { title: 'Sparse Mixture of Experts', upvotes: 50, dailyDate: '2025-06-10' });
    const few = paper('2599.00004', { title: 'Sparse Mixture of Experts', upvotes: 5, dailyDate: '2025-06-10' });
    expect(ranked([few, many], 'mixture experts')).toEqual(['2599.00003', '2599.00004']);
  });

  it('a week-old paper with 40 upvotes is not ranked below a year-old one with 60', () => {
    const recent = paper('2599.00005', { title: 'Sparse Mixture of Experts', upvotes: 40, dailyDate: '2025-06-10' });
    const old = paper('2499.00006', { title: 'Sparse Mixture of Experts', upvotes: 60, dailyDate: '2024-06-03' });
    const newest = paper('2599.00007', { title: 'Something Else Entirely', upvotes: 1, dailyDate: '2025-06-17' });
    expect(ranked([old, recent, newest], 'mixture experts')).toEqual(['2599.00005', '2499.00006']);
  });
});

describe('relevance sees what stems cannot', () => {
  const filler = Array.from({ length: 20 }, (_, i) => paper(`2599.2${String(i).padStart(4, '0')}`, { title: `Unrelated work ${i}`, upvotes: 3, dailyDate: '2025-06-10' }));

  it('query words that stand together, as typed, rank above the same words scattered', () => {
    const together = paper('2599.00011', { title: 'A study', abstract: 'We use a world model to plan. Other words follow here.', upvotes: 1, dailyDate: '2025-06-10' });
    const scattered = paper('2599.00012', { title: 'A study', abstract: 'The model of the world is used to plan. Other words follow.', upvotes: 30, dailyDate: '2025-06-10' });
    expect(ranked([scattered, together, ...filler], 'world model')).toEqual(['2599.00011', '2599.00012']);
  });

  it('a paper with the words as typed ranks above one with other words of the same stem', () => {
    const typed = paper('2599.00013', { title: 'Learning to Retrieve Examples', upvotes: 1, dailyDate: '2025-06-10' });
    const stemmed = paper('2599.00014', { title: 'Retrieval with Example Sets', upvotes: 30, dailyDate: '2025-06-10' });
    expect(ranked([stemmed, typed, ...filler], 'retrieve examples')).toEqual(['2599.00013', '2599.00014']);
  });

  it('a paper holding all the words in its title ranks above one that spreads them over its fields', () => {
    const inTitle = paper('2599.00015', { title: 'Audio Captioning with Diffusion', abstract: 'Unrelated text.', upvotes: 1, dailyDate: '2025-06-10' });
    const spread = paper('2599.00016', { title: 'Audio Models', aiKeywords: ['captioning'], abstract: 'Unrelated text about diffusion.', upvotes: 30, dailyDate: '2025-06-10' });
    expect(ranked([spread, inTitle, ...filler], 'diffusion audio captioning')).toEqual(['2599.00015', '2599.00016']);
  });
});

describe('pages and dates', () => {
  it('an undated paper (from a file) gets no recency bonus over a dated one', () => {
    const dated = paper('2599.00021', { title: 'Sparse Mixture of Experts', upvotes: 5, dailyDate: '2024-06-10' });
    const newest = paper('2599.00022', { title: 'Something Else Entirely', upvotes: 5, dailyDate: '2025-06-10' });
    const undated = paper('2599.00023', { title: 'Sparse Mixture of Experts', upvotes: 5, dailyDate: null });
    expect(ranked([undated, newest, dated], 'mixture experts')).toEqual(['2599.00021', '2599.00023']);
  });
});

describe('groups', () => {
  it('(diffusion transformer) OR mamba does not count mamba twice: both words of the group outrank the one alternative', () => {
    const filler = ['diffusion', 'transformer', 'mamba'].flatMap((word, w) =>
      Array.from({ length: 10 }, (_, i) => paper(`2599.3${w}${String(i).padStart(3, '0')}`, { title: `Unrelated work ${w} ${i}`, abstract: `A note on ${word}.`, upvotes: 3, dailyDate: '2025-06-10' })),
    );
    const group = paper('2599.00031', { title: 'Diffusion Transformer', upvotes: 1, dailyDate: '2025-06-10' });
    const alone = paper('2599.00032', { title: 'Mamba', upvotes: 50, dailyDate: '2025-06-10' });
    expect(ranked([alone, group, ...filler], '(diffusion transformer) OR mamba').slice(0, 2)).toEqual(['2599.00031', '2599.00032']);
  });
});
