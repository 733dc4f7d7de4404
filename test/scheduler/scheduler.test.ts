import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChannelLikes } from '../../src/likes/channel-likes.js';
import { ChannelStore } from '../../src/channels/channel-store.js';
import type { DigestSchedule } from '../../src/channels/channel-state.js';
import { createSlotRunner } from '../../src/digest/slot-runner.js';
import { silentLogger } from '../../src/log.js';
import { DigestScheduler } from '../../src/scheduler/digest-scheduler.js';
import { nextSlot } from '../../src/scheduler/schedule-time.js';
import { createStore } from '../../src/store.js';
import { PaperArchive, type PaperSource } from '../../src/papers/archive.js';
import { normalizeDailyItems } from '../../src/papers/normalize.js';
import { runCommand } from '../../src/commands/run-command.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { fixtureArchive } from '../helpers/archive.js';
import { fixturePath } from '../helpers/fixtures.js';
import { RecordingTarget } from '../helpers/recording-target.js';

const fired: { channels: string[]; slot: string; at: string }[] = [];
const schedulers: DigestScheduler[] = [];

afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop()));
  fired.length = 0;
  vi.useRealTimers();
});

async function schedulerWith(schedules: Record<string, Partial<DigestSchedule>>) {
  const store = createStore('memory://', silentLogger);
  const channels = new ChannelStore(store, silentLogger);
  for (const [key, schedule] of Object.entries(schedules)) {
    await channels.update(key, (s) => ({ ...s, schedule: { ...s.schedule, ...schedule }, scheduleSetAt: new Date().toISOString() }));
  }
  const scheduler = new DigestScheduler({
    channels,
    logger: silentLogger,
    now: () => new Date(),
    runSlot: async (list, slot) => {
      fired.push({ channels: [...list].sort(), slot: slot.toISOString(), at: new Date().toISOString() });
    },
  });
  schedulers.push(scheduler);
  return { scheduler, channels };
}

describe('digest schedules with node-cron and fake timers', () => {
  it('09:00 Europe/Berlin fires at 08:00Z in winter and 07:00Z in summer', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-14T07:00:00Z')); // a Wednesday in winter
    const { scheduler } = await schedulerWith({ 'slack:T:C': { time: '09:00', timeZone: 'Europe/Berlin', days: [0, 1, 2, 3, 4, 5, 6] } });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(2 * 60 * 60_000);
    expect(fired.map((f) => f.at)).toEqual(['2026-01-14T08:00:00.000Z']);
    expect(fired[0]!.slot).toBe('2026-01-14T08:00:00.000Z');

    await scheduler.stop();
    fired.length = 0;
    vi.setSystemTime(new Date('2026-07-15T06:00:00Z'));
    const summer = await schedulerWith({ 'slack:T:C': { time: '09:00', timeZone: 'Europe/Berlin', days: [0, 1, 2, 3, 4, 5, 6] } });
    await summer.scheduler.start();
    await vi.advanceTimersByTimeAsync(2 * 60 * 60_000);
    expect(fired.map((f) => f.at)).toEqual(['2026-07-15T07:00:00.000Z']);
  });

  it('weekdays-only skips Saturday and Sunday', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-27T10:00:00Z')); // Friday, after the slot
    const { scheduler } = await schedulerWith({ 'slack:T:C': { time: '09:00', timeZone: 'UTC', days: [1, 2, 3, 4, 5] } });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(3 * 24 * 60 * 60_000);
    expect(fired.map((f) => f.at)).toEqual(['2026-11-30T09:00:00.000Z']);
  });

  it('groups channels of the same slot into one fan-out', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-30T08:00:00Z'));
    const same = { time: '09:00', timeZone: 'UTC', days: [1] };
    const { scheduler } = await schedulerWith({ 'slack:T:A': same, 'slack:T:B': same, 'discord:G:C': { ...same, time: '09:30' } });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(2 * 60 * 60_000);
    expect(fired).toEqual([
      { channels: ['slack:T:A', 'slack:T:B'], slot: '2026-11-30T09:00:00.000Z', at: '2026-11-30T09:00:00.000Z' },
      { channels: ['discord:G:C'], slot: '2026-11-30T09:30:00.000Z', at: '2026-11-30T09:30:00.000Z' },
    ]);
  });

  it('changing the schedule moves the next run', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-30T08:00:00Z'));
    const { scheduler, channels } = await schedulerWith({ 'slack:T:C': { time: '09:00', timeZone: 'UTC', days: [1, 2, 3, 4, 5] } });
    await scheduler.start();
    await channels.update('slack:T:C', (s) => ({ ...s, schedule: { ...s.schedule, time: '10:15', timeZone: 'Asia/Kolkata' } }));
    await scheduler.channelChanged('slack:T:C');
    const state = await channels.get('slack:T:C');
    expect(nextSlot(state.schedule, new Date())!.toISOString()).toBe('2026-12-01T04:45:00.000Z');
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(fired.map((f) => f.at)).toEqual(['2026-12-01T04:45:00.000Z']);
    // Changed without telling this scheduler, as through another replica: the shared feed tells it.
    await channels.update('slack:T:C', (s) => ({ ...s, schedule: { ...s.schedule, enabled: false } }));
    await vi.advanceTimersByTimeAsync(7 * 24 * 60 * 60_000);
    expect(fired).toHaveLength(1);
  });
});

