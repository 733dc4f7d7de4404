import type { Paper } from '../papers/paper.js';
import type { PaperIndex } from '../search/paper-index.js';
import type { PaperLikes } from './channel-likes.js';
import { termVector, toUnitLength } from './paper-terms.js';

/** With its taste setting unset, a channel's likes shape its digest once it has this many. */
export const TASTE_MIN_LIKES = 3;
/** A paper liked this long before another counts half as much: a channel's interests drift. */
const HALF_LIFE_DAYS = 90;
/** The most recently liked papers the profile is built from: older ones weigh little by then anyway. */
const MAX_PROFILE_PAPERS = 200;
const DAY_MS = 86_400_000;

export interface ChannelTaste {
  /** Cosine similarity of a paper's terms with the channel's profile, 0 to 1. */
  similarity(paper: Paper): number;
  /** The liked paper (other than itself) that a paper is most like. */
  mostLike(paper: Paper): Paper | undefined;
}

/** Whether the channel's likes shape its digest: its own setting, else on once it has enough likes. */
export function tasteIsOn(setting: 'on' | 'off' | null, likes: readonly PaperLikes[]): boolean {
  if (setting !== null) return setting === 'on';
  return likes.reduce((sum, paper) => sum + paper.likers.length, 0) >= TASTE_MIN_LIKES;
}

interface LikedPaper {
  paper: Paper;
  /** Its terms as the profile's slots, with their weights in the paper. */
  slots: number[];
  weights: Float64Array;
  recency: number;
}

/**
 * The channel's profile: the distinctive terms (tf·idf by the index's own statistics) of the papers
 * it likes, summed, each term then weighted by the share of liked papers that hold it, so the
 * subject they have in common outweighs the words only one of them uses. A paper liked 90 days
 * before the latest like weighs half as much. Undefined when none of the liked papers is in the archive.
 */
export function channelTaste(index: PaperIndex, likes: readonly PaperLikes[]): ChannelTaste | undefined {
  const found = likes
    .filter(({ likers }) => likers.length > 0)
    .map(({ paperId, likers }) => ({ paper: index.get(paperId), latest: latestLike(likers.map((liker) => liker.at)) }))
    .filter((entry): entry is { paper: Paper; latest: number } => entry.paper !== undefined)
    .sort((a, b) => (b.latest > a.latest ? 1 : b.latest < a.latest ? -1 : 0))
    .slice(0, MAX_PROFILE_PAPERS);
  if (found.length === 0) return undefined;
  const newest = found[0]!.latest;
  // Terms are numbered once, so the profile and the liked papers are plain arrays indexed by slot.
  const slotOf = new Map<string, number>();
  const liked: LikedPaper[] = found.map(({ paper, latest }) => {
    const vector = termVector(index, paper);
    const slots: number[] = [];
    for (let i = 0; i < vector.terms.length; i++) {
      const term = vector.terms[i]!;
      let slot = slotOf.get(term);
      if (slot === undefined) slotOf.set(term, (slot = slotOf.size));
      slots.push(slot);
    }
    const age = Number.isFinite(latest) && Number.isFinite(newest) ? newest - latest : 0;
    return { paper, slots, weights: vector.weights, recency: 0.5 ** (age / DAY_MS / HALF_LIFE_DAYS) };
  });
  const profile = profileOf(liked, slotOf.size);
  const scratch = new Float64Array(slotOf.size);
  return {
    similarity(paper) {
      const { terms, weights } = termVector(index, paper);
      let dot = 0;
      for (let i = 0; i < terms.length; i++) {
        const slot = slotOf.get(terms[i]!);
        if (slot !== undefined) dot += weights[i]! * profile[slot]!;
      }
      return dot;
    },
    mostLike(paper) {
      const { terms, weights } = termVector(index, paper);
      const filled: number[] = [];
      for (let i = 0; i < terms.length; i++) {
        const slot = slotOf.get(terms[i]!);
        if (slot !== undefined) (scratch[slot] = weights[i]!), filled.push(slot);
      }
      let best: Paper | undefined;
      let bestScore = -1;
      for (const entry of liked) {
        if (entry.paper === paper) continue;
        let dot = 0;
        for (let i = 0; i < entry.slots.length; i++) dot += scratch[entry.slots[i]!]! * entry.weights[i]!;
        if (dot * entry.recency > bestScore) (best = entry.paper), (bestScore = dot * entry.recency);
      }
      for (const slot of filled) scratch[slot] = 0;
      return best;
    },
  };
}

/** Σ recency·weight per term, times the term's recency-weighted share of liked papers, at unit length. */
function profileOf(liked: readonly LikedPaper[], size: number): Float64Array {
  const sum = new Float64Array(size);
  const support = new Float64Array(size);
  let total = 0;
  for (const { slots, weights, recency } of liked) {
    total += recency;
    for (let i = 0; i < slots.length; i++) {
      sum[slots[i]!]! += recency * weights[i]!;
      support[slots[i]!]! += recency;
    }
  }
  for (let slot = 0; slot < size; slot++) sum[slot] = (sum[slot]! * support[slot]!) / total;
  return toUnitLength(sum);
}

/** When a paper was last liked, in ms; -Infinity when no time reads (it then counts as fresh, but is the first left out). */
function latestLike(times: string[]): number {
  let latest = -Infinity;
  for (const time of times) {
    const ms = Date.parse(time);
    if (ms > latest) latest = ms;
  }
  return latest;
}
