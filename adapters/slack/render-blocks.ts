import { paperNumber, similarId, type Reply, type ReplyPaper } from '../../src/commands/reply.js';
import { oneLineSummary, shortAuthors } from '../../src/papers/present.js';
import { SLACK_LIMITS } from './slack-limits.js';

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

/** Only plain http(s) URLs go inside `<url|label>`; anything else is dropped. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url || !/^https?:\/\/[^\s<>|"]+$/i.test(url)) return null;
  return url;
}

function link(url: string | null | undefined, label: string): string {
  const safe = safeUrl(url);
  return safe ? `<${safe}|${escapeMrkdwn(label)}>` : escapeMrkdwn(label);
}

function clamp(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The action ids of Similar buttons start with this; the button's value is the paper's arXiv id. */
export const SIMILAR_ACTION = 'papers_similar';

/**
 * A paper as a section (linked title, votes, authors, summary, why it matched) and its links; with
 * `similar`, a Similar button beside it (an accessory: no block of its own).
 */
export function renderPaperBlocks(item: ReplyPaper, rank?: number, similar?: string): SlackBlock[] {
  const { paper } = item;
  const byline = [shortAuthors(paper), paper.organization].filter(Boolean).join(' · ');
  const lines = [
    `${rank ? `${rank}. ` : ''}*${link(paper.links.hf ?? paper.links.arxiv, clamp(paper.title, 300))}*  ▲ ${paper.upvotes}`,
    byline ? escapeMrkdwn(clamp(byline, 300)) : '',
    `_${escapeMrkdwn(oneLineSummary(paper, 600))}_`,
    item.topic ? `Topic: \`${escapeMrkdwn(clamp(item.topic, 200))}\`` : '',
    item.reasons.length > 0
      ? `Matched ${item.reasons.map((r) => `${r.field}: ${r.terms.map((t) => escapeMrkdwn(clamp(t, 80))).join(', ')}`).join('; ')}`
      : '',
  ].filter(Boolean);
  const links = [
    paper.links.hf && link(paper.links.hf, 'Hugging Face'),
    paper.links.arxiv && link(paper.links.arxiv, 'arXiv'),
    paper.links.pdf && link(paper.links.pdf, 'PDF'),
    safeUrl(paper.githubRepo) && link(paper.githubRepo, `code${paper.githubStars ? ` ★ ${paper.githubStars}` : ''}`),
  ].filter((x): x is string => Boolean(x));
  const section: SlackBlock = { type: 'section', text: { type: 'mrkdwn', text: clamp(lines.join('\n'), SLACK_LIMITS.sectionText) } };
  if (similar) {
    // Action ids are kept unique within a message, one per paper.
    section.accessory = { type: 'button', action_id: `${SIMILAR_ACTION}:${similar}`, text: { type: 'plain_text', text: 'Similar' }, value: similar };
  }
  const blocks: SlackBlock[] = [section];
  if (links.length > 0) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: links.slice(0, SLACK_LIMITS.contextElements).join(' · ') }] });
  }
  return blocks;
}

/** Backtick spans in the core's notes stay code; everything else is escaped. */
function renderNote(text: string): string {
  return escapeMrkdwn(text);
}

function actorMention(reply: Reply): string {
  const id = reply.actor?.id;
  return id && /^[UW][A-Z0-9]{1,20}$/.test(id) ? `<@${id}> ` : reply.actor ? `${escapeMrkdwn(reply.actor.name)} ` : '';
}

export interface RenderOptions {
  /** Buttons for interactive replies (More, Share); none on scheduled posts. */
  buttons?: { more?: string; share?: string };
}

function size(blocks: SlackBlock[]): number {
  return JSON.stringify(blocks).length;
}

/** A reply as one or more Slack messages, each within every Block Kit limit. */
export function renderSlackMessages(reply: Reply, options: RenderOptions = {}): SlackMessage[] {
  const heading = reply.kind === 'error' ? `:warning: ${escapeMrkdwn(reply.heading)}` : `${actorMention(reply)}*${escapeMrkdwn(reply.heading)}*`;
  const notice = reply.notice ? `\n:warning: ${renderNote(reply.notice)}` : '';
  const head: SlackBlock = { type: 'section', text: { type: 'mrkdwn', text: clamp(heading + notice, SLACK_LIMITS.sectionText) } };
  const groups = reply.papers.map((item, i) => renderPaperBlocks(item, paperNumber(reply, i), similarId(reply, item)));
  const tail: SlackBlock[] = [];
  if (reply.notes.length > 0) {
    tail.push({ type: 'section', text: { type: 'mrkdwn', text: clamp(reply.notes.map(renderNote).join('\n'), SLACK_LIMITS.sectionText) } });
  }
  const buttons = [
    options.buttons?.more && { type: 'button', action_id: 'papers_more', text: { type: 'plain_text', text: 'More' }, value: clamp(options.buttons.more, SLACK_LIMITS.buttonValue) },
    options.buttons?.share && { type: 'button', action_id: 'papers_share', text: { type: 'plain_text', text: 'Share' }, value: clamp(options.buttons.share, SLACK_LIMITS.buttonValue) },
  ].filter(Boolean) as SlackBlock[];
  if (buttons.length > 0) tail.push({ type: 'actions', elements: buttons });

  const messages: SlackBlock[][] = [[head]];
  for (const group of [...groups, tail]) {
    if (group.length === 0) continue;
    const current = messages.at(-1)!;
    const fits = current.length + group.length <= SLACK_LIMITS.blocksPerMessage && size(current) + size(group) <= SLACK_LIMITS.blockCharsPerMessage;
    if (fits) current.push(...group);
    else messages.push([...group]);
  }
  const fallback = [reply.actor ? `${reply.actor.name} ` : '', reply.heading, ...(reply.notice ? [reply.notice] : []), ...reply.papers.map((p) => `• ${p.paper.title} (▲ ${p.paper.upvotes})`)].join('\n');
  return messages.map((blocks, i) => ({
    text: clamp(escapeMrkdwn(i === 0 ? fallback : `${reply.heading} (${i + 1}/${messages.length})`), SLACK_LIMITS.fallbackText),
    blocks,
  }));
}
