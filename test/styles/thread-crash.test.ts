import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelStore } from '../../src/channels/channel-store.js';
import type { DeliveryTarget } from '../../src/digest/delivery.js';
import { runDigest, type DigestRunnerDeps } from '../../src/digest/run-digest.js';
import { silentLogger } from '../../src/log.js';
import { PaperArchive } from '../../src/papers/archive.js';
import { createStore, type Store } from '../../src/store.js';
import { storeBackends } from '../helpers/backends.js';
import { dyingAt, fixturePapersOfOneDay, platforms, type StylePlatform } from './style-platforms.js';

const SLOT = new Date('2025-06-10T09:00:00Z');
const PAPERS = 5;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The papers of the day, in memory: only the first run composes the digest; the record carries it from then on. */
async function dayArchive() {
  const store = createStore('memory://', silentLogger);
  const archive = new PaperArchive(store.namespace('papers'), { refreshRecentDays: 0, refreshAfterMs: 1, logger: silentLogger, now: () => SLOT });
  await archive.importPapers(await fixturePapersOfOneDay());
  return archive;
}

/** Every message the platform took: the channel's and the thread's. */
function everyMessage(platform: StylePlatform) {
  return platform.inChannel().flatMap((message) => [message, ...platform.inThread(message.ref)]);
}

describe.each(storeBackends('thread-crash').filter((backend) => backend.run && backend.shared))('a threaded digest whose process dies, on $name', ({ url }) => {
  describe.each(platforms)('on $name', ({ start }) => {
    it.each([
      ['with the headline posted but its id not yet recorded', 0, true],
      ['with the first reply posted (the thread started) but not recorded', 1, true],
      ['after two replies, before the third went out', 3, false],
      ['with the third reply posted but not yet recorded', 3, true],
    ] as const)('%s: a second runtime ends the thread with exactly N replies, none repeated, in the same thread', async (_when, dies, postReached) => {
      const platform = await start();
      closers.push(() => platform.close());
      const prefix = `thread-crash-${randomUUID().slice(0, 8)}.`;
      const archive = await dayArchive();
      /** A process: its own connection to the shared store, its own clock. */
      const runtime = (target: DeliveryTarget, now: Date): DigestRunnerDeps => {
        const store: Store = createStore(url, silentLogger, { prefix });
        closers.push(() => store.close());
        const channels = new ChannelStore(store, silentLogger);
        return { archive, channels, deliveries: store.namespace('deliveries'), target, logger: silentLogger, commandName: '/papers', now: () => now, backoffMs: 1 };
      };

      const first = runtime(dyingAt(platform.target, dies, postReached), SLOT);
      await first.channels.update(platform.channel, (s) => ({ ...s, style: 'thread', size: PAPERS, scheduleSetAt: '2025-06-01T00:00:00Z' }));
      void runDigest(platform.channel, SLOT, first);
      await expect.poll(() => everyMessage(platform).length).toBe(dies + (postReached ? 1 : 0));

      // Another process, after the first one's lease ran out, catches the slot up from the record.
      const later = new Date(SLOT.getTime() + 10 * 60_000);
      const second = runtime(platform.target, later);
      expect(await runDigest(platform.channel, SLOT, second)).toBe('sent');
      const [headline, ...others] = platform.inChannel();
      expect(others).toEqual([]);
      expect(headline!.part).toBe(1);
      expect(platform.inThread(headline!.ref).map((reply) => reply.part)).toEqual([2, 3, 4, 5, 6]);

      // Done is done: a third run posts nothing.
      expect(await runDigest(platform.channel, SLOT, runtime(platform.target, later))).toBe('already-done');
      expect(everyMessage(platform)).toHaveLength(1 + PAPERS);
      expect((await second.channels.history(platform.channel)).lastDigest?.slot).toBe(SLOT.toISOString());
    });
  });
});

describe.each(platforms)('a threaded digest on $name whose headline was taken but its answer lost', ({ start }) => {
  it('finds the headline, with its id, before posting it again, and threads every reply under it', async () => {
    const platform = await start();
    closers.push(() => platform.close());
    const store = createStore('memory://', silentLogger);
    const channels = new ChannelStore(store, silentLogger);
    await channels.update(platform.channel, (s) => ({ ...s, style: 'thread', size: PAPERS, scheduleSetAt: '2025-06-01T00:00:00Z' }));
    platform.loseNextAnswer();
    const deps: DigestRunnerDeps = { archive: await dayArchive(), channels, deliveries: store.namespace('deliveries'), target: platform.target, logger: silentLogger, commandName: '/papers', now: () => SLOT, backoffMs: 1 };
    expect(await runDigest(platform.channel, SLOT, deps)).toBe('sent');
    const [headline, ...others] = platform.inChannel();
    expect(others).toEqual([]);
    expect(platform.inThread(headline!.ref).map((reply) => reply.part)).toEqual([2, 3, 4, 5, 6]);
  });
});
