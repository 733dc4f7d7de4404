import { similarCommand, type ReplyPaper } from '../commands/reply.js';
import type { MatchReason } from '../search/search-papers.js';
import { clamp } from './clamp.js';
import { shortAuthors, summaryOf } from './paper-text.js';
import { safeUrl } from './safe-url.js';

/** A link under a paper; `url` has passed `safeUrl`. */
export interface CardLink {
  kind: 'hf' | 'arxiv' | 'pdf' | 'code';
  /** `Hugging Face`, `arXiv`, `PDF`, `code ★ 12`. */
  label: string;
  url: string;
  stars?: number;
}

/**
 * A button on one paper: Similar asks for papers like it, answered only to whoever clicks; Like
 * toggles the member's 👍 and shows the channel's count.
 */
export type CardAction =
  | {
      kind: 'similar';
      /** The paper's arXiv id, the button's payload. */
      id: string;
      command: string;
    }
  | { kind: 'like'; id: string; count: number };

/** A Like button's label: `👍`, or `👍 3` once members like the paper. */
export function likeLabel(count: number): string {
  return count > 0 ? `👍 ${count}` : '👍';
}

/** One paper as every platform shows it. Text is plain and untrusted: renderers escape and cut it. */
export interface PaperCard {
  /** Its place in a list that goes on across pages; absent for a paper shown alone. */
  number?: number;
  title: string;
  /** The paper's Hugging Face page, else its arXiv page, when safe. */
  url?: string;
  upvotes: number;
  authors: string;
  organization: string | null;
  /** `authors · organisation`, either left out when unknown. */
  byline: string;
  /** One line, uncut. */
  summary: string;
  topic?: string;
  /** Why a search or topic picked it: `Matched title: video, videos; abstract: diffusion`. */
  reasons?: string;
  links: CardLink[];
  thumbnail?: string;
  actions: CardAction[];
  /** Members whose follows match the paper, for the platform to mention next to it. */
  mentions?: { id: string; name: string }[];
  /** In a digest only because a member's follow matched it. */
  followOnly?: true;
  /** `👍 3: ada, bob, cy`, in lists of the channel's most liked papers. */
  likedBy?: string;
  /** `👍 Like papers this channel liked: Title`, on a digest paper its taste lifted. */
  taste?: string;
}

/**
 * The line naming who follows a paper, in one wording on every platform: `mention` writes a member
 * as the platform mentions them (escaped where it is not a mention). Undefined when nobody is named.
 */
export function followLine(card: PaperCard, mention: (member: { id: string; name: string }) => string): string | undefined {
  const names = (card.mentions ?? []).map(mention).join(', ');
  if (card.followOnly) return `🔔 Followed by ${names || 'a member'}`;
  return names ? `🔔 ${names}` : undefined;
}

/** The follow line naming at most `max` members, then how many more: `🔔 ada, bob +3`. */
export function shortFollowLine(card: PaperCard, mention: (member: { id: string; name: string }) => string, max: number): string | undefined {
  const mentions = card.mentions ?? [];
  const line = followLine({ ...card, mentions: mentions.slice(0, max) }, mention);
  return line && `${line}${mentions.length > max ? ` +${mentions.length - max}` : ''}`;
}

/** Match reasons in the one wording every platform shows; a query's word is cut to 80 characters. */
export function reasonsText(reasons: readonly MatchReason[]): string | undefined {
  if (reasons.length === 0) return undefined;
  return `Matched ${reasons.map((r) => `${r.field}: ${r.terms.map((t) => clamp(t, 80)).join(', ')}`).join('; ')}`;
}

function cardLinks(paper: ReplyPaper['paper']): CardLink[] {
  const stars = paper.githubStars ?? undefined;
  const candidates: (Omit<CardLink, 'url'> & { url: string | null })[] = [
    { kind: 'hf', label: 'Hugging Face', url: paper.links.hf },
    { kind: 'arxiv', label: 'arXiv', url: paper.links.arxiv },
    { kind: 'pdf', label: 'PDF', url: paper.links.pdf },
    { kind: 'code', label: `code${stars ? ` ★ ${stars}` : ''}`, url: paper.githubRepo, ...(stars ? { stars } : {}) },
  ];
  return candidates.flatMap((link) => {
    const url = safeUrl(link.url);
    return url ? [{ ...link, url }] : [];
  });
}

/** Who likes a paper, in one wording on every platform: names are untrusted text for renderers to escape. */
function likedByText(names: readonly string[]): string {
  const shown = names.slice(0, 10).map((name) => clamp(name, 40));
  const others = names.length - shown.length;
  return `👍 ${names.length}: ${shown.join(', ')}${others > 0 ? ` and ${others} more` : ''}`;
}

/** The card's buttons: Similar when `similarId` is given, Like when `like` is. */
function cardActions(item: ReplyPaper, similarId?: string, like?: boolean): CardAction[] {
  const actions: CardAction[] = [];
  if (like && item.paper.id) actions.push({ kind: 'like', id: item.paper.id, count: item.likes ?? 0 });
  if (similarId) actions.push({ kind: 'similar', id: similarId, command: similarCommand(similarId) });
  return actions;
}

/** A paper of a reply as a card; `similarId` gives it a Similar button, `like` a 👍 button. */
export function paperCard(item: ReplyPaper, number?: number, similarId?: string, like?: boolean): PaperCard {
  const { paper } = item;
  const authors = shortAuthors(paper);
  const card: PaperCard = {
    title: paper.title,
    upvotes: paper.upvotes,
    authors,
    organization: paper.organization,
    byline: [authors, paper.organization].filter(Boolean).join(' · '),
    summary: summaryOf(paper),
    links: cardLinks(paper),
    actions: cardActions(item, similarId, like),
  };
  if (number !== undefined) card.number = number;
  const url = safeUrl(paper.links.hf ?? paper.links.arxiv);
  if (url) card.url = url;
  if (item.topic) card.topic = item.topic;
  const reasons = reasonsText(item.reasons);
  if (reasons) card.reasons = reasons;
  if (item.mentions?.length) card.mentions = item.mentions;
  if (item.followOnly) card.followOnly = true;
  if (item.likedBy?.length) card.likedBy = likedByText(item.likedBy);
  if (item.likedLike) card.taste = `👍 Like papers this channel liked: ${clamp(item.likedLike.title, 120)}`;
  const thumbnail = safeUrl(paper.thumbnail);
  if (thumbnail) card.thumbnail = thumbnail;
  return card;
}
