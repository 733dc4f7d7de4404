import { z } from 'zod';
import type { KeyValue, Store } from '../store.js';

const likerSchema = z.object({ id: z.string(), name: z.string(), at: z.string() });

/** A channel's likes: for each paper (by arXiv id), the members who like it, in the order they clicked. */
const likersSchema = z.array(likerSchema);
const likesSchema = z.object({ papers: z.record(z.string(), likersSchema) });

export type Liker = z.infer<typeof likerSchema>;
type ChannelLikesRecord = z.infer<typeof likesSchema>;

export interface PaperLikes {
  paperId: string;
  likers: Liker[];
}

export interface LikeToggle {
  /** Whether the member likes the paper now. */
  liked: boolean;
  /** The channel's likes of the paper now. */
  count: number;
  /** The channel's likes of every paper it likes, as stored by this change: a message relabels all its 👍 from them. */
  counts: Record<string, number>;
}

const empty = (): ChannelLikesRecord => ({ papers: {} });

/**
 * 👍 per channel, per member: one record per channel, changed only atomically against what is
 * stored now, so clicks from many members and replicas at once all count.
 */
export class ChannelLikes {
  private readonly records: KeyValue;

  constructor(store: Store) {
    this.records = store.namespace('channel-likes');
  }

  /** Likes the paper for the member, or takes their like back if they had given it. */
  async toggle(channel: string, paperId: string, member: { id: string; name: string }, now: Date): Promise<LikeToggle> {
    let result: LikeToggle = { liked: false, count: 0, counts: {} };
    await this.records.update<unknown>(channel, (current) => {
      const record = current === undefined ? empty() : this.heal(current);
      const likers = record.papers[paperId] ?? [];
      const liked = !likers.some((liker) => liker.id === member.id);
      const next = liked ? [...likers, { id: member.id, name: member.name, at: now.toISOString() }] : likers.filter((liker) => liker.id !== member.id);
      const papers = { ...record.papers };
      if (next.length > 0) papers[paperId] = next;
      else delete papers[paperId];
      result = { liked, count: next.length, counts: Object.fromEntries(Object.entries(papers).map(([id, members]) => [id, members.length])) };
      return { papers };
    });
    return result;
  }

  /** Every paper the channel likes, with its likers. */
  async of(channel: string): Promise<PaperLikes[]> {
    const stored = await this.records.get<unknown>(channel);
    if (stored === undefined) return [];
    return Object.entries(this.heal(stored).papers).map(([paperId, likers]) => ({ paperId, likers }));
  }

  /** A damaged record keeps the papers whose likers still read. */
  private heal(stored: unknown): ChannelLikesRecord {
    const whole = likesSchema.safeParse(stored);
    if (whole.success) return whole.data;
    const papers = (stored as { papers?: unknown } | null)?.papers;
    if (typeof papers !== 'object' || papers === null || Array.isArray(papers)) return empty();
    return { papers: Object.fromEntries(Object.entries(papers).filter(([, likers]) => likersSchema.safeParse(likers).success)) as ChannelLikesRecord['papers'] };
  }
}
