import { beforeEach, describe, expect, it } from 'vitest';
import { commandHarness, type Harness } from '../helpers/harness.js';

const NOW = new Date('2025-06-11T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const CHANNEL = 'terminal:test';

let h: Harness;
let ids: string[];
beforeEach(async () => {
  h = await commandHarness({ now: NOW });
  ids = h.archive.papersOn(h.archive.latestDate('2025-06-10')!).slice(0, 3).map((paper) => paper.id!);
});

const like = (id: string, member: string, at: Date) => h.likes.toggle(CHANNEL, id, { id: member, name: member }, at);
const titleOf = (id: string) => h.archive.findPaper(id)!.title;

describe('/papers top', () => {
  it('lists the most liked papers of the week with who liked them, and counts only that week', async () => {
    await like(ids[0]!, 'ada', daysAgo(1));
    await like(ids[1]!, 'ada', daysAgo(2));
    await like(ids[1]!, 'bob', daysAgo(3));
    // Liked 20 days ago: not this week, but this month.
    await like(ids[2]!, 'ada', daysAgo(20));
    await like(ids[2]!, 'bob', daysAgo(20));
    await like(ids[2]!, 'cy', daysAgo(20));

    const week = await h.send('top');
    expect(week.reply.heading).toBe("This channel's most liked papers in the last 7 days");
    expect(week.reply.papers.map((p) => [p.paper.id, p.likedBy])).toEqual([[ids[1], ['ada', 'bob']], [ids[0], ['ada']]]);
    expect(week.text).toContain(`👍 2: ada, bob`);
    expect(week.text.indexOf(titleOf(ids[1]!))).toBeLessThan(week.text.indexOf(titleOf(ids[0]!)));

    const month = await h.send('top month 2');
    expect(month.reply.papers.map((p) => p.paper.id)).toEqual([ids[2], ids[1]]);
    expect(month.text).toContain('👍 3: ada, bob, cy');
    expect((await h.send('top all')).reply.papers).toHaveLength(3);
  });

  it('says when nothing was liked, and how to like', async () => {
    await like(ids[0]!, 'ada', daysAgo(40));
    const { text } = await h.send('top week');
    expect(text).toBe("No paper was liked here in the last 7 days (/papers top all counts every like).\n\nClick 👍 under a paper in a digest or a search to like it for this channel.");
    expect((await h.send('top all')).reply.papers.map((p) => p.paper.id)).toEqual([ids[0]]);
  });

  it('a taken-back like no longer counts', async () => {
    await like(ids[0]!, 'ada', daysAgo(1));
    await like(ids[0]!, 'ada', daysAgo(1));
    expect((await h.send('top')).reply.papers).toEqual([]);
  });

  it.each([
    ['top year', '✗ top takes a period and a count, not "year": e.g. /papers top month 5: week (the default), month or all, and how many papers, 1–20.'],
    ['top 50', '✗ top takes a period and a count, not "50": e.g. /papers top month 5: week (the default), month or all, and how many papers, 1–20.'],
    ['top week month', '✗ top takes a period and a count, not "month": e.g. /papers top month 5: week (the default), month or all, and how many papers, 1–20.'],
  ])('`%s` is refused: %s', async (input, message) => {
    expect((await h.send(input)).text).toBe(message);
  });

  it('reads the period and the count in either order', async () => {
    await like(ids[0]!, 'ada', daysAgo(10));
    await like(ids[1]!, 'ada', daysAgo(10));
    expect((await h.send('top 1 month')).reply.papers).toHaveLength(1);
  });
});
