import type { Paper } from '../../src/papers/paper.js';

/** A paper with every field set; `over` replaces some. */
export function samplePaper(n: number, over: Partial<Paper> = {}): Paper {
  const id = `2406.${10000 + n}`;
  return {
    id,
    title: `Paper ${n}: video diffusion`,
    abstract: `We study video ${n}. More follows.`,
    authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Emmy Noether'],
    authorCount: 5,
    organization: 'AI at Meta',
    upvotes: n * 2,
    comments: 0,
    githubRepo: `https://github.com/org/repo${n}`,
    githubStars: 12,
    projectPage: null,
    thumbnail: `https://cdn.example/${n}.png`,
    aiSummary: null,
    aiKeywords: [],
    arxivDate: null,
    dailyDate: null,
    links: { hf: `https://b-61j.pages.dev/papers/${id}`, arxiv: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` },
    ...over,
  };
}

/** A paper whose every text runs to the platforms' clamps. */
export function longPaper(n: number): Paper {
  return samplePaper(n, {
    title: `Paper ${n} ${'long title & <b> '.repeat(40)}`,
    aiSummary: `Summary ${n} ${'words @everyone <!channel> '.repeat(80)}`,
    authors: Array.from({ length: 8 }, (_, i) => `Author ${'X'.repeat(120)} ${i}`),
    organization: `Org ${'O'.repeat(400)}`,
  });
}
