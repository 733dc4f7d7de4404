import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mixedQueries } from '../../bench/bench-data.js';
import { silentLogger } from '../../src/log.js';
import { PaperArchive } from '../../src/papers/archive.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import type { Paper } from '../../src/papers/paper.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import { parseQuery } from '../../src/search/query.js';
import { searchPapers } from '../../src/search/search-papers.js';
import { createStore, type KeyValue, type Store } from '../../src/store.js';
import { fixturePath } from '../helpers/fixtures.js';

let papers: Paper[];
let queries: string[];
beforeAll(async () => {
  ({ papers } = await loadPaperFiles([fixturePath('hf/daily'), fixturePath('hf/raw_daily'), fixturePath('hf/monthly_final')]));
  queries = mixedQueries(papers, 15).map((q) => q.text);
});

/** What a member sees for each query: how many papers matched, and each one's score. */
function answers(index: PaperIndex): Map<string, { total: number; scores: Map<string, number> }> {
  return new Map(
    queries.map((q) => {
      const page = searchPapers(index, parseQuery(q), { limit: 10_000 });
      return [q, { total: page.total, scores: new Map(page.hits.map((hit) => [hit.id ?? hit.title, hit.score])) }];
    }),
  );
}

function expectSameAnswers(actual: PaperIndex, expected: PaperIndex): void {
  const want = answers(expected);
  const got = answers(actual);
  expect(got.size).toBe(want.size);
  for (const [q, { total, scores }] of want) {
    expect(got.get(q)!.total, q).toBe(total);
    expect([...got.get(q)!.scores.keys()].sort(), q).toEqual([...scores.keys()].sort());
    for (const [id, score] of scores) expect(got.get(q)!.scores.get(id), `${q}: ${id}`).toBeCloseTo(score, 9);
  }
}

/** A namespace that counts the day records read from it. */
function counting(kv: KeyValue): KeyValue & { daysRead: number } {
  const out = Object.create(kv) as KeyValue & { daysRead: number };
  out.daysRead = 0;
  out.get = async <T>(key: string) => {
    if (key.startsWith('day:')) out.daysRead++;
    return kv.get<T>(key);
  };
  out.entries = async function* <T>() {
    for await (const entry of kv.entries<T>()) {
      if (entry[0].startsWith('day:')) out.daysRead++;
      yield entry;
    }
  };
  return out;
}

function openArchive(store: Store, indexFile: string | undefined) {
  const kv = counting(store.namespace('papers'));
  const archive = new PaperArchive(kv, { refreshRecentDays: 3, refreshAfterMs: 3_600_000, logger: silentLogger, revisions: store.namespace('papers-revisions'), indexFile });
  return { archive, kv };
}

async function savedArchive() {
  const dir = mkdtempSync(join(tmpdir(), 'stored-index-'));
  const url = `sqlite://${join(dir, 'bot.sqlite')}`;
  const indexFile = join(dir, 'bot.sqlite.index');
  const store = createStore(url, silentLogger);
  const { archive } = openArchive(store, indexFile);
  await archive.load();
  await archive.importPapers(papers);
  expect(await archive.saveIndex()).toBeGreaterThan(0);
  return { archive, url, indexFile, store };
}

