import { randomUUID } from 'node:crypto';
import { ChannelLikes } from '../../src/likes/channel-likes.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { runCommand } from '../../src/commands/run-command.js';
import { silentLogger } from '../../src/log.js';
import type { PaperArchive } from '../../src/papers/archive.js';
import { createStore, type Store } from '../../src/store.js';
import { fixtureArchive } from '../helpers/archive.js';
import { storeBackends } from '../helpers/backends.js';
import { fixturePath } from '../helpers/fixtures.js';

const CHANNEL = 'slack:T1:C1';
let archive: PaperArchive;
beforeAll(async () => {
  ({ archive } = await fixtureArchive({ files: [fixturePath('hf/daily')] }));
});

const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

describe.each(storeBackends('follows').filter((backend) => backend.run && backend.shared))('follows changed at once from two processes on $name', ({ url }) => {
  const prefix = `follows-${randomUUID().slice(0, 8)}.`;
  /** A process of the bot: its own connection to the store. */
  const processOf = () => {
    const store = createStore(url, silentLogger, { prefix });
    opened.push(store);
    const channels = new ChannelStore(store, silentLogger);
    const deps = { archive, channels, likes: new ChannelLikes(store), commandName: '/papers', logger: silentLogger };
    const send = (text: string, user: string) =>
      runCommand(text, { channel: CHANNEL, user: { id: user, name: user }, canManage: false, managePermission: 'Manage Channels', now: new Date('2025-06-10T08:00:00Z') }, deps);
    return { channels, send };
  };

  it('keeps every follow answered as kept, refuses past the limit, and a follow alone enrols no digest', async () => {
    const [a, b] = [processOf(), processOf()];
    const queries = Array.from({ length: 12 }, (_, i) => `video${'s'.repeat(i % 2)} q${i}`);
    // Two members, each sending 12 follows split across the two processes, all at once.
    const replies = await Promise.all(
      ['UA', 'UB'].flatMap((user) => queries.map((query, i) => (i % 2 === 0 ? a : b).send(`follow ${query}`, user).then((reply) => ({ user, reply })))),
    );
    const state = await a.channels.get(CHANNEL);
    for (const user of ['UA', 'UB']) {
      const kept = replies.filter((r) => r.user === user && r.reply.kind !== 'error');
      const refused = replies.filter((r) => r.user === user && r.reply.kind === 'error');
      expect(kept).toHaveLength(10);
      expect(refused.map((r) => r.reply.heading)).toEqual([expect.stringContaining('the most you can'), expect.stringContaining('the most you can')]);
      expect(state.follows.filter((f) => f.memberId === user)).toHaveLength(10);
    }
    expect(state.followsOnly).toBe(true);
    expect(state.scheduleSetAt).toBeNull();

    // Unfollowing all from one process while the other adds nothing new loses no other member's follows.
    await Promise.all([a.send('unfollow all', 'UA'), b.send('follows', 'UB')]);
    const after = await b.channels.get(CHANNEL);
    expect(after.follows.filter((f) => f.memberId === 'UA')).toEqual([]);
    expect(after.follows.filter((f) => f.memberId === 'UB')).toHaveLength(10);
  });
});