describe('the papers stay current without any digest due', () => {
  it('recent days are reread every refresh period, so today says so once Hugging Face is down for days', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-06-11T08:00:00Z'));
    let up = true;
    const source: PaperSource = {
      async fetchDay(date) {
        if (!up) throw new Error('offline');
        const items = date === '2025-06-11' ? (readFixtureJson('hf/daily/2025-06-11.json') as unknown[]) : [];
        return { papers: normalizeDailyItems(items, date).papers, skipped: 0 };
      },
    };
    const store = createStore('memory://', silentLogger);
    const archive = new PaperArchive(store.namespace('papers'), { source, refreshRecentDays: 3, refreshAfterMs: 60 * 60_000, logger: silentLogger, now: () => new Date() });
    await archive.refreshRecent();
    const channels = new ChannelStore(store, silentLogger);
    const scheduler = new DigestScheduler({
      channels,
      logger: silentLogger,
      now: () => new Date(),
      runSlot: async () => {},
      refreshPapers: { everyMs: 60 * 60_000, run: (signal) => archive.refreshRecent(signal) },
    });
    schedulers.push(scheduler);
    await scheduler.start();
    const today = async () => {
      const ctx = { channel: 'slack:T:C', user: { id: 'U1', name: 'ada' }, canManage: true, managePermission: 'admin', now: new Date() };
      const reply = await runCommand('today', ctx, { archive, channels, likes: new ChannelLikes(store), commandName: '/papers', logger: silentLogger });
      return reply.kind === 'papers' ? reply.notice : `not papers: ${reply.kind}`;
    };
    expect(await today()).toBeUndefined();

    up = false;
    await vi.advanceTimersByTimeAsync(5 * 24 * 60 * 60_000);
    expect(await today()).toBe('Newest papers are from 2025-06-11; the bot cannot reach Hugging Face.');
  });
});

describe('a store that fails while the clock runs', () => {
  it('keeps firing the timetable it knows, without an unhandled error, and follows changes once the store is back', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-30T08:00:00Z'));
    const { scheduler, channels } = await schedulerWith({ 'slack:T:C': { time: '09:00', timeZone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6] } });
    await scheduler.start();
    const since = vi.spyOn(channels.feed, 'since').mockRejectedValue(new Error('store unavailable: connect ECONNREFUSED'));
    const reload = vi.spyOn(channels, 'all').mockImplementation(() => {
      throw new Error('store unavailable: connect ECONNREFUSED');
    });
    const get = vi.spyOn(channels, 'get').mockRejectedValue(new Error('store unavailable: connect ECONNREFUSED'));
    const unhandled: unknown[] = [];
    const onUnhandled = (error: unknown) => unhandled.push(error);
    process.on('unhandledRejection', onUnhandled);
    try {
      await scheduler.channelChanged('slack:T:C');
      await vi.advanceTimersByTimeAsync(2 * 60 * 60_000);
      expect(fired.map((f) => f.at)).toEqual(['2026-11-30T09:00:00.000Z']);
      expect(since).toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);

    since.mockRestore();
    reload.mockRestore();
    get.mockRestore();
    await channels.update('slack:T:C', (s) => ({ ...s, schedule: { ...s.schedule, time: '11:00' } }));
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(fired.map((f) => f.at)).toEqual(['2026-11-30T09:00:00.000Z', '2026-11-30T11:00:00.000Z']);
  });
});

describe('catch-up after downtime', () => {
  it('runs a slot missed in the last 24 hours once, and not again after a second restart', async () => {
    const clock = { now: new Date('2025-06-10T09:00:00Z') };
    const { archive, store } = await fixtureArchive({ files: [fixturePath('hf/daily')], now: () => clock.now });
    const channels = new ChannelStore(store, silentLogger);
    await channels.update('slack:T:C', (s) => ({ ...s, scheduleSetAt: '2025-06-01T00:00:00Z' }));
    const target = new RecordingTarget();
    const start = async () => {
      const runSlot = createSlotRunner({ archive, channels, deliveries: store.namespace('deliveries'), target, logger: silentLogger, commandName: '/papers', now: () => clock.now });
      const scheduler = new DigestScheduler({ channels, runSlot, logger: silentLogger, now: () => clock.now });
      schedulers.push(scheduler);
      await scheduler.start();
      await scheduler.stop();
    };
    clock.now = new Date('2025-06-10T15:30:00Z'); // down from before 09:00 until now
    await start();
    expect(target.posts.map((p) => p.deliveryId)).toEqual(['slack:T:C|2025-06-10T09:00:00.000Z#1']);
    clock.now = new Date('2025-06-10T16:00:00Z');
    await start();
    expect(target.posts).toHaveLength(1);
  });

  it('does not catch up a slot from before the schedule was set, nor one older than a day', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-02T12:00:00Z'));
    const { scheduler, channels } = await schedulerWith({ 'slack:T:new': { time: '09:00', timeZone: 'UTC', days: [3] }, 'slack:T:old': { time: '09:00', timeZone: 'UTC', days: [1] } });
    await channels.update('slack:T:new', (s) => ({ ...s, scheduleSetAt: '2026-12-02T10:00:00Z' }));
    await scheduler.start();
    expect(fired).toEqual([]);
  });
});
