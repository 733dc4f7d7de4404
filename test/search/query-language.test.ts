import { beforeAll, describe, expect, it } from 'vitest';
import { broadenQuery } from '../../src/commands/broaden-query.js';
import type { PaperArchive } from '../../src/papers/archive.js';
import { canonicalQuery, parseQuery, QueryError, type ParsedQuery } from '../../src/search/query.js';
import { searchPapers } from '../../src/search/search-papers.js';
import { editsBetween, MAX_CORRECTED_WORDS, suggestCorrection } from '../../src/search/suggest-word.js';
import { words } from '../../src/search/text.js';
import { fixtureArchive } from '../helpers/archive.js';

let archive: PaperArchive;
beforeAll(async () => {
  ({ archive } = await fixtureArchive());
});

const count = (q: ParsedQuery) => searchPapers(archive.index, q, { limit: 1 }).total;
const ids = (q: string) => new Set(searchPapers(archive.index, parseQuery(q), { limit: 10_000 }).hits.map((h) => h.id));
const union = (...sets: Set<string | null>[]) => new Set(sets.flatMap((s) => [...s]));

describe('the query language on real Daily Papers', () => {
  it.each([
    ['(video OR audio) -diffusion', ['video OR audio -diffusion']],
    ['(video generation) OR (image editing)', ['video generation', 'image editing']],
    ['(video generation) OR (image editing)', ['video OR image video OR editing generation OR image generation OR editing']],
    ['((video OR audio) generation) OR (speech synthesis)', ['video OR audio generation', 'speech synthesis']],
    ['(language model) OR agent', ['language OR agent model OR agent']],
    ['author:(wang OR li) diffusion', ['author:wang OR author:li diffusion']],
    ['llm -(video OR audio)', ['llm -video -audio']],
    ['reasoning or planning', ['reasoning OR planning']],
    ['"(video generation)"', ['"video generation"']],
  ])('%j finds exactly the papers of %j (the groups expanded)', (grouped, expanded) => {
    const found = ids(grouped);
    expect(found.size).toBeGreaterThan(0);
    expect(found).toEqual(union(...expanded.map(ids)));
  });

  it('keeps parentheses out of the reasons', () => {
    const { hits, total } = searchPapers(archive.index, parseQuery('(video OR audio) -diffusion'), { limit: 50 });
    expect(total).toBeGreaterThan(10);
    const shown = hits.flatMap((hit) => hit.reasons.flatMap((reason) => reason.terms));
    expect(shown).toContain('audio');
    for (const term of shown) expect(term).not.toMatch(/[()]/);
  });

  it.each([
    ['authors:dong', 'did you mean `author:dong`?'],
    ['organisation:meta', 'did you mean `org:meta`?'],
    ['Titles:agents', 'did you mean `title:agents`?'],
    ['foo:bar diffusion', 'the fields are `author:`, `org:` and `title:`'],
  ])('refuses the unknown field in %j, naming the nearest known one', (query, message) => {
    expect(() => parseQuery(query)).toThrow(QueryError);
    expect(() => parseQuery(query)).toThrow(message);
  });

  it('finds an organisation by its Hugging Face name and by its full name', () => {
    const meta = [...archive.index.all()].filter((p) => p.organizationName === 'facebook');
    expect(meta.length).toBeGreaterThan(0);
    expect(meta.every((p) => p.organization === 'AI at Meta')).toBe(true);
    const expected = new Set(meta.map((p) => p.id));
    for (const query of ['org:facebook', 'org:Facebook', 'org:"AI at Meta"', 'org:meta']) expect(ids(query)).toEqual(expected);
    const [hit] = searchPapers(archive.index, parseQuery('org:facebook'), { limit: 1 }).hits;
    expect(hit!.reasons).toEqual([{ field: 'organization', terms: ['facebook'] }]);
  });

  it.each([
    ['difusion', 'diffusion'],
    ['vidoe generation', 'video generation'],
    ['trasnformer -video', 'transformer -video'],
    ['(segmantation OR detection) Robot', '(segmentation OR detection) Robot'],
  ])('suggests the nearest indexed words for %j: %j', (typed, expected) => {
    const correction = suggestCorrection(archive.index, typed, parseQuery(typed), count);
    expect(correction?.text).toBe(expected);
    expect(correction!.total).toBeGreaterThan(0);
    expect(correction!.total).toBe(count(parseQuery(expected)));
  });

  it('suggests nothing for words the papers have, prefixes, or words far from any', () => {
    for (const typed of ['diffusion quokka', 'difus*', 'zzyzxqq']) {
      const correction = suggestCorrection(archive.index, typed, parseQuery(typed), count);
      expect(correction?.total ?? 0).toBe(0);
    }
    expect(suggestCorrection(archive.index, 'diffusion quokka', parseQuery('diffusion quokka'), count)).toBeNull();
  });

  it('corrects a word inside a phrase, keeping the phrase', () => {
    const correction = suggestCorrection(archive.index, '"difusion models"', parseQuery('"difusion models"'), count);
    expect(correction?.text).toBe('"diffusion models"');
    expect(correction!.total).toBeGreaterThan(0);
  });

  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editsBetween('vidoe', 'video')).toBe(1);
    expect(editsBetween('difusion', 'diffusion')).toBe(1);
    expect(editsBetween('agnet', 'agent')).toBe(1);
    expect(editsBetween('abcd', 'badc')).toBeGreaterThan(1);
  });

  it('broadens by leaving out the rarest word, whatever the word order', () => {
    const words = ['video', 'generation', 'robot', 'speech', 'reasoning', 'agent', 'diffusion', 'audio'];
    const alone = (word: string) => count(parseQuery(word));
    // Three real words that never meet in one paper though each pair of the commoner two does.
    let triple: string[] | undefined;
    for (const a of words) for (const b of words) for (const c of words) {
      const t = [a, b, c];
      if (triple || new Set(t).size < 3 || count(parseQuery(t.join(' '))) > 0) continue;
      const [rarest, ...rest] = [...t].sort((x, y) => alone(x) - alone(y));
      if (alone(rarest!) < alone(rest[0]!) && count(parseQuery(rest.join(' '))) > 0) triple = t;
    }
    expect(triple).toBeDefined();
    const rarest = [...triple!].sort((x, y) => alone(x) - alone(y))[0]!;
    const [a, b, c] = triple!;
    const suggestions = [[a, b, c], [a, c, b], [b, a, c], [b, c, a], [c, a, b], [c, b, a]].map((order) => broadenQuery(parseQuery(order.join(' ')), count));
    const canonical = suggestions.map((s) => canonicalQuery(parseQuery(s!)));
    expect(new Set(canonical).size).toBe(1);
    expect(canonical[0]).toBe(canonicalQuery(parseQuery(triple!.filter((w) => w !== rarest).join(' '))));
  });

  it('broadens a query with a word no paper has by leaving that word out, wherever it stands', () => {
    expect(broadenQuery(parseQuery('quokka video generation'), count)).toBe('video generation');
    expect(broadenQuery(parseQuery('video quokka generation'), count)).toBe('video generation');
    expect(broadenQuery(parseQuery('video generation quokka'), count)).toBe('video generation');
  });

  it.each(['in', 'to', 'at', 'be', 'an', 'for', 'on', 'the'])('searches the stop word %j as a prefix, finding papers with a word that starts with it', (start) => {
    const { hits, total } = searchPapers(archive.index, parseQuery(`${start}*`), { limit: 20 });
    expect(total).toBeGreaterThan(0);
    for (const hit of hits) {
      const text = [hit.title, hit.abstract, ...hit.authors, ...hit.aiKeywords, hit.organization ?? '', hit.organizationName ?? ''].join(' ');
      expect(words(text).some((word) => word.toLowerCase().startsWith(start))).toBe(true);
    }
  });

  it('broadens by leaving out the rarest clause before unquoting a phrase', () => {
    expect(count(parseQuery('"world model"'))).toBeGreaterThan(0);
    expect(broadenQuery(parseQuery('"world model" zzzqqq'), count)).toBe('"world model"');
    expect(broadenQuery(parseQuery('zzzqqq "world model"'), count)).toBe('"world model"');
    expect(broadenQuery(parseQuery('quokka video generation -diffusion'), count)).toBe('video generation -diffusion');
  });

  it.each(['"ratio:2 video" qqqzzz', '"black or white" zzzqqq', '"video or audio generation" qqqzzz', '"(video generation)" qqqzzz', 'title:arxiv:2 qqqzzz', 'author:(hinton OR lecun) qqqzzz video', 'in* qqqzzz'])(
    'offers for %j only a broader query that parses and finds papers',
    (typed) => {
      const broader = broadenQuery(parseQuery(typed), count);
      expect(broader).not.toBeNull();
      expect(count(parseQuery(broader!))).toBeGreaterThan(0);
    },
  );

  it('never offers a word that would read as a field or OR once its phrase is unquoted', () => {
    // Phrases and `qqqzzz` match nothing, anything else matches: the phrases must be unquoted.
    const phrasesMatchNothing = (q: ParsedQuery) => (q.clauses.flat().some((t) => t.phrase || t.text === 'qqqzzz') ? 0 : 1);
    const ratio = broadenQuery(parseQuery('"ratio:2 foo" qqqzzz'), phrasesMatchNothing);
    expect(() => parseQuery(ratio!)).not.toThrow();
    expect(ratio).toBe('foo');
    const blackOrWhite = broadenQuery(parseQuery('"black or white" qqqzzz'), phrasesMatchNothing);
    expect(blackOrWhite).toBe('black white');
    expect(canonicalQuery(parseQuery(blackOrWhite!))).toBe(canonicalQuery(parseQuery('black white')));
    // A word that reads as a field stays quoted when that is what finds papers.
    const quotedWordsOnly = (q: ParsedQuery) => (q.clauses.flat().some((t) => t.text === 'qqqzzz' || (t.phrase && /\s/.test(t.text))) ? 0 : 1);
    expect(broadenQuery(parseQuery('"ratio:2 foo" qqqzzz'), quotedWordsOnly)).toBe('"ratio:2" foo');
  });

  it(`corrects at most the first ${MAX_CORRECTED_WORDS} unknown words of a query`, () => {
    const typed = 'difusion vidoe trasnformer segmantation';
    expect(suggestCorrection(archive.index, typed, parseQuery(typed), count)?.text).toBe('diffusion video transformer segmantation');
    let asked = 0;
    const counting = (q: ParsedQuery) => {
      asked++;
      return count(q);
    };
    const garbage = Array.from({ length: 30 }, (_, i) => `qz${String.fromCharCode(97 + (i % 26))}x${i}`).join(' ');
    expect(suggestCorrection(archive.index, garbage, parseQuery(garbage), counting)).toBeNull();
    expect(asked).toBe(MAX_CORRECTED_WORDS);
  });
});
