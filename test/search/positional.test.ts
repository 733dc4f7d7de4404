import { beforeAll, describe, expect, it } from 'vitest';
import { loadPaperFiles } from '../../src/papers/files.js';
import type { Paper } from '../../src/papers/paper.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import { parseQuery } from '../../src/search/query.js';
import { searchPapers } from '../../src/search/search-papers.js';
import { terms } from '../../src/search/text.js';
import { fixturePath } from '../helpers/fixtures.js';

let index: PaperIndex;
let papers: Paper[];
beforeAll(async () => {
  const loaded = await loadPaperFiles([fixturePath('hf/daily'), fixturePath('hf/monthly_final')]);
  index = new PaperIndex();
  index.upsert(loaded.papers);
  papers = [...index.all()];
});

const ids = (q: string) => new Set(searchPapers(index, parseQuery(q), { limit: 100_000 }).hits.map((h) => h.id));
const sorted = (set: Set<string | null | undefined>) => [...set].map(String).sort();

/** The words of a text as a reader sees them: lower case, accents dropped, split on anything but letters and digits. */
const wordsOf = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u);
const indexedWords = (text: string) => wordsOf(text).filter((w) => terms(w).length > 0);
const searched = (p: Paper) => [p.title, p.abstract, ...p.aiKeywords, ...p.authors, p.organization ?? ''];

describe('prefix search over the words papers have, not their stems', () => {
  it.each([
    'evaluat', 'generati', 'tokeniz', 'quantizat', 'optimiz', 'personaliz', 'generaliz', 'transformer', 'synthes',
    'retriev', 'diffus', 'hallucinat', 'reinforc', 'multimodal', 'benchmark', 'agent',
  ])('%s* finds exactly the papers with a word starting with it', (prefix) => {
    const expected = new Set(papers.filter((p) => searched(p).some((text) => wordsOf(text).some((w) => w.startsWith(prefix)))).map((p) => p.id));
    expect(expected.size).toBeGreaterThan(0);
    expect(sorted(ids(`${prefix}*`))).toEqual(sorted(expected));
  });

  it('limits a prefix to a field: title:transformer* and author:zhan*', () => {
    const titles = new Set(papers.filter((p) => wordsOf(p.title).some((w) => w.startsWith('transformer'))).map((p) => p.id));
    expect(sorted(ids('title:transformer*'))).toEqual(sorted(titles));
    const authors = new Set(papers.filter((p) => p.authors.some((a) => wordsOf(a).some((w) => w.startsWith('zhan')))).map((p) => p.id));
    expect(authors.size).toBeGreaterThan(0);
    expect(sorted(ids('author:zhan*'))).toEqual(sorted(authors));
  });

  it('transformer* leaves out a paper that only says "transforming"', () => {
    const transforming = papers.find((p) => {
      const all = searched(p).flatMap(wordsOf);
      return all.includes('transforming') && !all.some((w) => w.startsWith('transformer'));
    });
    expect(transforming).toBeDefined();
    expect(ids('transformer*')).not.toContain(transforming!.id);
    expect(ids('transform*')).toContain(transforming!.id);
  });

  it('says so when a short prefix starts more words than it searches, and still finds only such words', () => {
    const page = searchPapers(index, parseQuery('s*'), { limit: 100_000 });
    expect(page.notes).toEqual([expect.stringMatching(/`s\*` starts more than 200 words/)]);
    for (const hit of page.hits) expect(searched(hit).some((text) => wordsOf(text).some((w) => w.startsWith('s')))).toBe(true);
    expect(searchPapers(index, parseQuery('evaluat*')).notes).toBeUndefined();
  });
});

/** The same word, or its plural or singular written with -s, -es or -ies (and the same stem). */
const sameWordOrNumber = (written: string, typed: string) => {
  if (written === typed) return true;
  const forms = [written, typed].sort((a, b) => a.length - b.length) as [string, string];
  const [short, long] = forms;
  const plural = long === `${short}s` || long === `${short}es` || (short.endsWith('y') && long === `${short.slice(0, -1)}ies`);
  return plural && terms(short)[0] === terms(long)[0];
};

/** Whether `phrase`'s words, as typed (or their plural or singular), stand together within one of `values` (one author, one keyword). */
const within = (values: string[], phrase: string) => {
  const wanted = indexedWords(phrase);
  return values.some((value) => {
    const have = indexedWords(value);
    return have.some((_, i) => wanted.every((w, j) => have[i + j] !== undefined && sameWordOrNumber(have[i + j]!, w)));
  });
};

