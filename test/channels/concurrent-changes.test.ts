import { randomUUID } from 'node:crypto';
import { ChannelLikes } from '../../src/likes/channel-likes.js';
import { storeBackends } from '../helpers/backends.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChannelStore } from '../../src/channels/channel-store.js';
import type { CommandContext } from '../../src/commands/command-context.js';
import { runCommand } from '../../src/commands/run-command.js';
import { createSlotRunner } from '../../src/digest/slot-runner.js';
import { runDigest } from '../../src/digest/run-digest.js';
import { silentLogger } from '../../src/log.js';
import type { PaperArchive } from '../../src/papers/archive.js';
import { DigestScheduler } from '../../src/scheduler/digest-scheduler.js';
import { createStore, type Store } from '../../src/store.js';
import { fixtureArchive } from '../helpers/archive.js';
import { fixturePath } from '../helpers/fixtures.js';
import { RecordingTarget } from '../helpers/recording-target.js';

const backends = storeBackends('concurrent');

const CHANNEL = 'slack:T1:C1';
const LIMIT_MESSAGE = 'This channel has 25 topics, the most it can have';

let archive: PaperArchive;
beforeAll(async () => {
  ({ archive } = await fixtureArchive({ files: [fixturePath('hf/daily')] }));
});

const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

const topicsOf = async (channels: ChannelStore, key = CHANNEL) => (await channels.get(key)).topics.map((t) => t.query).sort();

