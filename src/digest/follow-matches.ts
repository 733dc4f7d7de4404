import type { Follow } from '../channels/channel-state.js';
import type { ReplyPaper } from '../commands/reply.js';
import type { PaperArchive } from '../papers/archive.js';
import type { Paper } from '../papers/paper.js';
import { paperKey } from '../search/paper-index.js';
import { parseStoredQuery } from '../search/query.js';
import { searchPapers, type MatchReason } from '../search/search-papers.js';

/** The follows a paper of the digest matches, and why the first of them did. */
export interface FollowMatch {
  follows: Follow[];
  reasons: MatchReason[];
}

/** A member told by direct message about the digest papers their `--dm` follows matched. */
export interface FollowerMessage {
  memberId: string;
  papers: ReplyPaper[];
}

/** Every eligible paper that some member's follow matches, by paper key. */
export function matchFollows(follows: readonly Follow[], archive: PaperArchive, eligible: readonly Paper[]): Map<string, FollowMatch> {
  const keys = new Set(eligible.map(paperKey));
  const matches = new Map<string, FollowMatch>();
  for (const follow of follows) {
    const query = parseStoredQuery(follow.query);
    if (!query) continue;
    const { hits } = searchPapers(archive.index, query, { limit: eligible.length, filter: (key) => keys.has(key) });
    for (const hit of hits) {
      const key = paperKey(hit);
      const match = matches.get(key) ?? { follows: [], reasons: hit.reasons };
      match.follows.push(follow);
      matches.set(key, match);
    }
  }
  return matches;
}

/** The digest's papers with the members to mention by each; members who asked for `--dm` are not mentioned. */
export function withMentions(papers: ReplyPaper[], matches: Map<string, FollowMatch>): ReplyPaper[] {
  return papers.map((item) => {
    const mentioned = unique((matches.get(paperKey(item.paper))?.follows ?? []).filter((f) => !f.dm));
    return mentioned.length > 0 ? { ...item, mentions: mentioned.map((f) => ({ id: f.memberId, name: f.memberName })) } : item;
  });
}

/** For each member with a `--dm` follow that a paper of the digest matches, those papers (as the digest shows them, unmarked). */
export function followerMessages(papers: ReplyPaper[], matches: Map<string, FollowMatch>): FollowerMessage[] {
  const byMember = new Map<string, ReplyPaper[]>();
  for (const item of papers) {
    for (const follow of unique((matches.get(paperKey(item.paper))?.follows ?? []).filter((f) => f.dm))) {
      byMember.set(follow.memberId, [...(byMember.get(follow.memberId) ?? []), { paper: item.paper, reasons: item.reasons }]);
    }
  }
  return [...byMember].map(([memberId, list]) => ({ memberId, papers: list }));
}

/** One follow per member: a member whose two follows match a paper is named once. */
function unique(follows: Follow[]): Follow[] {
  const seen = new Set<string>();
  return follows.filter((f) => !seen.has(f.memberId) && seen.add(f.memberId));
}