describe('phrases stay within one value of a field', () => {
  it('never join two authors or two keywords of a constructed paper', () => {
    const base = papers[0]!;
    const own = new PaperIndex();
    own.upsert([
      { ...base, id: '2599.10001', title: 'Quokka study', abstract: 'Nothing else.', organization: null, authors: ['Yun Hao', 'Juntong Li'], aiKeywords: ['multimodal videos', 'generation quality'] },
      { ...base, id: '2599.10002', title: 'Quokka survey', abstract: 'Nothing else.', organization: null, authors: ['Hao Juntong'], aiKeywords: ['videos generation'] },
    ]);
    const found = (q: string) => searchPapers(own, parseQuery(q), { limit: 10 }).hits.map((h) => h.id).sort();
    expect(found('author:"hao juntong"')).toEqual(['2599.10002']);
    expect(found('"hao juntong"')).toEqual(['2599.10002']);
    expect(found('author:"yun hao"')).toEqual(['2599.10001']);
    expect(found('"videos generation"')).toEqual(['2599.10002']);
    expect(found('"multimodal videos"')).toEqual(['2599.10001']);
    expect(found('quokka -"videos generation"')).toEqual(['2599.10001']);
    expect(found('quokka -"multimodal videos"')).toEqual(['2599.10002']);
  });

  it('author:"last first" across two adjacent real authors matches only a paper with one such author', () => {
    const pairs = papers
      .filter((p) => p.authors.length >= 2)
      .slice(0, 40)
      .map((p) => `${indexedWords(p.authors[0]!).at(-1)} ${indexedWords(p.authors[1]!)[0]}`)
      .filter((pair) => terms(pair).length === 2);
    expect(pairs.length).toBeGreaterThan(20);
    for (const pair of pairs) {
      const expected = new Set(papers.filter((p) => within(p.authors, pair)).map((p) => p.id));
      expect(sorted(ids(`author:"${pair}"`)), pair).toEqual(sorted(expected));
    }
  });

  it('author:"first last" matches the papers with that one author', () => {
    const names = [...new Set(papers.flatMap((p) => p.authors))].filter((a) => /^[a-z]+ [a-z]+$/i.test(a)).slice(0, 40);
    expect(names.length).toBe(40);
    for (const name of names) {
      const expected = new Set(papers.filter((p) => within(p.authors, name)).map((p) => p.id));
      expect(expected.size).toBeGreaterThan(0);
      expect(sorted(ids(`author:"${name}"`)), name).toEqual(sorted(expected));
    }
  });

  it('a phrase across two adjacent real keywords matches only where the words stand together in one value', () => {
    const pairs = papers
      .filter((p) => p.aiKeywords.length >= 2)
      .slice(0, 40)
      .map((p) => `${indexedWords(p.aiKeywords[0]!).at(-1)} ${indexedWords(p.aiKeywords[1]!)[0]}`)
      .filter((pair) => terms(pair).length === 2);
    expect(pairs.length).toBeGreaterThan(20);
    for (const pair of pairs) {
      const expected = new Set(papers.filter((p) => within(searched(p), pair)).map((p) => p.id));
      expect(sorted(ids(`"${pair}"`)), pair).toEqual(sorted(expected));
    }
  });

  it.each([
    ['reasoning', 'large language models'],
    ['generation', 'video generation'],
    ['model', 'reinforcement learning'],
    ['agent', 'multimodal large language models'],
  ])('%s -"%s" leaves out exactly the papers where the phrase stands within one value', (word, phrase) => {
    const expected = new Set([...ids(word)].filter((id) => !within(searched(index.get(id!)!), phrase)));
    expect(ids(word).size).toBeGreaterThan(expected.size);
    expect(sorted(ids(`${word} -"${phrase}"`))).toEqual(sorted(expected));
  });
});

