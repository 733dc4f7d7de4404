import type { Reply, ReplyPaper } from '../../src/commands/reply.js';
import { clamp, clampProse } from '../../src/presentation/clamp.js';
import { pack } from '../../src/presentation/pack.js';
import { followLine, likeLabel, paperCard } from '../../src/presentation/paper-card.js';
import { ACTION_LABELS, replyView, type PaperCard, type ReplyView, type RichText } from '../../src/presentation/reply-view.js';
import { DISCORD_LIMITS, DISCORD_PACKING } from './discord-limits.js';

export { FOOTER_RESERVE } from './discord-limits.js';

export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  thumbnail?: { url: string };
  color?: number;
}

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  components?: unknown[];
  /**
   * On every message, edit and follow-up: paper text can never ping anyone. A digest message that
   * mentions members who follow its papers lets exactly those users be pinged, never roles or everyone.
   */
  allowed_mentions: { parse: []; users?: string[] };
}

/** Discord pings at most 100 users a message. */
const MAX_ALLOWED_USERS = 100;

const NO_MENTIONS = { parse: [] } as { parse: [] };

/** Markdown characters are escaped for looks; `allowed_mentions` is what stops pings. */
export function escapeDiscord(text: string): string {
  return text.replace(/([\\*_~`|>\[\]])/g, '\\$1').replace(/@(everyone|here)/g, '@\u200b$1');
}

/** The core's text as Discord markdown: its code spans stay code, everything else is escaped. */
export function markdown(text: RichText): string {
  return text.map((part) => (part.code ? `\`${part.text}\`` : escapeDiscord(part.text))).join('');
}

function cardEmbed(card: PaperCard): DiscordEmbed {
  const description = [
    escapeDiscord(clampProse(card.summary, 1000)),
    card.topic ? `**Topic:** \`${clamp(card.topic.replace(/`/g, "'"), 200)}\`` : '',
    card.reasons ? escapeDiscord(card.reasons) : '',
    followLine(card, memberMention) ?? '',
    card.taste ? escapeDiscord(card.taste) : '',
    card.likedBy ? escapeDiscord(card.likedBy) : '',
  ].filter(Boolean).join('\n\n');
  const links = card.links.map((l) => `[${l.label}](${l.url})`).join(' · ');
  const fields = [
    { name: 'Upvotes', value: `▲ ${card.upvotes}`, inline: true },
    card.authors && { name: 'Authors', value: clamp(escapeDiscord(card.authors), DISCORD_LIMITS.fieldValue), inline: true },
    card.organization && { name: 'Organisation', value: clamp(escapeDiscord(card.organization), DISCORD_LIMITS.fieldValue), inline: true },
    links && { name: 'Links', value: clamp(links, DISCORD_LIMITS.fieldValue) },
  ].filter(Boolean) as DiscordEmbed['fields'];
  const embed: DiscordEmbed = {
    // Embed titles show no markdown, so the title goes as it is (allowed_mentions still applies).
    title: clamp(`${card.number ? `${card.number}. ` : ''}${card.title}`, DISCORD_LIMITS.title),
    description: clamp(description, DISCORD_LIMITS.description),
    fields,
    color: 0xffd21e,
  };
  if (card.url) embed.url = card.url;
  if (card.thumbnail) embed.thumbnail = { url: card.thumbnail };
  return embed;
}

export function renderPaperEmbed(item: ReplyPaper, rank?: number): DiscordEmbed {
  return cardEmbed(paperCard(item, rank));
}

