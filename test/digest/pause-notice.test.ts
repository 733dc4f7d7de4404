import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelStore } from '../../src/channels/channel-store.js';
import type { Reply } from '../../src/commands/reply.js';
import { pauseChannel } from '../../src/digest/pause-channel.js';
import { silentLogger } from '../../src/log.js';
import { createStore, type Store } from '../../src/store.js';
import { storeBackends } from '../helpers/backends.js';
import { RecordingTarget } from '../helpers/recording-target.js';

const CHANNEL = 'slack:T1:C1';
const STARTED = '2025-06-10T09:00:00.000Z';
const GONE = { status: 'gone', reason: 'channel_not_found' } as const;

/** A platform that records every direct message. */
class NotifyingTarget extends RecordingTarget {
  readonly notices: { channel: string; memberId: string; notice: Reply }[] = [];
  async notifyMember(channel: string, memberId: string, notice: Reply): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.notices.push({ channel, memberId, notice });
    return true;
  }
}

const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

describe.each(storeBackends('pause-notice'))('pausing a channel on $name', ({ url, run, shared }) => {
  let prefix = '';
  beforeEach(() => {
    prefix = `pause-${randomUUID().slice(0, 8)}.`;
  });
  /** A replica: its own connection to the store. */
  const replica = (target: NotifyingTarget) => {
    const store = createStore(url, silentLogger, { prefix });
    opened.push(store);
    const channels = new ChannelStore(store, silentLogger);
    return { channels, deps: { channels, target, logger: silentLogger, commandName: '/papers', now: () => new Date('2025-06-10T09:00:05Z') } };
  };

  it.runIf(run)('tells the member who set it up exactly once, however many runs and replicas meet the failure at once', async () => {
    const target = new NotifyingTarget();
    const [a, b] = shared ? [replica(target), replica(target)] : [replica(target), undefined];
    await a.channels.update(CHANNEL, (s) => ({ ...s, scheduleSetAt: '2025-06-01T00:00:00Z', changedBy: { id: 'U2', name: 'grace', at: '2025-06-01T00:00:00Z' } }));

    await Promise.all(Array.from({ length: 10 }, (_, i) => pauseChannel(CHANNEL, GONE, STARTED, (i % 2 === 0 || !b ? a : b).deps)));
    expect(target.notices.map((n) => [n.channel, n.memberId])).toEqual([[CHANNEL, 'U2']]);
    expect(target.notices[0]!.notice.notes.join('\n')).toContain('run `/papers schedule 09:00 UTC` in the channel');
    const paused = (await a.channels.get(CHANNEL)).paused;
    expect(paused).toEqual({ reason: 'channel_not_found', at: '2025-06-10T09:00:05.000Z', cause: 'gone', notifiedAt: '2025-06-10T09:00:05.000Z' });

    // A later failure (another slot, a resumed digest) keeps the first pause and sends nothing.
    await pauseChannel(CHANNEL, { status: 'forbidden', reason: 'not_in_channel' }, STARTED, a.deps);
    expect(target.notices).toHaveLength(1);
    expect((await a.channels.get(CHANNEL)).paused?.reason).toBe('channel_not_found');
  });

  it.runIf(run)('pauses without a message when nobody is known to have set the channel up, and not at all after a newer schedule', async () => {
    const target = new NotifyingTarget();
    const { channels, deps } = replica(target);
    await channels.update(CHANNEL, (s) => ({ ...s, scheduleSetAt: '2025-06-01T00:00:00Z' }));
    await pauseChannel(CHANNEL, GONE, STARTED, deps);
    expect((await channels.get(CHANNEL)).paused).toMatchObject({ reason: 'channel_not_found', cause: 'gone' });
    expect(target.notices).toEqual([]);

    const other = 'slack:T1:C2';
    await channels.update(other, (s) => ({ ...s, scheduleSetAt: '2025-06-10T09:00:01.000Z', changedBy: { id: 'U2', name: 'grace', at: '2025-06-10T09:00:01.000Z' } }));
    await pauseChannel(other, GONE, STARTED, deps);
    expect((await channels.get(other)).paused).toBeNull();
    expect(target.notices).toEqual([]);
  });

  it.runIf(run)('reads a record saved before pauses were explained and members remembered', async () => {
    const store = createStore(url, silentLogger, { prefix });
    opened.push(store);
    const channels = new ChannelStore(store, silentLogger);
    const old = { key: CHANNEL, topics: [], schedule: { enabled: true, time: '09:00', timeZone: 'UTC', days: [1, 2, 3, 4, 5] }, scheduleSetAt: null, size: 5, minUpvotes: 0, paused: { reason: 'is_archived', at: '2025-06-01T09:00:00Z' } };
    await store.namespace('channels').set(CHANNEL, old);
    expect(await channels.get(CHANNEL)).toEqual({ ...old, changedBy: null, follows: [], followsOnly: false, style: 'cards', taste: null });
    await store.namespace('channel-history').set(CHANNEL, { sent: {}, passed: {}, lastDigest: { slot: '2025-06-01T09:00:00.000Z', throughDay: '2025-06-01', sinceDay: '2025-06-01' } });
    expect((await channels.history(CHANNEL)).lastDigest).toEqual({ slot: '2025-06-01T09:00:00.000Z', throughDay: '2025-06-01', sinceDay: '2025-06-01' });
  });
});
