import type { Paper } from '../papers/paper.js';
import type { MatchReason } from '../search/search-papers.js';

/** A paper as a reply shows it: why it is there, and the topic that picked it, if any. */
export interface ReplyPaper {
  paper: Paper;
  reasons: MatchReason[];
  topic?: string;
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
  /** Who made the change, for replies the whole channel sees ("@ada subscribed …"). */
  actor?: { id: string; name: string };
  papers: ReplyPaper[];
  notes: string[];
  /** The command that shows the next page, when there is one. */
  more?: { command: string; label: string };
  /** The command that posts this same answer to the whole channel. */
  share?: { command: string };
}

export function errorReply(message: string): Reply {
  return { kind: 'error', visibility: 'ephemeral', heading: message, papers: [], notes: [] };
}

export function infoReply(heading: string, notes: string[] = [], visibility: Reply['visibility'] = 'ephemeral'): Reply {
  return { kind: 'info', visibility, heading, papers: [], notes };
}