describe('the stored index', () => {
  it('a restart answers every query as before, without reading a single stored day', async () => {
    const { archive, url, indexFile, store } = await savedArchive();
    const again = createStore(url, silentLogger);
    const restarted = openArchive(again, indexFile);
    await restarted.archive.load();
    expect(restarted.kv.daysRead).toBe(0);
    expect(restarted.archive.index.size).toBe(archive.index.size);
    expect(restarted.archive.dates()).toEqual(archive.dates());
    expect(restarted.archive.papersOn(archive.dates().at(-1)!)).toEqual(archive.papersOn(archive.dates().at(-1)!));
    expectSameAnswers(restarted.archive.index, archive.index);
    await Promise.all([store.close(), again.close()]);
  });

  it('a start reads only the days stored after the index was written, and answers with them', async () => {
    const { archive, url, indexFile, store } = await savedArchive();
    // Another process (an import, another replica) stores a day with new votes after the save.
    const date = archive.dates().at(-1)!;
    const boosted = archive.papersOn(date).map((paper) => ({ ...paper, upvotes: paper.upvotes + 1000 }));
    await archive.importPapers(boosted);
    const again = createStore(url, silentLogger);
    const restarted = openArchive(again, indexFile);
    await restarted.archive.load();
    expect(restarted.kv.daysRead).toBe(1);
    expect(restarted.archive.papersOn(date).map((p) => p.upvotes)).toEqual(boosted.map((p) => p.upvotes).sort((a, b) => b - a));
    expect(restarted.archive.findPaper(boosted[0]!.id!)?.upvotes).toBe(boosted[0]!.upvotes);
    expectSameAnswers(restarted.archive.index, archive.index);
    await Promise.all([store.close(), again.close()]);
  });

  it('a damaged or truncated file is rebuilt from the stored days, with the same answers', async () => {
    const { archive, url, indexFile, store } = await savedArchive();
    const bytes = readFileSync(indexFile);
    for (const damaged of [bytes.subarray(0, bytes.length >> 1), Buffer.concat([bytes, Buffer.from('x')]), Buffer.alloc(0)]) {
      writeFileSync(indexFile, damaged);
      const again = createStore(url, silentLogger);
      const restarted = openArchive(again, indexFile);
      expect(await restarted.archive.load()).toBe(true);
      expect(restarted.kv.daysRead).toBe(archive.dates().length);
      expectSameAnswers(restarted.archive.index, archive.index);
      await again.close();
    }
    await store.close();
  });
});

describe('refreshed papers', () => {
  it('a third of the papers replaced with new text answers as an index built from scratch', () => {
    const index = new PaperIndex();
    index.upsert(papers);
    const rewritten = papers.filter((_, i) => i % 3 === 0).map((paper, i) => ({
      ...paper,
      title: `${paper.title} revisited`,
      abstract: i % 2 ? paper.abstract.split(' ').reverse().join(' ') : `${paper.abstract} Code and weights are released.`,
      aiKeywords: i % 5 === 0 ? [] : [...paper.aiKeywords, 'world model'],
      upvotes: paper.upvotes + 7,
    }));
    // In small batches, as refreshes bring them, so some land in packed lists and some in added ones.
    for (let i = 0; i < rewritten.length; i += 25) index.upsert(rewritten.slice(i, i + 25));
    const fromScratch = new PaperIndex();
    const replaced = new Map(rewritten.map((paper) => [paper.id, paper]));
    fromScratch.upsert(papers.map((paper) => replaced.get(paper.id) ?? paper));
    expect(index.size).toBe(fromScratch.size);
    expectSameAnswers(index, fromScratch);
    // No dead postings: every term counts the documents that hold it now.
    expect(index.inverted.documentFrequency('revisit', 0)).toBe(fromScratch.inverted.documentFrequency('revisit', 0));
    expect(index.inverted.documentFrequency('world', 1)).toBe(fromScratch.inverted.documentFrequency('world', 1));
  });

  it('new votes on unchanged text change the ranking input, not the postings', () => {
    const index = new PaperIndex();
    index.upsert(papers);
    const before = index.inverted.documentSlots;
    const voted = papers.slice(0, 50).map((paper) => ({ ...paper, upvotes: paper.upvotes + 500 }));
    index.upsert(voted);
    expect(index.inverted.documentSlots).toBe(before);
    expect(index.get(voted[0]!.id!)?.upvotes).toBe(voted[0]!.upvotes);
    const top = searchPapers(index, parseQuery(voted[0]!.title), { limit: 3 }).hits;
    expect(top.map((hit) => hit.upvotes)).toContain(voted[0]!.upvotes);
  });
});

