import { describe, expect, it } from 'vitest';
import { ChannelLikes } from '../../src/likes/channel-likes.js';
import type { PaperSource } from '../../src/papers/archive.js';
import { PaperArchive } from '../../src/papers/archive.js';
import { normalizeDailyItems } from '../../src/papers/normalize.js';
import { silentLogger } from '../../src/log.js';
import { createStore } from '../../src/store.js';
import { fixturePath, readFixtureJson } from '../helpers/fixtures.js';
import { fixtureArchive } from '../helpers/archive.js';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { runCommand } from '../../src/commands/run-command.js';
import { composeDigest } from '../../src/digest/compose-digest.js';

function recordingSource(fail = false) {
  const asked: string[] = [];
  const source: PaperSource = {
    async fetchDay(date) {
      asked.push(date);
      if (fail) throw new Error('offline');
      const items = date === '2025-06-10' ? (readFixtureJson('hf/daily/2025-06-10.json') as unknown[]) : [];
      return { papers: normalizeDailyItems(items, date).papers, skipped: 0 };
    },
  };
  return { source, asked };
}

describe('the archive against its source', () => {
  it('fetches the last week on a first start, then only refetches the recent days once they are stale', async () => {
    const clock = { now: new Date('2025-06-11T08:00:00Z') };
    const { source, asked } = recordingSource();
    const store = createStore('memory://', silentLogger);
    const archive = new PaperArchive(store.namespace('papers'), { source, refreshRecentDays: 3, refreshAfterMs: 60 * 60_000, logger: silentLogger, now: () => clock.now });
    await archive.refreshRecent();
    expect(asked).toEqual(['2025-06-05', '2025-06-06', '2025-06-07', '2025-06-08', '2025-06-09', '2025-06-10', '2025-06-11']);
    expect(archive.latestDate()).toBe('2025-06-10');
    expect(archive.papersOn('2025-06-10')).toHaveLength(28);

    asked.length = 0;
    await archive.refreshRecent();
    expect(asked).toEqual([]); // nothing is stale yet

    clock.now = new Date('2025-06-11T09:30:00Z');
    await archive.refreshRecent();
    expect(asked).toEqual(['2025-06-09', '2025-06-10', '2025-06-11']);

    // A restarted process on the same store knows the days and fetches none of the older ones.
    const again = new PaperArchive(store.namespace('papers'), { source, refreshRecentDays: 3, refreshAfterMs: 60 * 60_000, logger: silentLogger, now: () => clock.now });
    await again.load();
    asked.length = 0;
    await again.refreshRecent();
    expect(asked).toEqual([]);
    expect(again.papersOn('2025-06-10')).toHaveLength(28);
  });

  it('reads days an earlier version stored as objects, and stores them again as text', async () => {
    const store = createStore('memory://', silentLogger);
    const papers = normalizeDailyItems(readFixtureJson('hf/daily/2025-06-10.json') as unknown[], '2025-06-10').papers;
    await store.namespace('papers').set('day:2025-06-10', { date: '2025-06-10', fetchedAt: null, papers });
    const archive = new PaperArchive(store.namespace('papers'), { refreshRecentDays: 3, refreshAfterMs: 60 * 60_000, logger: silentLogger });
    await archive.load();
    expect(archive.papersOn('2025-06-10')).toHaveLength(28);
    await archive.importPapers(papers.slice(0, 1).map((paper) => ({ ...paper, upvotes: paper.upvotes + 5 })));
    const again = new PaperArchive(store.namespace('papers'), { refreshRecentDays: 3, refreshAfterMs: 60 * 60_000, logger: silentLogger });
    await again.load();
    expect(again.papersOn('2025-06-10')).toHaveLength(28);
    expect(again.findPaper(papers[0]!.id!)?.upvotes).toBe(papers[0]!.upvotes + 5);
  });

  it('keeps what it has when the source fails, and says which days failed', async () => {
    const { source, asked } = recordingSource(true);
    const archive = new PaperArchive(createStore('memory://', silentLogger).namespace('papers'), {
      source, refreshRecentDays: 3, refreshAfterMs: 1, logger: silentLogger, now: () => new Date('2025-06-11T08:00:00Z'),
    });
    const { refreshed, failed } = await archive.refreshRecent();
    expect(refreshed).toEqual([]);
    expect(failed).toHaveLength(7);
    expect(asked).toEqual(['2025-06-05']); // one failure is enough to know the source is down
    expect(archive.hasPapers).toBe(false);
  });
});

describe('a paper Hugging Face lists on two days', () => {
  it('counts once in week and in a digest, as of its latest day', async () => {
    const { archive, store } = await fixtureArchive({ files: [fixturePath('hf/daily/2025-06-10.json'), fixturePath('hf/daily/2025-06-11.json')] });
    const again = archive.papersOn('2025-06-10')[0]!;
    await archive.importPapers([{ ...again, dailyDate: '2025-06-11', upvotes: again.upvotes + 5 }]);
    const ids = archive.papersBetween('2025-06-10', '2025-06-11').map((paper) => paper.id);
    expect(ids.filter((id) => id === again.id)).toHaveLength(1);
    expect(new Set(ids).size).toBe(ids.length);

    const ctx = { channel: 'slack:T:C', user: { id: 'U1', name: 'ada' }, canManage: true, managePermission: 'admin', now: new Date('2025-06-11T12:00:00Z') };
    const channels = new ChannelStore(store, silentLogger);
    const week = await runCommand('week 20', ctx, { archive, channels, likes: new ChannelLikes(store), commandName: '/papers', logger: silentLogger });
    const weekIds = week.kind === 'papers' ? week.papers.map((hit) => hit.paper.id) : [];
    expect(weekIds.filter((id) => id === again.id)).toHaveLength(1);

    await channels.update('slack:T:C', (s) => ({ ...s, size: 20, scheduleSetAt: '2025-06-01T00:00:00Z' }));
    const digest = composeDigest(await channels.get('slack:T:C'), await channels.history('slack:T:C'), archive, new Date('2025-06-11T09:00:00Z'));
    const digestIds = digest.papers.map((hit) => hit.paper.id);
    expect(new Set(digestIds).size).toBe(digestIds.length);
  });
});
