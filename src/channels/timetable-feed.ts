import type { KeyValue } from '../store.js';

/** Changes remembered; a replica further behind than this reloads every channel. */
const FEED_LENGTH = 500;
const FEED_KEY = 'timetable';

interface Feed {
  seq: number;
  changes: [seq: number, channel: string][];
}

export type FeedChanges = { seq: number; channels: string[] } | { seq: number; channels: 'all' };

/**
 * Which channels' schedules changed, in order, in the shared store: every replica reads it
 * (one small key) before firing slots, so a schedule changed through any replica is followed by
 * all of them without a process-local timer being the source of truth.
 */
export class TimetableFeed {
  constructor(private readonly kv: KeyValue) {}

  async append(channel: string): Promise<void> {
    await this.kv.update<Feed>(FEED_KEY, (feed = { seq: 0, changes: [] }) => ({
      seq: feed.seq + 1,
      changes: [...feed.changes.slice(-(FEED_LENGTH - 1)), [feed.seq + 1, channel]],
    }));
  }

  /** The newest sequence number: a reader that loads everything first starts from it. */
  async head(): Promise<number> {
    return (await this.kv.get<Feed>(FEED_KEY))?.seq ?? 0;
  }

  /** The channels changed after `seq`, or 'all' when the feed no longer reaches back that far. */
  async since(seq: number): Promise<FeedChanges> {
    const feed = await this.kv.get<Feed>(FEED_KEY);
    if (!feed) return { seq: 0, channels: seq === 0 ? [] : 'all' };
    if (feed.seq < seq) return { seq: feed.seq, channels: 'all' }; // the store was reset
    const oldest = feed.changes[0]?.[0] ?? feed.seq + 1;
    if (feed.seq > seq && oldest > seq + 1) return { seq: feed.seq, channels: 'all' };
    return { seq: feed.seq, channels: [...new Set(feed.changes.filter(([s]) => s > seq).map(([, channel]) => channel))] };
  }
}