describe('the stored index and the store, as days arrive in any order', () => {
  const term = (archive: PaperArchive, word: string) => searchPapers(archive.index, parseQuery(word), { limit: 10 }).hits.map((hit) => hit.id);

  it('a paper listed on two days is searched as of its later day, even when the earlier day changes after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stored-index-order-'));
    const store = createStore('memory://', silentLogger);
    const indexFile = join(dir, 'index');
    const [paper, ...others] = papers.slice(0, 30);
    const { archive } = openArchive(store, indexFile);
    await archive.load();
    await archive.importPapers([{ ...paper!, dailyDate: '2025-01-01', aiKeywords: ['betaword'] }, ...others.map((p) => ({ ...p, dailyDate: '2025-01-01' }))]);
    await archive.importPapers([{ ...paper!, dailyDate: '2025-01-02', aiKeywords: ['alphaword'] }]);
    await archive.close();
    // Another replica adds a paper to the earlier day after the index was written.
    const other = openArchive(store, undefined).archive;
    await other.load();
    await other.importPapers([{ ...others[0]!, dailyDate: '2025-01-01', upvotes: 999 }]);
    expect(term(other, 'alphaword')).toEqual([paper!.id]);
    const restarted = openArchive(store, indexFile).archive;
    await restarted.load();
    expect(term(restarted, 'alphaword')).toEqual([paper!.id]);
    expect(term(restarted, 'betaword')).toEqual([]);
    expect(restarted.findPaper(paper!.id!)?.dailyDate).toBe('2025-01-02');
  });

  it('a day stored while the index is being written is in the next start, searchable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stored-index-race-'));
    const store = createStore('memory://', silentLogger);
    const indexFile = join(dir, 'index');
    const { archive } = openArchive(store, indexFile);
    await archive.load();
    const first = archive.importPapers(papers.slice(0, 500).map((p) => ({ ...p, dailyDate: '2025-01-01' })));
    await new Promise((resolve) => setImmediate(resolve));
    const saved = archive.saveIndex();
    const late = papers.slice(500).map((p) => ({ ...p, dailyDate: '2025-01-02' }));
    await Promise.all([first, saved, archive.importPapers(late)]);
    await archive.close();
    const restarted = openArchive(store, indexFile);
    await restarted.archive.load();
    expect(restarted.kv.daysRead).toBe(0);
    expect(restarted.archive.findPaper(late[0]!.id!)?.dailyDate).toBe('2025-01-02');
    expect(searchPapers(restarted.archive.index, parseQuery(late[0]!.title), { limit: 3 }).hits.map((hit) => hit.id)).toContain(late[0]!.id);
  });

  it('an index written for another store is not used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stored-index-foreign-'));
    const indexFile = join(dir, 'index');
    const prod = createStore('memory://', silentLogger);
    const writer = new PaperArchive(prod.namespace('papers'), { refreshRecentDays: 3, refreshAfterMs: 3_600_000, logger: silentLogger, revisions: prod.namespace('papers-revisions'), indexFile, storeName: 'prod' });
    await writer.load();
    await writer.importPapers(papers.slice(0, 20));
    await writer.close();
    const staging = createStore('memory://', silentLogger);
    for (const [name, expected] of [['staging', 0], ['prod', 20]] as const) {
      const reader = new PaperArchive((name === 'prod' ? prod : staging).namespace('papers'), { refreshRecentDays: 3, refreshAfterMs: 3_600_000, logger: silentLogger, revisions: (name === 'prod' ? prod : staging).namespace('papers-revisions'), indexFile, storeName: name });
      await reader.load();
      expect(reader.index.size, name).toBe(expected);
    }
  });

  it('a replica whose read failed takes the changed days at its next look', async () => {
    const store = createStore('memory://', silentLogger);
    const writer = openArchive(store, undefined).archive;
    await writer.load();
    const kv = store.namespace('papers');
    let failNext = false;
    const flaky = Object.create(kv) as KeyValue;
    flaky.get = async <T>(key: string) => {
      if (failNext) {
        failNext = false;
        throw new Error('store did not answer');
      }
      return kv.get<T>(key);
    };
    const reader = new PaperArchive(flaky, { refreshRecentDays: 3, refreshAfterMs: 3_600_000, logger: silentLogger, revisions: store.namespace('papers-revisions') });
    await reader.load();
    await writer.importPapers(papers.slice(0, 5).map((p) => ({ ...p, dailyDate: '2025-01-01' })));
    failNext = true;
    await expect(reader.syncFromStore()).rejects.toThrow('store did not answer');
    expect(await reader.syncFromStore()).toEqual(['2025-01-01']);
    expect(reader.papersOn('2025-01-01')).toHaveLength(5);
  });
});
