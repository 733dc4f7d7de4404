import type { Paper } from '../papers/paper.js';
import type { MatchReason } from '../search/search-papers.js';

/** A paper as a reply shows it: why it is there, and the topic that picked it, if any. */
export interface ReplyPaper {
  paper: Paper;
  reasons: MatchReason[];
  topic?: string;
  /** Members whose follows match it, mentioned next to it (a digest's). */
  mentions?: { id: string; name: string }[];
  /** In the digest only because a member's follow matched it (not the channel's topics or top). */
  followOnly?: true;
  /** How many members of the channel like it (its 👍 button shows the count). */
  likes?: number;
  /** Who liked it, for lists of the channel's most liked papers. */
  likedBy?: string[];
  /** Lifted in a digest by the channel's taste: the liked paper it is most like. */
  likedLike?: { title: string };
}

/**
 * What the core answers, for an adapter to render. Text fields are plain, untrusted text that
 * renderers escape; a span in backticks is shown as code.
 */
export interface Reply {
  kind: 'papers' | 'info' | 'error';
  /** Only the person who asked sees an ephemeral reply (where the platform allows it). */
  visibility: 'ephemeral' | 'channel';
  heading: string;
  /** A warning shown right under the heading, e.g. that the newest papers are days old. */
  notice?: string;
  /** Who made the change, for replies the whole channel sees ("@ada subscribed …"). */
  actor?: { id: string; name: string };
  papers: ReplyPaper[];
  /** The number of the first paper, when a list goes on from an earlier page; 1 when absent. */
  firstNumber?: number;
  notes: string[];
  /** The command that shows the next page, when there is one. */
  more?: { command: string; label: string };
  /** The command that posts this same answer to the whole channel. */
  share?: { command: string };
  /** Each paper with an arXiv id offers a Similar button; its answer goes only to whoever clicks it. */
  similar?: true;
  /** Each paper with an arXiv id offers a 👍 button that a member toggles, showing the channel's count. */
  likes?: true;
}

/** The arXiv id a paper's Similar button asks about, when the reply offers one for it. */
export function similarId(reply: Reply, item: ReplyPaper): string | undefined {
  return reply.similar && item.paper.id ? item.paper.id : undefined;
}

/** The command a Similar button runs. */
export function similarCommand(id: string): string {
  return `similar ${id}`;
}

export function errorReply(message: string): Reply {
  return { kind: 'error', visibility: 'ephemeral', heading: message, papers: [], notes: [] };
}

export function infoReply(heading: string, notes: string[] = [], visibility: Reply['visibility'] = 'ephemeral'): Reply {
  return { kind: 'info', visibility, heading, papers: [], notes };
}

/**
 * The number a renderer shows before a paper: lists go on across pages (page 2 of 5 starts at 6);
 * a single paper shown alone has none.
 */
export function paperNumber(reply: Reply, index: number): number | undefined {
  const first = reply.firstNumber ?? 1;
  return reply.papers.length > 1 || first > 1 ? first + index : undefined;
}

/** Text split into plain runs and backtick code spans (without their backticks), for a renderer to show each its way. */
export function codeSpans(text: string): { text: string; code: boolean }[] {
  const parts: { text: string; code: boolean }[] = [];
  let at = 0;
  for (const match of text.matchAll(/`([^`\n]+)`/g)) {
    if (match.index > at) parts.push({ text: text.slice(at, match.index), code: false });
    parts.push({ text: match[1]!, code: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), code: false });
  return parts;
}
