import { codeSpans, paperNumber, similarId, type Reply } from '../commands/reply.js';
import { paperCard, type PaperCard } from './paper-card.js';

export type { CardAction, CardLink, PaperCard } from './paper-card.js';

/** Plain, untrusted runs of text and code spans, for a renderer to escape and style each its way. */
export type RichText = { text: string; code: boolean }[];

/** A button of the whole reply: the next page, or the same answer posted to the channel. */
export interface ReplyAction {
  kind: 'more' | 'share';
  label: string;
  /** The command the button runs. */
  command: string;
}

/** A reply as every platform shows it, before any escaping, cutting or packing. */
export interface ReplyView {
  heading: {
    tone: Reply['kind'];
    text: RichText;
    /** Who made the change, named in a heading the whole channel sees. */
    actor?: { id: string; name: string };
  };
  /** A warning right under the heading. */
  notice?: RichText;
  cards: PaperCard[];
  notes: RichText[];
  actions: ReplyAction[];
  visibility: Reply['visibility'];
}

/** The labels of buttons, the same on every platform. */
export const ACTION_LABELS = { more: 'More', share: 'Share', similar: 'Similar' } as const;

/** Rich text back as the core wrote it, code spans in backticks: for markups that read backticks as code. */
export function backticked(text: RichText): string {
  return text.map((part) => (part.code ? `\`${part.text}\`` : part.text)).join('');
}

export function replyView(reply: Reply): ReplyView {
  const actions: ReplyAction[] = [];
  if (reply.more) actions.push({ kind: 'more', label: ACTION_LABELS.more, command: reply.more.command });
  if (reply.share) actions.push({ kind: 'share', label: ACTION_LABELS.share, command: reply.share.command });
  const view: ReplyView = {
    heading: { tone: reply.kind, text: codeSpans(reply.heading) },
    cards: reply.papers.map((item, i) => paperCard(item, paperNumber(reply, i), similarId(reply, item), reply.likes)),
    notes: reply.notes.map(codeSpans),
    actions,
    visibility: reply.visibility,
  };
  if (reply.actor) view.heading.actor = reply.actor;
  if (reply.notice) view.notice = codeSpans(reply.notice);
  return view;
}
