import cron from 'node-cron';
import PQueue from 'p-queue';
import type { ChannelStore } from '../channels/channel-store.js';
import { isEnrolled, type ChannelState, type DigestSchedule } from '../channels/channel-state.js';
import type { Logger } from '../log.js';
import { nextSlot, previousSlot } from './schedule-time.js';

/** Runs the digests of every channel due at one slot. */
export type SlotRunner = (channels: string[], slot: Date) => Promise<void>;

/** Calls `tick` at the start of every minute until stopped. */
export type Ticker = (tick: () => void) => { stop(): void | Promise<void> };

export interface DigestSchedulerDeps {
  channels: ChannelStore;
  runSlot: SlotRunner;
  logger: Logger;
  now: () => Date;
  /** Only channels this process can deliver to are scheduled (all by default). */
  handles?: (channel: string) => boolean;
  /** node-cron's minute tick by default; a test may drive the clock itself. */
  ticker?: Ticker;
  /** Queues again the digests left unfinished; called every few minutes. */
  resumeUnfinished?: () => Promise<void>;
  /**
   * Rereads the recent days from the source, every `everyMs`: `today`, `week` and search stay
   * current (and know when the source is down) in a process with no digest due for days.
   */
  refreshPapers?: { everyMs: number; run(signal: AbortSignal): Promise<unknown> };
}

const CATCH_UP_WINDOW_MS = 24 * 60 * 60_000;
/** Every so many ticks the whole timetable is reloaded, whatever the feed says. */
const FULL_RELOAD_TICKS = 60;
/** Every so many ticks unfinished digests are resumed. */
const RESUME_TICKS = 5;

const minuteTicker: Ticker = (tick) => {
  const task = cron.schedule('* * * * *', tick, { name: 'digest-clock' });
  return { stop: () => task.destroy() };
};

function isScheduled(state: ChannelState): boolean {
  return state.schedule.enabled && !state.paused && state.schedule.days.length > 0 && isEnrolled(state);
}

interface Entry {
  schedule: DigestSchedule;
  scheduleSetAt: string | null;
  /** The next slot to fire, in ms. */
  next: number;
}

/**
 * Fires each channel's slots from its current schedule. The store is the source of truth: every
 * minute the scheduler reads the shared timetable feed (one small key) and reloads the channels
 * whose schedule changed through any replica, then fires the slots that came due since the last
 * tick. Slots come from one computation (`schedule-time.ts`); the digest checks the slot against
 * the schedule again before it posts. At start, a slot missed in the last 24 hours is run once.
 */
export class DigestScheduler {
  private readonly timetable = new Map<string, Entry>();
  private readonly serial = new PQueue({ concurrency: 1 });
  private readonly running = new Set<Promise<void>>();
  private feedSeq = 0;
  private lastTick = 0;
  private ticks = 0;
  private lastRefresh = 0;
  private readonly stopping = new AbortController();
  private ticking: { stop(): void | Promise<void> } | undefined;

  constructor(private readonly deps: DigestSchedulerDeps) {}

  /** Loads every saved channel, catches up missed slots, then follows the clock. */
  async start(): Promise<void> {
    this.lastTick = this.deps.now().getTime();
    this.lastRefresh = this.lastTick;
    await this.serial.add(() => this.reloadAll());
    await this.catchUp();
    this.ticking = (this.deps.ticker ?? minuteTicker)(() => {
      this.tick().catch((error: unknown) => this.deps.logger.error({ error: String(error) }, 'digest tick failed'));
    });
  }

  /** Fires the slots due by now; resolves when their digests are handed over. */
  async tick(): Promise<void> {
    const due = await this.serial.add(async () => {
      try {
        if (++this.ticks % FULL_RELOAD_TICKS === 0) await this.reloadAll();
        else await this.followFeed();
      } catch (error) {
        // The timetable already known still fires; the changes are read again next minute.
        this.deps.logger.warn({ error: String(error) }, 'could not read channel changes; firing the timetable known');
      }
      return this.takeDue(this.deps.now().getTime());
    });
    const firing = [...(due ?? new Map<number, string[]>())].sort(([a], [b]) => a - b).map(([slot, channels]) => this.fire(channels, new Date(slot)));
    if (this.ticks % RESUME_TICKS === 0 && this.deps.resumeUnfinished) firing.push(this.track(this.deps.resumeUnfinished(), 'resuming unfinished digests failed'));
    const refresh = this.deps.refreshPapers;
    const now = this.deps.now().getTime();
    if (refresh && now - this.lastRefresh >= refresh.everyMs) {
      this.lastRefresh = now;
      firing.push(this.track(refresh.run(this.stopping.signal).then(() => undefined), 'refreshing recent papers failed'));
    }
    await Promise.all(firing);
  }

