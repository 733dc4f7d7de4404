import { codeSpans, paperNumber, similarId, type Reply, type ReplyPaper } from '../../src/commands/reply.js';
import { oneLineSummary, shortAuthors } from '../../src/papers/present.js';
import { DISCORD_LIMITS } from './discord-limits.js';

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
  /** On every message, edit and follow-up: paper text can never ping anyone. */
  allowed_mentions: { parse: [] };
}

const NO_MENTIONS = { parse: [] } as { parse: [] };

/** Markdown characters are escaped for looks; `allowed_mentions` is what stops pings. */
export function escapeDiscord(text: string): string {
  return text.replace(/([\\*_~`|>\[\]])/g, '\\$1').replace(/@(everyone|here)/g, '@\u200b$1');
}

/** The core's text as Discord markdown: its code spans stay code, everything else is escaped. */
export function renderDiscordText(text: string): string {
  return codeSpans(text)
    .map((part) => (part.code ? `\`${part.text}\`` : escapeDiscord(part.text)))
    .join('');
}

function clamp(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function safeUrl(url: string | null | undefined): string | undefined {
  return url && /^https?:\/\/[^\s<>()]+$/i.test(url) ? url : undefined;
}

function link(label: string, url: string | null | undefined): string | undefined {
  const safe = safeUrl(url);
  return safe ? `[${label}](${safe})` : undefined;
}

export function renderPaperEmbed(item: ReplyPaper, rank?: number): DiscordEmbed {
  const { paper } = item;
  const why = item.reasons.map((r) => `${r.field}: ${r.terms.map(escapeDiscord).join(', ')}`).join('; ');
  const description = [
    escapeDiscord(oneLineSummary(paper, 1000)),
    item.topic ? `**Topic:** \`${clamp(item.topic.replace(/`/g, "'"), 200)}\`` : '',
    why ? `**Why:** ${why}` : '',
  ].filter(Boolean).join('\n\n');
  const links = [
    link('Hugging Face', paper.links.hf),
    link('arXiv', paper.links.arxiv),
    link('PDF', paper.links.pdf),
    link(`code${paper.githubStars ? ` ★ ${paper.githubStars}` : ''}`, paper.githubRepo),
  ].filter(Boolean).join(' · ');
  const fields = [
    { name: 'Upvotes', value: `▲ ${paper.upvotes}`, inline: true },
    shortAuthors(paper) && { name: 'Authors', value: clamp(escapeDiscord(shortAuthors(paper)), DISCORD_LIMITS.fieldValue), inline: true },
    paper.organization && { name: 'Organisation', value: clamp(escapeDiscord(paper.organization), DISCORD_LIMITS.fieldValue), inline: true },
    links && { name: 'Links', value: clamp(links, DISCORD_LIMITS.fieldValue) },
  ].filter(Boolean) as DiscordEmbed['fields'];
  const embed: DiscordEmbed = {
    // Embed titles show no markdown, so the title goes as it is (allowed_mentions still applies).
    title: clamp(`${rank ? `${rank}. ` : ''}${paper.title}`, DISCORD_LIMITS.title),
    description: clamp(description, DISCORD_LIMITS.description),
    fields,
    color: 0xffd21e,
  };
  const url = safeUrl(paper.links.hf ?? paper.links.arxiv);
  if (url) embed.url = url;
  const thumbnail = safeUrl(paper.thumbnail);
  if (thumbnail) embed.thumbnail = { url: thumbnail };
  return embed;
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

/** Room kept in every message for the footer a digest adds (its delivery mark), which counts toward the limit. */
export const FOOTER_RESERVE = 80;

/** A Similar button's custom_id: this prefix and the paper's arXiv id. */
export const SIMILAR_PREFIX = 'papers:similar:';

interface Button {
  type: 2;
  style: 2;
  label: string;
  custom_id: string;
}

function button(label: string, customId: string): Button {
  return { type: 2, style: 2, label: clamp(label, DISCORD_LIMITS.buttonLabel), custom_id: customId.slice(0, DISCORD_LIMITS.customId) };
}

/** Buttons in action rows, as many as a message takes: a paper's list never has more than ten embeds. */
function actionRows(buttons: Button[], more?: Button): { type: 1; components: Button[] }[] {
  const rows: { type: 1; components: Button[] }[] = [];
  for (let i = 0; i < buttons.length; i += DISCORD_LIMITS.buttonsPerRow) rows.push({ type: 1, components: buttons.slice(i, i + DISCORD_LIMITS.buttonsPerRow) });
  const kept = rows.slice(0, DISCORD_LIMITS.actionRows - (more ? 1 : 0));
  return more ? [...kept, { type: 1, components: [more] }] : kept;
}

export interface EmbedRenderOptions {
  /** The custom_id of the More button, when the reply has a next page. */
  moreId?: string;
}

/** A reply as one or more messages, each within every limit, never able to mention anyone. */
export function renderDiscordMessages(reply: Reply, options: EmbedRenderOptions = {}): DiscordMessage[] {
  const actor = reply.actor && /^\d{17,20}$/.test(reply.actor.id) ? `<@${reply.actor.id}> ` : reply.actor ? `${escapeDiscord(reply.actor.name)} ` : '';
  const heading = reply.kind === 'error' ? `⚠️ ${renderDiscordText(reply.heading)}` : `${actor}**${renderDiscordText(reply.heading)}**`;
  const notice = reply.notice ? `⚠️ ${renderDiscordText(reply.notice)}` : '';
  const notes = reply.notes.map(renderDiscordText).join('\n');
  const messages: DiscordMessage[] = [{ content: clamp([heading, notice, notes].filter(Boolean).join('\n'), DISCORD_LIMITS.content), embeds: [], allowed_mentions: NO_MENTIONS }];
  let chars = 0;
  // Each message carries the Similar buttons of its own papers, labelled with their numbers.
  const similar: Button[][] = [[]];
  const seen = new Set<string>();
  reply.papers.forEach((item, i) => {
    const rank = paperNumber(reply, i);
    const embed = renderPaperEmbed(item, rank);
    const size = embedChars(embed);
    const current = messages.at(-1)!;
    if (current.embeds.length >= DISCORD_LIMITS.embedsPerMessage || chars + size > DISCORD_LIMITS.embedCharsPerMessage - FOOTER_RESERVE) {
      messages.push({ embeds: [embed], allowed_mentions: NO_MENTIONS });
      similar.push([]);
      chars = size;
    } else {
      current.embeds.push(embed);
      chars += size;
    }
    const id = similarId(reply, item);
    // custom_ids must differ within a message.
    if (id && !seen.has(id)) {
      seen.add(id);
      similar.at(-1)!.push(button(rank ? `Similar to ${rank}` : 'Similar', `${SIMILAR_PREFIX}${id}`));
    }
  });
  messages.forEach((message, i) => {
    const more = options.moreId && i === messages.length - 1 ? button('More', options.moreId) : undefined;
    const rows = actionRows(similar[i] ?? [], more);
    if (rows.length > 0) message.components = rows;
  });
  return messages;
}
