import type { Reply } from '../../src/commands/reply.js';
import { clamp } from '../../src/presentation/clamp.js';
import { headlineSummary, threadPaper } from '../../src/presentation/digest-styles.js';
import { paperCard } from '../../src/presentation/paper-card.js';
import { replyView } from '../../src/presentation/reply-view.js';
import { DISCORD_LIMITS } from './discord-limits.js';
import { markdown, renderDiscordMessages, renderPaperEmbed, withPings, type DiscordMessage } from './render-embeds.js';

/** Discord's longest thread name. */
const THREAD_NAME_MAX = 100;

/** A threaded digest's headline: the heading, how many papers and which topics they matched; the papers follow in its thread. */
export function renderDiscordHeadline(reply: Reply): DiscordMessage {
  const view = replyView(reply);
  const { count, topics } = headlineSummary(reply);
  const topicText = topics.length > 0 ? ` · Topics: ${topics.slice(0, 10).map((topic) => `\`${clamp(topic.replace(/`/g, "'"), 60)}\``).join(', ')}` : '';
  const lines = [
    `**${markdown(view.heading.text)}**`,
    view.notice ? `⚠️ ${markdown(view.notice)}` : '',
    `${count}${topicText}`,
    ...view.notes.map(markdown),
    '🧵 One reply per paper in the thread below.',
  ];
  return { content: clamp(lines.filter(Boolean).join('\n'), DISCORD_LIMITS.content - 100), embeds: [], allowed_mentions: { parse: [] } };
}

/** The name of the thread started on a digest's headline. */
export function threadName(reply: Reply): string {
  return clamp(reply.heading.replace(/`/g, ''), THREAD_NAME_MAX);
}

/**
 * Part `part` (1-based) of a threaded digest: its paper's card as the cards style shows it (its
 * embed, buttons and the members it pings), without the digest's heading.
 */
export function renderDiscordThreadReply(reply: Reply, part: number): DiscordMessage | undefined {
  const paper = threadPaper(reply, part);
  if (!paper) return undefined;
  const { item, number } = paper;
  // Alone in its message, the paper's buttons need no number (its embed keeps the digest's).
  const [card] = renderDiscordMessages({ ...reply, heading: '', notice: undefined, notes: [], papers: [item], firstNumber: undefined });
  if (!card) return undefined;
  const { content: _heading, ...rest } = card;
  const message: DiscordMessage = { ...rest, embeds: [renderPaperEmbed(item, number)], allowed_mentions: { parse: [] } };
  return withPings(message, [paperCard(item, number)]);
}

