import type { Reply } from '../../src/commands/reply.js';
import { clampProse } from '../../src/presentation/clamp.js';
import { followLine, likeLabel, type CardLink, type PaperCard } from '../../src/presentation/paper-card.js';
import { replyView, type RichText } from '../../src/presentation/reply-view.js';

/** Control characters (and so ANSI escapes) in untrusted text could rewrite the terminal. */
export function plain(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** The core's text with its code spans shown bare: a terminal has no code style, and backticks would be typed along. */
function text(value: RichText): string {
  return plain(value.map((part) => part.text).join(''));
}

/** A terminal shows the URL itself; the Hugging Face page, first, needs no label. */
function linkText(link: CardLink): string {
  if (link.kind === 'hf') return link.url;
  if (link.kind === 'code') return `code ${link.url}${link.stars ? ` (★ ${link.stars})` : ''}`;
  return `${link.label} ${link.url}`;
}

function renderCard(card: PaperCard): string[] {
  const lines = [`${card.number === undefined ? '' : `${String(card.number).padStart(2)}. `}▲${card.upvotes}  ${plain(card.title)}`];
  if (card.byline) lines.push(`    ${plain(card.byline)}`);
  lines.push(`    ${plain(clampProse(card.summary, 300))}`);
  if (card.topic) lines.push(`    topic: ${plain(card.topic)}`);
  if (card.reasons) lines.push(`    ${plain(card.reasons)}`);
  const follow = followLine(card, (member) => `@${plain(member.name)}`);
  if (follow) lines.push(`    ${follow}`);
  if (card.taste) lines.push(`    ${plain(card.taste)}`);
  if (card.likedBy) lines.push(`    ${plain(card.likedBy)}`);
  else {
    const like = card.actions.find((action) => action.kind === 'like');
    if (like && like.count > 0) lines.push(`    ${likeLabel(like.count)}`);
  }
  if (card.links.length > 0) lines.push(`    ${card.links.map((link) => plain(linkText(link))).join(' · ')}`);
  return lines;
}

/** A reply as readable text: heading, papers with their reasons and links, notes, the next page. */
export function renderText(reply: Reply, commandName: string): string {
  const view = replyView(reply);
  const { heading } = view;
  const actor = heading.actor ? `@${plain(heading.actor.name)} ` : '';
  const lines = [heading.tone === 'error' ? `✗ ${text(heading.text)}` : `${actor}${text(heading.text)}`];
  if (view.notice) lines.push(`⚠ ${text(view.notice)}`);
  for (const card of view.cards) lines.push('', ...renderCard(card));
  if (view.notes.length > 0) lines.push('', ...view.notes.map(text));
  const more = view.actions.find((action) => action.kind === 'more');
  if (more) lines.push('', `More: ${commandName} ${plain(more.command)}`);
  return lines.join('\n');
}
