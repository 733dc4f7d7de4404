import type { ReplyPaper } from '../commands/reply.js';
import type { ChannelTaste } from './channel-taste.js';

/** Below this similarity to the channel's profile a paper is unrelated to its likes and keeps its place. */
export const MIN_TASTE_SIMILARITY = 0.1;
/** From this similarity on a paper is as like the channel's likes as papers get (its liked papers score 0.2 to 0.4 with each other). */
const FULL_TASTE_SIMILARITY = 0.3;
/** At full similarity a paper ranks as if it had 2³ = 8 times its upvotes. */
const TASTE_DOUBLINGS = 3;

/**
 * Papers in the day's ranking, re-ranked by log₂(1 + upvotes) plus up to TASTE_DOUBLINGS for their
 * similarity to the channel's likes: a paper clearly like them passes unrelated papers with up to
 * 8× its upvotes, never one the day put far ahead. Unrelated papers keep the day's order among
 * themselves. A paper among the first `shown` placed above one the day ranks higher carries the
 * liked paper it is most like.
 */
export function rankWithTaste(inDayOrder: readonly ReplyPaper[], taste: ChannelTaste, shown: number): ReplyPaper[] {
  const scored = inDayOrder.map((item, dayRank) => ({ item, dayRank, score: Math.log2(1 + Math.max(0, item.paper.upvotes)) + lift(taste.similarity(item.paper)) }));
  // Ties keep the day's order, so with no lift the order is exactly the day's.
  scored.sort((a, b) => b.score - a.score || a.dayRank - b.dayRank);
  const out: ReplyPaper[] = new Array(scored.length);
  let bestBelow = Infinity;
  for (let i = scored.length - 1; i >= 0; i--) {
    const { item, dayRank } = scored[i]!;
    const lifted = bestBelow < dayRank;
    bestBelow = Math.min(bestBelow, dayRank);
    const liked = lifted && i < shown ? taste.mostLike(item.paper) : undefined;
    out[i] = liked ? { ...item, likedLike: { title: liked.title } } : item;
  }
  return out;
}

function lift(similarity: number): number {
  if (similarity < MIN_TASTE_SIMILARITY) return 0;
  return TASTE_DOUBLINGS * Math.min(1, (similarity - MIN_TASTE_SIMILARITY) / (FULL_TASTE_SIMILARITY - MIN_TASTE_SIMILARITY));
}
