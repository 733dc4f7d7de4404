import { paperNumber, similarId, type Reply, type ReplyPaper } from '../commands/reply.js';
import type { DigestStyle } from '../channels/channel-state.js';

/** Whether a digest goes as a headline with a reply per paper in its thread (one without papers goes as it is). */
export function isThreaded(style: DigestStyle | undefined, reply: Reply): boolean {
  return style === 'thread' && reply.papers.length > 0;
}

/** What a threaded digest's headline says under its heading: how many papers, and the topics they matched. */
export interface HeadlineSummary {
  /** `5 papers`. */
  count: string;
  /** The channel's topics that picked papers of this digest, each once, in the digest's order. */
  topics: string[];
}

export function headlineSummary(reply: Reply): HeadlineSummary {
  const n = reply.papers.length;
  const topics = [...new Set(reply.papers.flatMap((item) => (item.topic ? [item.topic] : [])))];
  return { count: `${n} ${n === 1 ? 'paper' : 'papers'}`, topics };
}

/** Part `part` (1-based after the headline) of a threaded digest: its paper, number, Similar id and whether it has a 👍. */
export function threadPaper(reply: Reply, part: number): { item: ReplyPaper; number?: number; similar?: string; like?: boolean } | undefined {
  const item = reply.papers[part - 1];
  if (!item) return undefined;
  return { item, number: paperNumber(reply, part - 1) ?? part, similar: similarId(reply, item), like: reply.likes };
}

/** The least a title is cut to before a line gives up its other parts. */
const MIN_TITLE = 24;

/**
 * The longest cut of `title` (clamped with an ellipsis) for which `line(cut)` measures at most
 * `max`: escaping can lengthen untrusted text, so it is measured after rendering. Undefined when
 * even a short cut does not fit.
 */
export function fitTitle(title: string, max: number, line: (cut: string) => string, measure: (line: string) => number = (l) => l.length): string | undefined {
  const clampTo = (n: number) => (n >= title.length ? title : `${title.slice(0, n - 1).trimEnd()}…`);
  if (measure(line(title)) <= max) return line(title);
  let low = Math.min(MIN_TITLE, title.length);
  if (measure(line(clampTo(low))) > max) return undefined;
  let high = title.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(line(clampTo(mid))) <= max) low = mid;
    else high = mid - 1;
  }
  return line(clampTo(low));
}