/** The characters Discord counts toward a message's 6000. */
export function embedChars(embed: DiscordEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/** A Similar button's custom_id: this prefix and the paper's arXiv id. */
export const SIMILAR_PREFIX = 'papers:similar:';
/** A 👍 button's custom_id: this prefix and the paper's arXiv id. */
export const LIKE_PREFIX = 'papers:like:';

interface Button {
  type: 2;
  style: 2;
  label: string;
  custom_id: string;
}

function button(label: string, customId: string): Button {
  return { type: 2, style: 2, label: clamp(label, DISCORD_LIMITS.buttonLabel), custom_id: customId.slice(0, DISCORD_LIMITS.customId) };
}

/** A 👍 button's label: the card's number, when it has one, and the channel's count. */
export function likeButtonLabel(count: number, number?: number): string {
  return `${number ? `#${number} ` : ''}${likeLabel(count)}`;
}

/** The 👍 buttons, then the Similar buttons, of one message's cards, labelled with their numbers; `seen` keeps custom_ids unique. */
function cardButtons(cards: PaperCard[], seen: Set<string>, kinds: readonly ('like' | 'similar')[] = ['like', 'similar']): Button[] {
  const buttons = (kind: 'like' | 'similar') =>
    cards.flatMap((card) => {
      const action = card.actions.find((a) => a.kind === kind);
      const customId = `${kind === 'like' ? LIKE_PREFIX : SIMILAR_PREFIX}${action?.id}`;
      if (!action || seen.has(customId)) return [];
      seen.add(customId);
      if (action.kind === 'like') return [button(likeButtonLabel(action.count, card.number), customId)];
      return [button(card.number ? `${ACTION_LABELS.similar} to ${card.number}` : ACTION_LABELS.similar, customId)];
    });
  return kinds.flatMap(buttons);
}

/** The cards' 👍 buttons alone, in rows: a compact digest's buttons. */
export function likeRows(cards: PaperCard[]): { type: 1; components: Button[] }[] {
  return actionRows(cardButtons(cards, new Set(), ['like']));
}

/** Buttons in action rows, as many as a message takes: a paper's list never has more than ten embeds. */
function actionRows(buttons: Button[], more?: Button): { type: 1; components: Button[] }[] {
  const rows: { type: 1; components: Button[] }[] = [];
  for (let i = 0; i < buttons.length; i += DISCORD_LIMITS.buttonsPerRow) rows.push({ type: 1, components: buttons.slice(i, i + DISCORD_LIMITS.buttonsPerRow) });
  const kept = rows.slice(0, DISCORD_LIMITS.actionRows - (more ? 1 : 0));
  return more ? [...kept, { type: 1, components: [more] }] : kept;
}

const isUserId = (id: string) => /^\d{17,20}$/.test(id);

/** A member as a Discord mention when the id is a snowflake, else their name, escaped. */
export function memberMention(member: { id: string; name: string }): string {
  return isUserId(member.id) ? `<@${member.id}>` : escapeDiscord(member.name);
}

function actorMention(actor: ReplyView['heading']['actor']): string {
  return actor ? `${memberMention(actor)} ` : '';
}

/** The members a message's cards mention: mentions in embeds show but never ping, so the content names them too. */
function mentionedUsers(cards: PaperCard[]): string[] {
  const ids = cards.flatMap((card) => (card.mentions ?? []).map((member) => member.id)).filter(isUserId);
  return [...new Set(ids)].slice(0, MAX_ALLOWED_USERS);
}

/** A message's text and its allowed mentions: exactly the members it pings. */
function withMentions(message: DiscordMessage, users: string[]): DiscordMessage {
  if (users.length === 0) return message;
  const ping = `🔔 ${users.map((id) => `<@${id}>`).join(' ')}`;
  const content = message.content ? `${message.content}\n${ping}` : ping;
  return { ...message, content: clamp(content, DISCORD_LIMITS.content), allowed_mentions: { parse: [], users } };
}

/** The message with exactly the members its cards mention pinged by its text (a mention inside an embed shows but never pings). */
export function withPings(message: DiscordMessage, cards: PaperCard[]): DiscordMessage {
  return withMentions(message, mentionedUsers(cards));
}

/** The heading, notice and notes: the first message's text above its embeds. */
function content(view: ReplyView): string {
  const { heading } = view;
  const head = heading.tone === 'error' ? `⚠️ ${markdown(heading.text)}` : `${actorMention(heading.actor)}**${markdown(heading.text)}**`;
  const notice = view.notice ? `⚠️ ${markdown(view.notice)}` : '';
  return clamp([head, notice, view.notes.map(markdown).join('\n')].filter(Boolean).join('\n'), DISCORD_LIMITS.content);
}

export interface EmbedRenderOptions {
  /** The custom_id of the More button, when the reply has a next page. */
  moreId?: string;
}

/** A reply as one or more messages, each within every limit, never able to mention anyone. */
export function renderDiscordMessages(reply: Reply, options: EmbedRenderOptions = {}): DiscordMessage[] {
  const view = replyView(reply);
  const papers = view.cards.map((card) => ({ card, embed: cardEmbed(card) }));
  const packed = pack(papers, DISCORD_PACKING, (paper) => ({ items: 1, characters: embedChars(paper.embed) }));
  const seen = new Set<string>();
  return packed.map((group, i) => {
    const embeds = group.map((paper) => paper.embed);
    const plain: DiscordMessage = i === 0 ? { content: content(view), embeds, allowed_mentions: NO_MENTIONS } : { embeds, allowed_mentions: NO_MENTIONS };
    const message = withPings(plain, group.map((paper) => paper.card));
    const more = options.moreId && i === packed.length - 1 ? button(ACTION_LABELS.more, options.moreId) : undefined;
    const rows = actionRows(cardButtons(group.map((paper) => paper.card), seen), more);
    if (rows.length > 0) message.components = rows;
    return message;
  });
}
