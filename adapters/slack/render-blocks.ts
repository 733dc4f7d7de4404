import type { Reply, ReplyPaper } from '../../src/commands/reply.js';
import { clamp, clampProse } from '../../src/presentation/clamp.js';
import { pack } from '../../src/presentation/pack.js';
import { followLine, likeLabel, paperCard } from '../../src/presentation/paper-card.js';
import { ACTION_LABELS, backticked, replyView, type PaperCard, type ReplyView } from '../../src/presentation/reply-view.js';
import { SLACK_LIMITS, SLACK_PACKING } from './slack-limits.js';

export interface SlackBlock {
  type: string;
  [key: string]: unknown;
}

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/**
 * Untrusted text in mrkdwn: exactly `&`, `<` and `>` are escaped, which neutralises `<!channel>`,
 * `<!here>`, `<@U…>` and `<url|label>`; `@here` typed as plain text does not ping.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function link(url: string, label: string): string {
  return `<${url}|${escapeMrkdwn(label)}>`;
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clamp(text, SLACK_LIMITS.sectionText) } };
}

function button(actionId: string, label: string, value: string): SlackBlock {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label }, value: clamp(value, SLACK_LIMITS.buttonValue) };
}

/** The action ids of Similar buttons start with this; the button's value is the paper's arXiv id. */
export const SIMILAR_ACTION = 'papers_similar';
/** The action ids of 👍 buttons start with this; the button's value is the paper's arXiv id. */
export const LIKE_ACTION = 'papers_like';

function cardBlocks(card: PaperCard): SlackBlock[] {
  const title = clamp(card.title, 300);
  const lines = [
    `${card.number ? `${card.number}. ` : ''}*${card.url ? link(card.url, title) : escapeMrkdwn(title)}*  ▲ ${card.upvotes}`,
    card.byline ? escapeMrkdwn(clamp(card.byline, 300)) : '',
    `_${escapeMrkdwn(clampProse(card.summary, 600))}_`,
    card.topic ? `Topic: \`${escapeMrkdwn(clamp(card.topic, 200))}\`` : '',
    card.reasons ? escapeMrkdwn(card.reasons) : '',
    followLine(card, memberMention) ?? '',
    card.taste ? escapeMrkdwn(card.taste) : '',
    card.likedBy ? escapeMrkdwn(card.likedBy) : '',
  ].filter(Boolean);
  const block = section(lines.join('\n'));
  const blocks = [block];
  // Action ids are kept unique within a message, one per paper; an accessory needs no block of its own.
  for (const action of card.actions) {
    if (action.kind === 'similar') block.accessory = button(`${SIMILAR_ACTION}:${action.id}`, ACTION_LABELS.similar, action.id);
  }
  const links = card.links.slice(0, SLACK_LIMITS.contextElements).map((l) => link(l.url, l.label));
  if (links.length > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: links.join(' · ') }] });
  const like = card.actions.find((action) => action.kind === 'like');
  if (like) blocks.push({ type: 'actions', elements: [likeButton(like.id, like.count)] });
  return blocks;
}

/** A paper's 👍 button, labelled with the channel's count, and the paper's number where a message lists several under one row. */
export function likeButton(paperId: string, count: number, number?: number): SlackBlock {
  return button(`${LIKE_ACTION}:${paperId}`, `${number ? `#${number} ` : ''}${likeLabel(count)}`, paperId);
}

/**
 * A paper as a section (linked title, votes, authors, summary, why it matched) and its links; with
 * `similar`, a Similar button beside it, and with `like`, its 👍 under it.
 */
export function renderPaperBlocks(item: ReplyPaper, rank?: number, similar?: string, like?: boolean): SlackBlock[] {
  return cardBlocks(paperCard(item, rank, similar, like));
}

/** A member as a Slack mention when the id is shaped like a Slack user id, else their name, escaped. */
export function memberMention(member: { id: string; name: string }): string {
  return /^[UW][A-Z0-9]{1,20}$/.test(member.id) ? `<@${member.id}>` : escapeMrkdwn(member.name);
}

function actorMention(actor: ReplyView['heading']['actor']): string {
  return actor ? `${memberMention(actor)} ` : '';
}

function headBlock(view: ReplyView): SlackBlock {
  const { heading } = view;
  const text = escapeMrkdwn(backticked(heading.text));
  const head = heading.tone === 'error' ? `:warning: ${text}` : `${actorMention(heading.actor)}*${text}*`;
  const notice = view.notice ? `\n:warning: ${escapeMrkdwn(backticked(view.notice))}` : '';
  return section(head + notice);
}

export interface RenderOptions {
  /** Buttons for interactive replies (More, Share), each with the command it runs; none on scheduled posts. */
  buttons?: { more?: string; share?: string };
}

function tailBlocks(view: ReplyView, options: RenderOptions): SlackBlock[] {
  const tail: SlackBlock[] = [];
  if (view.notes.length > 0) tail.push(section(view.notes.map((note) => escapeMrkdwn(backticked(note))).join('\n')));
  const more = options.buttons?.more;
  const share = options.buttons?.share;
  const buttons = [
    more && button('papers_more', ACTION_LABELS.more, more),
    share && button('papers_share', ACTION_LABELS.share, share),
  ].filter((b): b is SlackBlock => Boolean(b));
  if (buttons.length > 0) tail.push({ type: 'actions', elements: buttons });
  return tail;
}

/** What a notification shows: the heading and the papers' titles, as plain text. */
function fallbackText(view: ReplyView): string {
  const heading = backticked(view.heading.text);
  return [
    view.heading.actor ? `${view.heading.actor.name} ` : '',
    heading,
    ...(view.notice ? [backticked(view.notice)] : []),
    ...view.cards.map((card) => `• ${card.title} (▲ ${card.upvotes})`),
  ].join('\n');
}

/** A reply as one or more Slack messages, each within every Block Kit limit. */
export function renderSlackMessages(reply: Reply, options: RenderOptions = {}): SlackMessage[] {
  const view = replyView(reply);
  const groups = [[headBlock(view)], ...view.cards.map(cardBlocks), tailBlocks(view, options)].filter((group) => group.length > 0);
  const messages = pack(groups, SLACK_PACKING, (group) => ({ items: group.length, characters: JSON.stringify(group).length }));
  const heading = backticked(view.heading.text);
  return messages.map((message, i) => ({
    text: clamp(escapeMrkdwn(i === 0 ? fallbackText(view) : `${heading} (${i + 1}/${messages.length})`), SLACK_LIMITS.fallbackText),
    blocks: message.flat(),
  }));
}