describe.each(backends)('concurrent changes to one channel on $name', ({ url, run, shared }) => {
  let clock = new Date('2025-06-10T08:00:00Z');
  let prefix = '';
  beforeEach(() => {
    prefix = `concurrent-${randomUUID().slice(0, 8)}.`;
  });
  /** A process of the bot: its own connection to the store, its own channel store. */
  const process = () => {
    const store = createStore(url, silentLogger, { prefix });
    opened.push(store);
    const channels = new ChannelStore(store, silentLogger);
    const deps = { archive, channels, likes: new ChannelLikes(store), commandName: '/papers', logger: silentLogger };
    const send = (text: string, channel = CHANNEL) => {
      const ctx: CommandContext = { channel, user: { id: 'U1', name: 'ada' }, canManage: true, managePermission: 'Manage Channels', now: clock };
      return runCommand(text, ctx, deps);
    };
    return { store, channels, send };
  };

  it.runIf(run)('50 mixed changes at once: every change answered as done is kept, nothing refused is', async () => {
    const [a, b] = shared ? [process(), process()] : [process(), undefined];
    const seeds = Array.from({ length: 12 }, (_, i) => `seed${i}x`);
    for (const seed of seeds) expect((await a.send(`subscribe ${seed}`)).kind).toBe('info');

    const changes = [
      ...Array.from({ length: 36 }, (_, i) => `subscribe topic${i}x`),
      ...seeds.map((seed) => `unsubscribe ${seed}`),
      'schedule 07:45 Europe/Berlin',
      'settings size=8 min-upvotes=3',
    ];
    const replies = await Promise.all(changes.map((text, i) => ((i % 2 === 0 || !b ? a : b).send(text)).then((reply) => ({ text, reply }))));

    const done = replies.filter(({ reply }) => reply.kind !== 'error').map(({ text }) => text);
    const refused = replies.filter(({ reply }) => reply.kind === 'error');
    // The only refusal possible here is the topic limit, and it names itself.
    for (const { text, reply } of refused) {
      expect(text).toMatch(/^subscribe /);
      expect(reply.heading).toContain(LIMIT_MESSAGE);
    }
    const expected = [
      ...seeds.filter((seed) => !done.includes(`unsubscribe ${seed}`)),
      ...done.filter((text) => text.startsWith('subscribe ')).map((text) => text.slice('subscribe '.length)),
    ].sort();
    expect(done.filter((text) => text.startsWith('unsubscribe '))).toHaveLength(12);
    expect(await topicsOf(a.channels)).toEqual(expected);
    expect(expected.length).toBeLessThanOrEqual(25);
    const state = await a.channels.get(CHANNEL);
    expect(state.schedule).toMatchObject({ time: '07:45', timeZone: 'Europe/Berlin' });
    expect(state).toMatchObject({ size: 8, minUpvotes: 3 });
  });

  it.runIf(run)('30 subscribes at once: exactly 25 kept, 5 refused with the limit', async () => {
    const [a, b] = shared ? [process(), process()] : [process(), undefined];
    const channel = 'slack:T1:C30';
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 || !b ? a : b).send(`subscribe subject${i}x`, channel)));
    expect(replies.filter((r) => r.kind !== 'error')).toHaveLength(25);
    const refused = replies.filter((r) => r.kind === 'error');
    expect(refused).toHaveLength(5);
    for (const reply of refused) expect(reply.heading).toContain(LIMIT_MESSAGE);
    expect(await topicsOf(a.channels, channel)).toHaveLength(25);
  });

  it.runIf(run)('a digest finishing while 20 commands hit the channel keeps its bookkeeping and all 20 changes', async () => {
    const a = process();
    const b = shared ? process() : a;
    const channel = 'slack:T1:C20';
    await a.channels.update(channel, (s) => ({ ...s, size: 3, schedule: { ...s.schedule, days: [0, 1, 2, 3, 4, 5, 6] }, scheduleSetAt: '2025-06-01T00:00:00Z' }));
    const commands: Promise<unknown>[] = [];
    // The platform answers the post only once 20 commands are on their way through the other process.
    const target = new RecordingTarget();
    const deliver = target.deliver.bind(target);
    target.deliver = async (...args) => {
      for (let i = 0; i < 20; i++) commands.push(b.send(i % 4 === 3 ? `settings size=${3 + (i % 5)}` : `subscribe during${i}x`, channel));
      return deliver(...args);
    };
    const deps = { archive, channels: a.channels, deliveries: a.store.namespace('deliveries'), target, logger: silentLogger, commandName: '/papers', now: () => clock };
    clock = new Date('2025-06-10T09:00:00Z');
    expect(await runDigest(channel, clock, deps)).toBe('sent');
    const replies = (await Promise.all(commands)) as { kind: string }[];
    expect(replies.every((r) => r.kind === 'info')).toBe(true);

    expect(await topicsOf(a.channels, channel)).toHaveLength(15);
    const history = await a.channels.history(channel);
    expect(history.lastDigest?.slot).toBe('2025-06-10T09:00:00.000Z');
    const first = target.posts[0]!.reply.papers.map((p) => p.paper.id);

    clock = new Date('2025-06-11T09:00:00Z');
    expect(await runDigest(channel, clock, deps)).toBe('sent');
    const second = target.posts[1]!.reply.papers.map((p) => p.paper.id);
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
  });

  it.runIf(run && shared)('two replicas: a time changed through A is followed by both; the old time posts nothing, the new time once', async () => {
    const replicas = [process(), process()];
    // Set up this morning: no earlier slot to catch up.
    await replicas[0]!.channels.update(CHANNEL, (s) => ({ ...s, schedule: { enabled: true, time: '09:00', timeZone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6] }, scheduleSetAt: '2025-06-10T07:00:00Z' }));
    const target = new RecordingTarget();
    clock = new Date('2025-06-10T08:00:00Z');
    const schedulers = replicas.map(({ store, channels }) => {
      const runSlot = createSlotRunner({ archive, channels, deliveries: store.namespace('deliveries'), target, logger: silentLogger, commandName: '/papers', now: () => clock });
      // Each replica keeps its own clock ticks: the test moves time and ticks both.
      return new DigestScheduler({ channels, runSlot, logger: silentLogger, now: () => clock, ticker: () => ({ stop() {} }) });
    });
    for (const scheduler of schedulers) await scheduler.start();
    const tickBoth = async (at: string) => {
      clock = new Date(at);
      await Promise.all(schedulers.map((s) => s.tick()));
    };
    // Replica A's member moves the digest to 10:30; replica B is not told, except through the store.
    const reply = await runCommand('schedule 10:30', { channel: CHANNEL, user: { id: 'U1', name: 'ada' }, canManage: true, managePermission: 'Manage Channels', now: clock }, {
      archive,
      channels: replicas[0]!.channels,
      likes: new ChannelLikes(replicas[0]!.store),
      commandName: '/papers',
      logger: silentLogger,
      onChannelChange: (channel) => schedulers[0]!.channelChanged(channel),
    });
    expect(reply.kind).toBe('info');
    await tickBoth('2025-06-10T09:00:00Z');
    expect(target.posts).toEqual([]);
    // B alone fires the new time (it learnt it from the store); A firing it too adds nothing.
    clock = new Date('2025-06-10T10:30:00Z');
    await schedulers[1]!.tick();
    expect(target.posts.map((p) => p.deliveryId)).toEqual([`${CHANNEL}|2025-06-10T10:30:00.000Z#1`]);
    await schedulers[0]!.tick();
    expect(target.posts).toHaveLength(1);

    // The next day, a member moves the digest to 09:30 a moment before 09:30, through B, and the news
    // of it (the feed) reaches the store only after both replicas' 09:30 tick: the slot is not lost.
    await tickBoth('2025-06-11T09:29:00Z');
    clock = new Date('2025-06-11T09:29:59.990Z');
    const current = await replicas[1]!.channels.get(CHANNEL);
    await replicas[1]!.store.namespace('channels').set(CHANNEL, { ...current, schedule: { ...current.schedule, time: '09:30' }, scheduleSetAt: clock.toISOString() });
    await tickBoth('2025-06-11T09:30:00Z');
    await replicas[1]!.channels.feed.append(CHANNEL);
    await tickBoth('2025-06-11T09:31:00Z');
    await tickBoth('2025-06-11T10:30:00Z');
    expect(target.posts.map((p) => p.deliveryId)).toEqual([`${CHANNEL}|2025-06-10T10:30:00.000Z#1`, `${CHANNEL}|2025-06-11T09:30:00.000Z#1`]);
    for (const scheduler of schedulers) await scheduler.stop();
  });
});