describe('a phrase matches its words as typed, in any case and accents, with their plural or singular', () => {
  const stemOnly = (p: Paper, a: RegExp, b: RegExp) => searched(p).some((t) => a.test(t)) && !searched(p).some((t) => b.test(t));

  it('"video generation" leaves out a paper that only says "videos generated"', () => {
    const generated = papers.find((p) => stemOnly(p, /\bvideos? generated\b/i, /\bvideos? generation/i));
    expect(generated).toBeDefined();
    expect(ids('video generated')).toContain(generated!.id);
    expect(ids('"video generation"')).not.toContain(generated!.id);
    expect(ids('"video generated"')).toContain(generated!.id);
  });

  it('"world model" finds papers that say "world models", and "World Models" finds "world model"', () => {
    const plural = papers.find((p) => stemOnly(p, /\bworld models\b/i, /\bworld model\b/i));
    const singular = papers.find((p) => stemOnly(p, /\bworld model\b/i, /\bworld models\b/i));
    expect(plural && singular).toBeDefined();
    expect(ids('"world model"')).toContain(plural!.id);
    expect(ids('"World Models"')).toContain(singular!.id);
    expect(sorted(ids('"world model"'))).toEqual(sorted(ids('"WORLD MODELS"')));
  });

  it('folds accents and case: "Évaluation" and "evaluation" find the same papers', () => {
    expect(ids('"evaluation benchmark"').size).toBeGreaterThan(0);
    expect(sorted(ids('"Évaluation BENCHMARK"'))).toEqual(sorted(ids('"evaluation benchmark"')));
  });

  it('a quoted single word keeps to its typed forms: "generation" leaves out papers that only say "generated"', () => {
    const generated = papers.find((p) => stemOnly(p, /\bgenerated\b/i, /\bgenerations?\b/i));
    expect(generated).toBeDefined();
    expect(ids('generation')).toContain(generated!.id);
    expect(ids('"generation"')).not.toContain(generated!.id);
  });
});

describe('papers added after the index was packed', () => {
  it('are found exactly as if the index had been built with them, by words, phrases, prefixes and fields', () => {
    const later = papers.slice(-15).map((p) => ({ ...p, upvotes: p.upvotes + 1 }));
    const grown = new PaperIndex();
    grown.upsert(papers.slice(0, -15));
    grown.upsert(later);
    const whole = new PaperIndex();
    whole.upsert([...papers.slice(0, -15), ...later]);
    const found = (index: PaperIndex, q: string) => searchPapers(index, parseQuery(q), { limit: 100_000 }).hits.map((h) => `${h.id} ${h.score}`);
    for (const q of ['diffusion', '"video generation"', 'evaluat*', `author:"${later[0]!.authors[0]}"`, 'model -"language model"', '(video OR audio) generation']) {
      expect(found(whole, q).length, q).toBeGreaterThan(0);
      expect(found(grown, q), q).toEqual(found(whole, q));
    }
  });

  it('a paper replaced after packing is found by its new words and no longer by its old ones', () => {
    const grown = new PaperIndex();
    grown.upsert(papers);
    const old = papers[0]!;
    grown.upsert([{ ...old, title: 'Quokkas revisited', abstract: 'Nothing else.', aiKeywords: [] }]);
    const ids = (q: string) => searchPapers(grown, parseQuery(q), { limit: 100_000 }).hits.map((h) => h.id);
    expect(ids('quokkas revisited')).toEqual([old.id]);
    expect(ids(`"${old.title}"`)).not.toContain(old.id);
  });
});

describe('pages of one ranking', () => {
  it.each(['model', 'video generation', 'reasoning -"large language models"', '(video OR audio) generation'])('%s: every page, shallow or deep, is a slice of the same order', (q) => {
    const all = searchPapers(index, parseQuery(q), { limit: 400 }).hits.map((h) => h.id);
    expect(all.length).toBeGreaterThan(50);
    for (const [offset, limit] of [[0, 5], [0, 10], [5, 5], [40, 10], [50, 20], [0, 70], [60, 100]] as const) {
      expect(searchPapers(index, parseQuery(q), { offset, limit }).hits.map((h) => h.id), `${offset}+${limit}`).toEqual(all.slice(offset, offset + limit));
    }
  });
});

describe('acronyms in the plural', () => {
  it.each([['LLMs', 'LLM'], ['VLMs', 'VLM'], ['GPUs', 'GPU']])('%s and %s find the same papers, in words and in phrases', (plural, singular) => {
    expect(ids(plural).size).toBeGreaterThan(0);
    expect(sorted(ids(plural))).toEqual(sorted(ids(singular)));
    expect(sorted(ids(`"${plural}"`))).toEqual(sorted(ids(`"${singular}"`)));
  });
});
