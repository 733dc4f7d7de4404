import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/papers/paper.js';
import type { PaperArchive } from '../../src/papers/archive.js';
import { parseQuery } from '../../src/search/query.js';
import { searchPapers } from '../../src/search/search-papers.js';
import { fixtureArchive } from '../helpers/archive.js';

let archive: PaperArchive;
beforeAll(async () => {
  ({ archive } = await fixtureArchive());
});

const search = (q: string, limit = 1000) => searchPapers(archive.index, parseQuery(q), { limit });
const allText = (p: Paper) => [p.title, p.abstract, p.aiKeywords.join(' '), p.authors.join(' '), p.organization ?? ''].join(' ');
const hasWord = (text: string, word: string) => new RegExp(`\\b${word}`, 'i').test(text);

describe('search semantics on real Daily Papers', () => {
  it('requires every word to match somewhere in the paper', () => {
    const { hits, total } = search('video generation');
    expect(total).toBeGreaterThan(3);
    for (const hit of hits) {
      expect(hasWord(allText(hit), 'video')).toBe(true);
      expect(hasWord(allText(hit), 'generat')).toBe(true);
    }
  });

  it('never returns a paper with an excluded word', () => {
    const withVideo = search('generation').total;
    const { hits, total } = search('generation -video');
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(withVideo);
    for (const hit of hits) expect(hasWord(allText(hit), 'video')).toBe(false);
  });

  it('matches a phrase only where its words stand together', () => {
    const loose = search('language model').total;
    const { hits, total } = search('"language model"');
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(loose);
    for (const hit of hits) expect(allText(hit)).toMatch(/language[\s-]+model/i);
    // "model ... language" apart, not together, is not a phrase hit
    const apart = search('model language').hits.filter((h) => !/language[\s-]+model/i.test(allText(h)));
    expect(apart.length).toBeGreaterThan(0);
    expect(hits.map((h) => h.id)).not.toContain(apart[0]!.id);
  });

  it('author: matches authors only', () => {
    const { hits } = search('author:wang');
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.authors.some((a) => /\bwang\b/i.test(a))).toBe(true);
    const inTextOnly = search('wang').hits.filter((h) => !h.authors.some((a) => /\bwang\b/i.test(a)));
    for (const hit of inTextOnly) expect(hits.map((h) => h.id)).not.toContain(hit.id);
  });

  it('OR accepts either word', () => {
    const either = search('audio OR speech');
    const audio = search('audio').total;
    const speech = search('speech').total;
    expect(either.total).toBeGreaterThanOrEqual(Math.max(audio, speech));
    expect(either.total).toBeLessThanOrEqual(audio + speech);
    for (const hit of either.hits) expect(hasWord(allText(hit), 'audio') || hasWord(allText(hit), 'speech')).toBe(true);
  });

  it("says why each hit matched, field by field, in the query's words", () => {
    const { hits } = search('"video generation"', 200);
    const inTitle = hits.find((h) => /video generation/i.test(h.title))!;
    expect(inTitle.reasons).toContainEqual({ field: 'title', terms: ['video generation'] });
    // A title with both words apart does not count as the phrase matching the title.
    const apart = hits.find((h) => /video/i.test(h.title) && /generation/i.test(h.title) && !/video generation/i.test(h.title));
    if (apart) expect(apart.reasons.map((r) => r.field)).not.toContain('title');
    for (const hit of hits) expect(hit.reasons.length).toBeGreaterThan(0);
    const [mixed] = search('author:wang diffusion', 1).hits;
    expect(mixed!.reasons).toContainEqual({ field: 'authors', terms: ['wang'] });
  });

  it('ranks a relevant, popular paper above an equally relevant unpopular one', () => {
    const base = archive.papersOn('2025-06-10')[0]!;
    archive.index.upsert([
      { ...base, id: '2599.00001', title: 'Quokka alignment for agents', upvotes: 2 },
      { ...base, id: '2599.00002', title: 'Quokka alignment for agents', upvotes: 150 },
    ]);
    const { hits } = search('quokka');
    expect(hits.map((h) => h.id)).toEqual(['2599.00002', '2599.00001']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    const scores = search('diffusion', 50).hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('weighs a title match above an abstract-only match', () => {
    const base = archive.papersOn('2025-06-10')[0]!;
    archive.index.upsert([
      { ...base, id: '2599.00003', title: 'Wombat planning', abstract: 'Nothing else here.', aiKeywords: [], upvotes: 5 },
      { ...base, id: '2599.00004', title: 'Planning study', abstract: 'We meet a wombat once.', aiKeywords: [], upvotes: 5 },
    ]);
    expect(search('wombat').hits.map((h) => h.id)).toEqual(['2599.00003', '2599.00004']);
  });

  it('finds nothing, not an error, for a word no paper has', () => {
    expect(search('zzyzxqq')).toEqual({ total: 0, hits: [] });
  });
});
