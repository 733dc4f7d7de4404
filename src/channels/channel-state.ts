import { z } from 'zod';

export const MAX_TOPICS = 25;
export const MAX_DIGEST_SIZE = 20;
export const DEFAULT_DIGEST_SIZE = 5;
/** A year of daily digests at the largest size, with room to spare. */
export const MAX_DELIVERED = 366 * MAX_DIGEST_SIZE;

const topicSchema = z.object({
  query: z.string(),
  canonical: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
});

const scheduleSchema = z.object({
  enabled: z.boolean(),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  timeZone: z.string(),
  /** Days of the week, 0 = Sunday … 6 = Saturday. */
  days: z.array(z.number().int().min(0).max(6)),
});

export const channelStateSchema = z.object({
  key: z.string(),
  topics: z.array(topicSchema),
  schedule: scheduleSchema,
  /** When the schedule last changed; a slot before it is never caught up. */
  scheduleSetAt: z.string().nullable().default(null),
  size: z.number().int().min(1).max(MAX_DIGEST_SIZE),
  minUpvotes: z.number().int().min(0),
  /** Set when delivery failed for good (channel gone, bot removed); cleared by `schedule`. */
  paused: z.object({ reason: z.string(), at: z.string() }).nullable(),
  /** Paper ids already posted here, with the day each was posted. */
  delivered: z.array(z.tuple([z.string(), z.string()])),
  /** Paper ids a digest considered and passed over, with their Daily Papers day: not offered again. */
  passedOver: z.array(z.tuple([z.string(), z.string()])).default([]),
  /**
   * The last slot whose digest went out, the newest Daily Papers day it covered, and the first
   * day any digest here covered (older days are never looked at).
   */
  lastDigest: z.object({ slot: z.string(), throughDay: z.string(), sinceDay: z.string() }).nullable(),
});

export type Topic = z.infer<typeof topicSchema>;
export type DigestSchedule = z.infer<typeof scheduleSchema>;
export type ChannelState = z.infer<typeof channelStateSchema>;

export const WEEKDAYS = [1, 2, 3, 4, 5];

export function defaultChannelState(key: string): ChannelState {
  return {
    key,
    topics: [],
    schedule: { enabled: true, time: '09:00', timeZone: 'UTC', days: WEEKDAYS },
    size: DEFAULT_DIGEST_SIZE,
    minUpvotes: 0,
    paused: null,
    delivered: [],
    passedOver: [],
    scheduleSetAt: null,
    lastDigest: null,
  };
}
