import { describe, expect, it } from 'vitest';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { runDigest, type DigestRunnerDeps } from '../../src/digest/run-digest.js';
import { ChannelLikes } from '../../src/likes/channel-likes.js';
import { silentLogger } from '../../src/log.js';
import { fixtureArchive } from '../helpers/archive.js';
import { fixturePath } from '../helpers/fixtures.js';
import { RecordingTarget } from '../helpers/recording-target.js';

const CHANNEL = 'chat:T1:C1';
// Video generation papers of 2025-06-05 and 2025-06-06 that members like from the channel's digests.
const LIKED = ['2506.04228', '2506.03517', '2506.03099', '2506.05284', '2505.23656'];
const SELF_FORCING = '2506.08009'; // a video diffusion paper of 2025-06-11, 5 upvotes
const GEOPOLITICAL = '2506.06751'; // the day's top paper, 19 upvotes, about something else

describe('likes stored by members reach the next digest', () => {
  it('lifts a video paper above the day’s top after members like video papers from earlier digests, and repeats nothing', async () => {
    let clock = new Date('2025-06-05T09:00:00Z');
    const { archive, store } = await fixtureArchive({ files: [fixturePath('hf/daily')], now: () => clock });
    const channels = new ChannelStore(store, silentLogger);
    const likes = new ChannelLikes(store);
    const target = new RecordingTarget();
    const deps: DigestRunnerDeps = { archive, channels, deliveries: store.namespace('deliveries'), likes, target, logger: silentLogger, commandName: '/papers', now: () => clock, backoffMs: 1 };
    const digestOn = async (day: string) => {
      clock = new Date(`${day}T09:00:00Z`);
      await runDigest(CHANNEL, clock, deps);
      return target.posts.at(-1)!.reply;
    };

    await channels.update(CHANNEL, (s) => ({ ...s, size: 20 }));
    const early = [...(await digestOn('2025-06-05')).papers, ...(await digestOn('2025-06-06')).papers].map((p) => p.paper);
    for (const id of LIKED) expect(early.map((p) => p.id)).toContain(id);
    for (const [i, id] of LIKED.entries()) {
      await likes.toggle(CHANNEL, id, { id: 'U1', name: 'ada' }, new Date(`2025-06-06T1${i}:00:00Z`));
      if (i < 2) await likes.toggle(CHANNEL, id, { id: 'U2', name: 'bo' }, new Date(`2025-06-06T1${i}:30:00Z`));
    }
    await channels.update(CHANNEL, (s) => ({ ...s, size: 5 }));
    await digestOn('2025-06-09');
    await digestOn('2025-06-10');
    const reply = await digestOn('2025-06-11');

    const order = reply.papers.map((p) => p.paper.id);
    expect(order.indexOf(SELF_FORCING)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(SELF_FORCING)).toBeLessThan(order.indexOf(GEOPOLITICAL));
    const likedTitles = early.filter((p) => LIKED.includes(p.id!)).map((p) => p.title);
    expect(likedTitles).toContain(reply.papers.find((p) => p.paper.id === SELF_FORCING)!.likedLike?.title);

    const sent = target.posts.flatMap((post) => post.reply.papers.map((p) => p.paper.id));
    expect(new Set(sent).size).toBe(sent.length);
  });
});
