import type { DigestStyle } from '../../src/channels/channel-state.js';
import type { Reply } from '../../src/commands/reply.js';
import { clamp } from '../../src/presentation/clamp.js';
import { headlineSummary, isThreaded } from '../../src/presentation/digest-styles.js';
import { followLine } from '../../src/presentation/paper-card.js';
import { replyView } from '../../src/presentation/reply-view.js';
import { plain, renderText } from './render-text.js';

/** The core's rich text as plain terminal text. */
const flat = (text: { text: string }[]) => plain(text.map((part) => part.text).join(''));

/** `3. ▲120  Title  [topic]  https://…`: one line per paper under the heading. */
export function renderCompactText(reply: Reply): string {
  const view = replyView(reply);
  const heading = flat(view.heading.text);
  const lines = view.cards.map((card, i) => {
    const topic = card.topic ? `  [${plain(clamp(card.topic, 40))}]` : '';
    const follow = followLine(card, (member) => `@${plain(member.name)}`);
    return `${String(card.number ?? i + 1).padStart(2)}. ▲${card.upvotes}  ${plain(clamp(card.title, 120))}${topic}${card.url ? `  ${card.url}` : ''}${follow ? `  ${follow}` : ''}`;
  });
  const notice = view.notice ? [`⚠ ${flat(view.notice)}`] : [];
  const notes = view.notes.map(flat);
  return [heading, ...notice, ...lines, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}

/** The headline (heading, count and topics, notes), then each paper's card indented under it, as the replies of its thread. */
export function renderThreadText(reply: Reply, commandName: string): string {
  const view = replyView(reply);
  const { count, topics } = headlineSummary(reply);
  const headline = [
    flat(view.heading.text),
    ...(view.notice ? [`⚠ ${flat(view.notice)}`] : []),
    `${count}${topics.length > 0 ? ` · topics: ${topics.map((topic) => plain(clamp(topic, 60))).join(', ')}` : ''}`,
    ...view.notes.map(flat),
  ];
  // The cards as the cards style numbers them; a card's lines are never blank, so a blank line parts two cards.
  const cards = renderText({ ...reply, heading: '', notice: undefined, notes: [], more: undefined }, commandName)
    .split('\n\n')
    .filter((card) => card.trim() !== '');
  const replies = cards.map((card) => card.split('\n').map((line, n) => (n === 0 ? `  ↳ ${line.trimStart()}` : `  ${line}`)).join('\n'));
  return [...headline, ...replies].join('\n');
}

/** A digest as its channel's style shows it in a terminal. */
export function renderDigestText(reply: Reply, style: DigestStyle | undefined, commandName: string): string {
  if (style === 'compact') return renderCompactText(reply);
  if (isThreaded(style, reply)) return renderThreadText(reply, commandName);
  return renderText(reply, commandName);
}