  /** A change made through this process is followed at once, before the feed says so. */
  async channelChanged(channel: string): Promise<void> {
    await this.serial.add(async () => {
      try {
        this.place(await this.deps.channels.get(channel));
      } catch (error) {
        // The change is stored; the feed brings it to the timetable on a later tick.
        this.deps.logger.warn({ channel, error: String(error) }, 'could not re-time a changed channel now');
      }
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.ticking?.stop();
    this.ticking = undefined;
    await this.serial.onIdle();
    await Promise.allSettled([...this.running]);
    this.timetable.clear();
  }

  /** Channels with a schedule in this process, for tests and metrics. */
  get scheduledChannels(): number {
    return this.timetable.size;
  }

  private takeDue(now: number): Map<number, string[]> {
    const due = new Map<number, string[]>();
    for (const [channel, entry] of this.timetable) {
      if (entry.next > now) continue;
      // After a stall, only the latest slot is worth a digest; older ones are past.
      const slot = previousSlot(entry.schedule, new Date(now))!.getTime();
      entry.next = nextSlot(entry.schedule, new Date(now))?.getTime() ?? Number.POSITIVE_INFINITY;
      if (now - slot > CATCH_UP_WINDOW_MS) continue;
      due.set(slot, [...(due.get(slot) ?? []), channel]);
    }
    this.lastTick = now;
    return due;
  }

  private fire(channels: string[], slot: Date): Promise<void> {
    return this.track(this.deps.runSlot(channels, slot), 'digest slot failed', { slot, channels: channels.length });
  }

  /** Work that `stop` waits for, whose failure is logged rather than thrown. */
  private track(work: Promise<void>, failure: string, context: Record<string, unknown> = {}): Promise<void> {
    const run = work.catch((error: unknown) => {
      this.deps.logger.error({ ...context, error: String(error) }, failure);
    });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return run;
  }

  private async followFeed(): Promise<void> {
    const changes = await this.deps.channels.feed.since(this.feedSeq);
    if (changes.channels === 'all') return this.reloadAll();
    for (const channel of changes.channels) this.place(await this.deps.channels.get(channel));
    this.feedSeq = changes.seq;
  }

  private async reloadAll(): Promise<void> {
    // The feed's head is read first: a change made during the load is read again, never missed.
    const seq = await this.deps.channels.feed.head();
    for await (const state of this.deps.channels.all()) this.place(state);
    // Channels are never deleted, so one missing from a listing (a listing cut short) keeps its entry.
    this.feedSeq = seq;
  }

  private place(state: ChannelState): void {
    if (!isScheduled(state) || this.deps.handles?.(state.key) === false) {
      this.timetable.delete(state.key);
      return;
    }
    const current = this.timetable.get(state.key);
    if (current && JSON.stringify(current.schedule) === JSON.stringify(state.schedule)) {
      current.scheduleSetAt = state.scheduleSetAt;
      return;
    }
    // Slots after the last tick, or after the change itself when the news of it came late (the
    // feed written after a tick had read it): a change a second before a slot keeps that slot.
    const setAt = state.scheduleSetAt ? Date.parse(state.scheduleSetAt) - 1 : Number.NaN;
    const next = nextSlot(state.schedule, new Date(Number.isNaN(setAt) ? this.lastTick : Math.min(this.lastTick, setAt)));
    this.timetable.set(state.key, { schedule: state.schedule, scheduleSetAt: state.scheduleSetAt, next: next?.getTime() ?? Number.POSITIVE_INFINITY });
  }

  private async catchUp(): Promise<void> {
    const now = this.deps.now();
    const missed = new Map<number, string[]>();
    for (const [channel, { schedule, scheduleSetAt }] of this.timetable) {
      const slot = previousSlot(schedule, now);
      if (!slot || now.getTime() - slot.getTime() > CATCH_UP_WINDOW_MS) continue;
      if (scheduleSetAt && scheduleSetAt > slot.toISOString()) continue;
      missed.set(slot.getTime(), [...(missed.get(slot.getTime()) ?? []), channel]);
    }
    for (const [slot, channels] of missed) {
      this.deps.logger.info({ slot: new Date(slot), channels: channels.length }, 'catching up a digest missed while stopped');
      await this.fire(channels, new Date(slot));
    }
  }
}
