import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePageText } from '../../src/papers/page-text.js';
import { fixturePath } from '../helpers/fixtures.js';

const page = parsePageText(readFileSync(fixturePath('hf-papers-page.txt'), 'utf8'));
const byTitle = (start: string) => page.papers.find((p) => p.title.startsWith(start))!;

describe('parsing the papers page text', () => {
  it('finds all 77 papers and the page date', () => {
    expect(page.papers).toHaveLength(77);
    expect(page.pageDate).toBe('2025-11-27');
    expect(page.papers.every((p) => p.title.length > 0 && p.abstract.length > 100)).toBe(true);
  });

  it('reads author counts, dates with years and GitHub links from the abstract', () => {
    expect(byTitle('Learning Features with Parameter-Free Layers')).toMatchObject({
      authorCount: 4,
      organization: null,
      arxivDate: '2022-02-06',
      upvotes: 0,
      githubRepo: 'https://github.com/naver-ai/PfLayer',
    });
  });

  it('reads an organisation instead of authors, and the upvote count after the date', () => {
    expect(byTitle('Configurable Foundation Models')).toMatchObject({ organization: 'OpenBMB', arxivDate: '2024-09-04', upvotes: 2 });
    expect(byTitle('Φeat')).toMatchObject({ organization: 'Adobe', arxivDate: '2025-11-14', upvotes: 2 });
  });

  it("gives a date without a year the page's year", () => {
    expect(byTitle('PartCrafter')).toMatchObject({ arxivDate: '2025-06-05', upvotes: 8 });
    expect(byTitle('Do Input Gradients')).toMatchObject({ arxivDate: '2021-02-25' });
  });

  it('still parses the two entries that have no metadata block', () => {
    const bare = page.papers.filter((p) => p.arxivDate === null);
    expect(bare.map((p) => p.title)).toEqual([
      'Rethinking the shape convention of an MLP',
      'Sparser Block-Sparse Attention via Token Permutation',
    ]);
    expect(bare[1]!.githubRepo).toBe('https://github.com/xinghaow99/pbs-attn');
  });

  it('takes an explicit page year when given', () => {
    const text = readFileSync(fixturePath('hf-papers-page.txt'), 'utf8');
    expect(parsePageText(text, { year: 2026 }).pageDate).toBe('2026-11-27');
  });
});
