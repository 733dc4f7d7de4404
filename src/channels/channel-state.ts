import { IANAZone } from 'luxon';
import { z } from 'zod';

export const MAX_TOPICS = 25;
export const MAX_DIGEST_SIZE = 20;
/** The most follows one member keeps in one channel. */
export const MAX_FOLLOWS_PER_MEMBER = 10;
export const DEFAULT_DIGEST_SIZE = 5;
/** How a digest looks: a card per paper, one line per paper in one message, or a headline with each card a reply in its thread. */
export const DIGEST_STYLES = ['cards', 'compact', 'thread'] as const;
export type DigestStyle = (typeof DIGEST_STYLES)[number];

export const topicSchema = z.object({
  query: z.string(),
  canonical: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
});

/** A member's own query in a channel: digest papers that match it name them (or reach them by direct message). */
export const followSchema = z.object({
  memberId: z.string(),
  memberName: z.string(),
  query: z.string(),
  canonical: z.string(),
  /** A direct message after the digest instead of a mention in it. */
  dm: z.boolean(),
  addedAt: z.string(),
});

// luxon's check builds an Intl formatter (about 0.1 ms), and every read of a channel checks its zone.
const knownZones = new Map<string, boolean>();
function isTimeZone(zone: string): boolean {
  let valid = knownZones.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (knownZones.size < 1_000) knownZones.set(zone, valid);
  }
  return valid;
}

const scheduleSchema = z.object({
  enabled: z.boolean(),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  timeZone: z.string().refine(isTimeZone, 'not a time zone'),
  /** Days of the week, 0 = Sunday … 6 = Saturday. */
  days: z.array(z.number().int().min(0).max(6)),
});

const pauseSchema = z.object({
  /** The platform's own words, e.g. its error code. */
  reason: z.string(),
  at: z.string(),
  /** The channel is gone (deleted, archived, bot removed), or the bot may not post there; absent in older records. */
  cause: z.enum(['gone', 'forbidden']).optional(),
  /** When the member who set the channel up was told (claimed before the message is sent, so at most once a pause). */
  notifiedAt: z.string().optional(),
});

/** A member as the platform names them: `id` is what a direct message is addressed to. */
const memberSchema = z.object({ id: z.string(), name: z.string(), at: z.string() });

/**
 * What members set for a channel. The digest's bookkeeping (what was sent or passed over) lives
 * in a record of its own (`digest-history.ts`), so commands never overwrite it (`status` only reads it).
 */
export const channelStateSchema = z.object({
  key: z.string(),
  topics: z.array(topicSchema).max(MAX_TOPICS),
  schedule: scheduleSchema,
  /** When the schedule last changed; a slot before it is never caught up. */
  scheduleSetAt: z.string().nullable(),
  size: z.number().int().min(1).max(MAX_DIGEST_SIZE),
  minUpvotes: z.number().int().min(0),
  /** Set when delivery failed for good (channel gone, bot removed); cleared by `schedule`. */
  paused: pauseSchema.nullable(),
  /** Who last changed the schedule, topics or settings: told by direct message when digests pause. */
  changedBy: memberSchema.nullable(),
  /** Members' follows, in the order they were added; absent in records older than follows. */
  follows: z.array(followSchema).default([]),
  /**
   * The record was first saved by a member's follow, not by anyone setting the channel up: it
   * takes no digests until a change that enrols it (which sets `scheduleSetAt`).
   */
  followsOnly: z.boolean().default(false),
  style: z.enum(DIGEST_STYLES).default('cards'),
  /** Whether the channel's likes lift papers like them in its digest; null: on once it has enough likes. */
  taste: z.enum(['on', 'off']).nullable().default(null),
});

export type Topic = z.infer<typeof topicSchema>;
export type Follow = z.infer<typeof followSchema>;
export type DigestSchedule = z.infer<typeof scheduleSchema>;
export type ChannelState = z.infer<typeof channelStateSchema>;
export type ChannelPause = z.infer<typeof pauseSchema>;
export type ChannelMember = z.infer<typeof memberSchema>;

export const WEEKDAYS = [1, 2, 3, 4, 5];

export function defaultChannelState(key: string): ChannelState {
  return {
    key,
    topics: [],
    schedule: { enabled: true, time: '09:00', timeZone: 'UTC', days: WEEKDAYS },
    size: DEFAULT_DIGEST_SIZE,
    minUpvotes: 0,
    paused: null,
    scheduleSetAt: null,
    changedBy: null,
    follows: [],
    followsOnly: false,
    style: 'cards',
    taste: null,
  };
}

/** Whether the channel was set up for digests: a record saved only for members' follows was not. */
export function isEnrolled(state: ChannelState): boolean {
  return !state.followsOnly || state.scheduleSetAt !== null;
}

/** Whether the change moves the channel's digests: which slots it has, or whether it has any. */
export function timetableOf(state: ChannelState): string {
  const { enabled, time, timeZone, days } = state.schedule;
  return JSON.stringify([enabled && !state.paused, time, timeZone, days, state.scheduleSetAt]);
}

/** The member making a change, as the channel remembers them. */
export function memberOf(user: { id: string; name: string }, at: Date): ChannelMember {
  return { id: user.id, name: user.name, at: at.toISOString() };
}
