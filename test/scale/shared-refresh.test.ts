import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { createCore, type Core } from '../../src/core.js';
import { silentLogger } from '../../src/log.js';
import { parseQuery } from '../../src/search/query.js';
import { searchPapers } from '../../src/search/search-papers.js';
import { pageOf, sendJson, startFakeHf } from '../helpers/fake-hf.js';
import { fixturePath } from '../helpers/fixtures.js';
import { REDIS_URL, redisUp, shouldRun } from '../helpers/services.js';

const run = shouldRun('two replicas refreshing on Redis', redisUp);

/** One real day's items, served for every date asked, with `extraVotes` added to each paper's upvotes. */
const day = JSON.parse(readFileSync(fixturePath('hf/daily/2025-06-10.json'), 'utf8')) as { paper: Record<string, unknown> }[];
let extraVotes = 0;
const itemsFor = (date: string) =>
  day.map((item) => ({ ...item, paper: { ...item.paper, upvotes: Number(item.paper.upvotes) + extraVotes, submittedOnDailyAt: `${date}T08:00:00.000Z` } }));

describe.runIf(run)('two replicas sharing Redis', () => {
  let hf: Awaited<ReturnType<typeof startFakeHf>>;
  let now = new Date('2025-06-12T09:00:00Z');
  const replicas: Core[] = [];
  const prefix = `shared-refresh-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    hf = await startFakeHf((url, _request, response) => sendJson(response, 200, pageOf(itemsFor(url.searchParams.get('date') ?? ''), url)));
    const config = loadConfig({ STORE_URL: REDIS_URL, STORE_PREFIX: prefix, HF_API_URL: hf.baseUrl, HF_RETRIES: '0', REFRESH_RECENT_DAYS: '3', REFRESH_AFTER_MINUTES: '60', INDEX_FILE: 'off' });
    for (let i = 0; i < 2; i++) replicas.push(await createCore(config, silentLogger, { now: () => now }));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((core) => core.close()));
    await hf?.close();
  });

  /** Fetches of each date's first page: how many times Hugging Face was asked for each day. */
  const fetchesPerDay = () => {
    const counts = new Map<string, number>();
    for (const { url } of hf.requests) if (url.searchParams.get('p') === '0') counts.set(url.searchParams.get('date')!, (counts.get(url.searchParams.get('date')!) ?? 0) + 1);
    return counts;
  };
  const topUpvotes = (core: Core) => searchPapers(core.archive.index, parseQuery(String(day[0]!.paper.title)), { limit: 1 }).hits[0]?.upvotes;

  it('refresh together: each day is fetched once, and both answer with it', async () => {
    const results = await Promise.all(replicas.map((core) => core.archive.refreshRecent()));
    const days = fetchesPerDay();
    expect(days.size).toBe(7);
    expect([...days.values()].every((n) => n === 1)).toBe(true);
    // Between them they refreshed every day; neither failed one.
    expect(new Set(results.flatMap((r) => r.refreshed))).toEqual(new Set(days.keys()));
    expect(results.flatMap((r) => r.failed)).toEqual([]);
    for (const core of replicas) expect(topUpvotes(core)).toBe(Number(day[0]!.paper.upvotes));
  });

  it('an hour later one replica refreshes; the other takes the new votes from the store without asking Hugging Face', async () => {
    extraVotes = 100;
    now = new Date(now.getTime() + 61 * 60_000);
    hf.requests.length = 0;
    const [first, second] = replicas as [Core, Core];
    const { refreshed } = await first.archive.refreshRecent();
    expect(refreshed).toHaveLength(3);
    expect(topUpvotes(first)).toBe(Number(day[0]!.paper.upvotes) + 100);
    // What the second replica's upkeep does every few seconds: one read, then the changed days.
    expect((await second.archive.syncFromStore()).sort()).toEqual([...refreshed].sort());
    expect(topUpvotes(second)).toBe(Number(day[0]!.paper.upvotes) + 100);
    // And its own refresh, when a digest slot asks for one, finds the days fresh.
    expect((await second.archive.refreshRecent()).refreshed).toEqual([]);
    expect([...fetchesPerDay().values()]).toEqual([1, 1, 1]);
  });
});
