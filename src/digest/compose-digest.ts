import type { ChannelState } from '../channels/channel-state.js';
import { knownPaperIds, type DigestHistory } from '../channels/digest-history.js';
import { staleDataNotice } from '../commands/freshness.js';
import type { ReplyPaper, Reply } from '../commands/reply.js';
import type { PaperLikes } from '../likes/channel-likes.js';
import { channelTaste, tasteIsOn } from '../likes/channel-taste.js';
import { withLikeCounts } from '../likes/like-counts.js';
import { rankWithTaste } from '../likes/taste-ranking.js';
import type { PaperArchive } from '../papers/archive.js';
import { addDays, dayOf } from '../papers/days.js';
import type { Paper } from '../papers/paper.js';
import { compareByDayRank } from '../papers/rank-day.js';
import { paperKey } from '../search/paper-index.js';
import { parseStoredQuery } from '../search/query.js';
import { searchPapers } from '../search/search-papers.js';
import { followerMessages, matchFollows, withMentions, type FollowerMessage } from './follow-matches.js';

/** Days before the last digest's newest day in which late additions are still picked up. */
export const LATE_ADDITION_DAYS = 7;

export interface Digest {
  papers: ReplyPaper[];
  /** Every paper that was eligible: the ones not picked are passed over for good. */
  considered: Paper[];
  /** The newest Daily Papers day the digest covers. */
  throughDay: string | null;
  firstDay: string | null;
  /** Says the newest papers are old (a source that is down, offline data); absent while they are fresh. */
  notice?: string;
  /** Members whose `--dm` follows matched papers of this digest: told after it went out. */
  followerMessages: FollowerMessage[];
}

/**
 * The digest a channel gets at `at`: papers from the days since its last digest (the latest day
 * for a first digest) that it has neither been sent nor passed over, topic matches first with
 * their reasons, then the rest in the day's ranking, lifted by the channel's taste when it is on
 * (papers like those it liked); size and minimum upvotes honoured.
 */
export function composeDigest(state: ChannelState, history: DigestHistory, archive: PaperArchive, at: Date, likes: readonly PaperLikes[] = []): Digest {
  const today = dayOf(at);
  const latest = archive.latestDate(today);
  if (!latest) return { papers: [], considered: [], throughDay: null, firstDay: null, followerMessages: [] };
  const last = history.lastDigest;
  const lateFrom = last ? addDays(last.throughDay, -LATE_ADDITION_DAYS) : latest;
  const from = last && last.sinceDay > lateFrom ? last.sinceDay : lateFrom;
  const known = knownPaperIds(history);
  const eligible = archive
    .papersBetween(from, today)
    .filter((paper) => !known.has(paperKey(paper)) && paper.upvotes >= state.minUpvotes)
    .sort(compareByDayRank);
  const eligibleKeys = new Set(eligible.map(paperKey));

  const picked = new Map<string, ReplyPaper>();
  const topicHits: ReplyPaper[] = [];
  for (const topic of state.topics) {
    const query = parseStoredQuery(topic.query);
    if (!query) continue;
    const { hits } = searchPapers(archive.index, query, {
      limit: eligible.length,
      filter: (key) => eligibleKeys.has(key),
    });
    for (const { score: _score, reasons, ...paper } of hits) {
      const key = paperKey(paper);
      if (picked.has(key)) continue;
      const item = { paper, reasons, topic: topic.query };
      picked.set(key, item);
      topicHits.push(item);
    }
  }
  topicHits.sort((a, b) => compareByDayRank(a.paper, b.paper));
  const inDayOrder = eligible.filter((paper) => !picked.has(paperKey(paper))).map((paper): ReplyPaper => ({ paper, reasons: [] }));
  const taste = tasteIsOn(state.taste, likes) ? channelTaste(archive.index, likes) : undefined;
  const rest = taste ? rankWithTaste(inDayOrder, taste, state.size) : inDayOrder;
  // A paper only a member's follow picks (not in the topics' or the day's top) takes the place of the top's last.
  const followed = matchFollows(state.follows, archive, eligible);
  const shown = new Set([...topicHits, ...rest].slice(0, state.size).map((item) => paperKey(item.paper)));
  const followOnly = eligible
    .filter((paper) => followed.has(paperKey(paper)) && !shown.has(paperKey(paper)))
    .map((paper): ReplyPaper => ({ paper, reasons: followed.get(paperKey(paper))!.reasons, followOnly: true }));
  const added = new Set(followOnly.map((item) => paperKey(item.paper)));
  const papers = [...topicHits, ...followOnly, ...rest.filter((item) => !added.has(paperKey(item.paper)))].slice(0, state.size);
  const days = eligible.map((paper) => paper.dailyDate!).sort();
  const digest: Digest = {
    papers: withLikeCounts(withMentions(papers, followed), likes),
    considered: eligible,
    throughDay: days.at(-1) ?? latest,
    firstDay: days[0] ?? null,
    followerMessages: followerMessages(papers, followed),
  };
  const notice = staleDataNotice(latest, at, archive.sourceReachable);
  return notice ? { ...digest, notice } : digest;
}

/** The digest as a reply the whole channel sees. */
export function digestReply(digest: Digest, commandName: string): Reply {
  const range = digest.firstDay && digest.firstDay !== digest.throughDay ? `${digest.firstDay} to ${digest.throughDay}` : digest.throughDay;
  const topical = digest.papers.filter((p) => p.topic).length;
  return {
    kind: 'papers',
    visibility: 'channel',
    heading: `Daily Papers digest, ${range}`,
    ...(digest.notice ? { notice: digest.notice } : {}),
    papers: digest.papers,
    similar: true,
    likes: true,
    notes: [
      topical > 0 ? `${topical} of ${digest.papers.length} match this channel's topics.` : `Follow a topic to see its papers first: \`${commandName} subscribe <query>\`.`,
    ],
  };
}

