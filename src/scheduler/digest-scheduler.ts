import cron, { type ScheduledTask } from 'node-cron';
import type { ChannelStore } from '../channels/channel-store.js';
import type { ChannelState, DigestSchedule } from '../channels/channel-state.js';
import type { Logger } from '../log.js';
import { cronExpression, previousSlot } from './schedule-time.js';

/** Runs the digests of every channel due at one slot. */
export type SlotRunner = (channels: string[], slot: Date) => Promise<void>;

export interface DigestSchedulerDeps {
  channels: ChannelStore;
  runSlot: SlotRunner;
  logger: Logger;
  now: () => Date;
  /** Only channels this process can deliver to are scheduled (all by default). */
  handles?: (channel: string) => boolean;
}

const CATCH_UP_WINDOW_MS = 24 * 60 * 60_000;

function groupKey(schedule: DigestSchedule): string {
  return `${cronExpression(schedule)}|${schedule.timeZone}`;
}

function isScheduled(state: ChannelState): boolean {
  return state.schedule.enabled && !state.paused && state.schedule.days.length > 0;
}

/**
 * One node-cron task per distinct (time, days, time zone), each fanning out to its channels;
 * rebuilt when a channel's schedule changes. At start, a slot missed in the last 24 hours
 * while the process was down is run once.
 */
export class DigestScheduler {
  private readonly tasks = new Map<string, { task: ScheduledTask; schedule: DigestSchedule; channels: Set<string> }>();
  private readonly groupOf = new Map<string, string>();

  constructor(private readonly deps: DigestSchedulerDeps) {}

  /** Schedules every saved channel, then catches up missed slots. */
  async start(): Promise<void> {
    const missed = new Map<string, { slot: Date; channels: string[] }>();
    for await (const state of this.deps.channels.all()) {
      this.place(state);
      const slot = this.missedSlot(state);
      if (slot) {
        const entry = missed.get(slot.toISOString()) ?? { slot, channels: [] };
        entry.channels.push(state.key);
        missed.set(slot.toISOString(), entry);
      }
    }
    for (const { slot, channels } of missed.values()) {
      this.deps.logger.info({ slot, channels: channels.length }, 'catching up a digest missed while stopped');
      await this.deps.runSlot(channels, slot);
    }
  }

  /** Moves a channel to the task of its current schedule (or off every task). */
  async reschedule(channel: string): Promise<void> {
    await this.remove(channel);
    this.place(await this.deps.channels.get(channel));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.tasks.values()].map(({ task }) => task.destroy()));
    this.tasks.clear();
    this.groupOf.clear();
  }

  /** The channels scheduled now, by task, for tests and metrics. */
  get scheduledChannels(): number {
    return this.groupOf.size;
  }

  private place(state: ChannelState): void {
    if (!isScheduled(state) || this.deps.handles?.(state.key) === false) return;
    const key = groupKey(state.schedule);
    let group = this.tasks.get(key);
    if (!group) {
      const schedule = state.schedule;
      const channels = new Set<string>();
      const task = cron.schedule(
        cronExpression(schedule),
        async (context) => {
          const slot = previousSlot(schedule, context.date ?? this.deps.now()) ?? context.date;
          await this.deps.runSlot([...channels], slot);
        },
        { timezone: schedule.timeZone, noOverlap: true, name: key },
      );
      task.on('execution:failed', (context) => this.deps.logger.error({ group: key, error: String(context.execution?.error) }, 'digest slot failed'));
      group = { task, schedule, channels };
      this.tasks.set(key, group);
    }
    group.channels.add(state.key);
    this.groupOf.set(state.key, key);
  }

  private async remove(channel: string): Promise<void> {
    const key = this.groupOf.get(channel);
    if (!key) return;
    this.groupOf.delete(channel);
    const group = this.tasks.get(key);
    group?.channels.delete(channel);
    if (group && group.channels.size === 0) {
      this.tasks.delete(key);
      await group.task.destroy();
    }
  }

  private missedSlot(state: ChannelState): Date | null {
    if (!isScheduled(state) || this.deps.handles?.(state.key) === false) return null;
    const now = this.deps.now();
    const slot = previousSlot(state.schedule, now);
    if (!slot || now.getTime() - slot.getTime() > CATCH_UP_WINDOW_MS) return null;
    if (state.scheduleSetAt && state.scheduleSetAt > slot.toISOString()) return null;
    if (state.lastDigest && state.lastDigest.slot >= slot.toISOString()) return null;
    return slot;
  }
}
