import type { Reply } from '../../src/commands/reply.js';
import { clamp } from '../../src/presentation/clamp.js';
import { fitTitle } from '../../src/presentation/digest-styles.js';
import { pack, packLines } from '../../src/presentation/pack.js';
import { shortFollowLine } from '../../src/presentation/paper-card.js';
import { replyView, type PaperCard, type ReplyView } from '../../src/presentation/reply-view.js';
import { DISCORD_LIMITS, DISCORD_PACKING } from './discord-limits.js';
import { embedChars, escapeDiscord, likeRows, markdown, memberMention, withPings, type DiscordEmbed, type DiscordMessage } from './render-embeds.js';

/**
 * Each paper's line at most this long: 20 lines stay within the 6,000 characters of embeds a
 * message holds, its footer's reserve kept, so a whole digest is one message.
 */
const LINE_MAX = 280;
/** Members named on one line; the rest are counted (all of them are pinged by the message's text). */
const LINE_MENTIONS = 3;
/** A link longer than this (never a Hugging Face or arXiv page) is left off: the title shows unlinked. */
const LINK_MAX = 100;

/** A member as the line names them: a mention, or a name cut short. */
const lineMention = (member: { id: string; name: string }) => memberMention({ ...member, name: clamp(member.name, 40) });


/** `**3.** ▲ 120 [Title](url) · `topic` 🔔 <@1…>`, its title cut to fit the line's budget. */
function compactLine(card: PaperCard, index: number): string {
  const number = `**${card.number ?? index + 1}.**`;
  const url = card.url && card.url.length <= LINK_MAX ? card.url : undefined;
  const topic = card.topic ? ` · \`${clamp(card.topic.replace(/`/g, "'"), 30)}\`` : '';
  const followers = shortFollowLine(card, lineMention, LINE_MENTIONS);
  const follow = followers ? ` ${followers}` : '';
  const line = (title: string) => `${number} ▲ ${card.upvotes} ${url ? `[${escapeDiscord(title)}](${url})` : escapeDiscord(title)}${topic}${follow}`;
  return fitTitle(card.title, LINE_MAX, line) ?? clamp(line(clamp(card.title, 24)), LINE_MAX);
}

/** The heading in bold, the notice and the notes: the message's text above its lines. */
function content(view: ReplyView): string {
  const notice = view.notice ? `⚠️ ${markdown(view.notice)}` : '';
  return clamp([`**${markdown(view.heading.text)}**`, notice, view.notes.map(markdown).join('\n')].filter(Boolean).join('\n'), DISCORD_LIMITS.content);
}


/**
 * A digest as one line per paper (number, ▲ upvotes, linked title, the topic that picked it, who
 * follows it) in one message: the heading as its text, the lines in embeds' descriptions.
 */
export function renderDiscordCompact(reply: Reply): DiscordMessage[] {
  const view = replyView(reply);
  const lines = view.cards.map(compactLine);
  const descriptions = packLines(lines, DISCORD_LIMITS.description);
  const embeds: DiscordEmbed[] = descriptions.map((description) => ({ description, color: 0xffd21e }));
  const messages = pack(embeds, DISCORD_PACKING, (embed) => ({ items: 1, characters: embedChars(embed) }));
  const rows = likeRows(view.cards);
  return messages.map((group, i) => {
    const message: DiscordMessage = i === 0 ? { content: content(view), embeds: group, allowed_mentions: { parse: [] } } : { embeds: group, allowed_mentions: { parse: [] } };
    if (i === messages.length - 1 && rows.length > 0) message.components = rows;
    return i === 0 ? withPings(message, view.cards) : message;
  });
}
