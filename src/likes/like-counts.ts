import type { ReplyPaper } from '../commands/reply.js';
import type { PaperLikes } from './channel-likes.js';

/** Each paper with the channel's count of 👍 on it, when it has any. */
export function withLikeCounts(papers: readonly ReplyPaper[], likes: readonly PaperLikes[]): ReplyPaper[] {
  const counts = new Map(likes.map((paper) => [paper.paperId, paper.likers.length]));
  return papers.map((item) => {
    const count = item.paper.id ? (counts.get(item.paper.id) ?? 0) : 0;
    return count > 0 ? { ...item, likes: count } : item;
  });
}
