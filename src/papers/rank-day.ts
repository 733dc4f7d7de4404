import type { Paper } from './paper.js';

/** The day's ranking: upvotes, then comments, then GitHub stars. */
export function compareByDayRank(a: Paper, b: Paper): number {
  return (
    b.upvotes - a.upvotes ||
    b.comments - a.comments ||
    (b.githubStars ?? 0) - (a.githubStars ?? 0) ||
    (a.id ?? a.title).localeCompare(b.id ?? b.title)
  );
}

export function rankDay(papers: readonly Paper[]): Paper[] {
  return [...papers].sort(compareByDayRank);
}
