import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelLikes } from '../../src/likes/channel-likes.js';
import { silentLogger } from '../../src/log.js';
import { createStore, type Store } from '../../src/store.js';
import { storeBackends } from '../helpers/backends.js';

const CHANNEL = 'slack:T1:C1';
const PAPER = '2506.05282';
const OTHER = '2506.06199';
const NOW = new Date('2025-06-10T08:00:00Z');
const counts = async (likes: ChannelLikes) => new Map((await likes.of(CHANNEL)).map((paper) => [paper.paperId, paper.likers.length]));

const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

describe.each(storeBackends('likes').filter((backend) => backend.run && backend.shared))('👍 clicked at once from two processes on $name', ({ url }) => {
  const prefix = `likes-${randomUUID().slice(0, 8)}.`;
  /** A process of the bot: its own connection to the store. */
  const processOf = () => {
    const store = createStore(url, silentLogger, { prefix });
    opened.push(store);
    return new ChannelLikes(store);
  };

  it('counts every click: 20 members like at once, then 10 take it back at once, while others like another paper', async () => {
    const [a, b] = [processOf(), processOf()];
    const members = Array.from({ length: 20 }, (_, i) => ({ id: `U${i}`, name: `member ${i}` }));
    const likes = await Promise.all(members.map((member, i) => (i % 2 === 0 ? a : b).toggle(CHANNEL, PAPER, member, NOW)));
    expect(likes.every((like) => like.liked)).toBe(true);
    expect(likes.map((like) => like.count).sort((x, y) => x - y)).toEqual(members.map((_, i) => i + 1));
    expect((await counts(b)).get(PAPER)).toBe(20);

    const leaving = members.slice(0, 10);
    await Promise.all([
      ...leaving.map((member, i) => (i % 2 === 0 ? b : a).toggle(CHANNEL, PAPER, member, NOW)),
      ...members.slice(0, 5).map((member, i) => (i % 2 === 0 ? a : b).toggle(CHANNEL, OTHER, member, NOW)),
    ]);
    const stored = await a.of(CHANNEL);
    const likers = (id: string) => stored.find((paper) => paper.paperId === id)?.likers.map((liker) => liker.id).sort();
    expect(likers(PAPER)).toEqual(members.slice(10).map((m) => m.id).sort());
    expect(likers(OTHER)).toEqual(members.slice(0, 5).map((m) => m.id).sort());
  });

  it('a damaged record keeps the likes that still read', async () => {
    const likes = processOf();
    const store = opened.at(-1)!;
    await store.namespace('channel-likes').set(CHANNEL, { papers: { [PAPER]: [{ id: 'U1', name: 'ada', at: NOW.toISOString() }], [OTHER]: 'garbage' } });
    expect(await counts(likes)).toEqual(new Map([[PAPER, 1]]));
    expect(await likes.toggle(CHANNEL, OTHER, { id: 'U2', name: 'bob' }, NOW)).toEqual({ liked: true, count: 1, counts: { [PAPER]: 1, [OTHER]: 1 } });
    expect(await counts(likes)).toEqual(new Map([[PAPER, 1], [OTHER, 1]]));
  });
});
