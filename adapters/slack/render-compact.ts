import type { Reply } from '../../src/commands/reply.js';
import { clamp } from '../../src/presentation/clamp.js';
import { fitTitle } from '../../src/presentation/digest-styles.js';
import { pack, packLines } from '../../src/presentation/pack.js';
import { shortFollowLine } from '../../src/presentation/paper-card.js';
import { backticked, replyView, type PaperCard, type ReplyView } from '../../src/presentation/reply-view.js';
import { escapeMrkdwn, likeButton, memberMention, type SlackBlock, type SlackMessage } from './render-blocks.js';
import { SLACK_LIMITS, SLACK_PACKING } from './slack-limits.js';

/**
 * Each paper's line at most this long as block JSON: 20 lines, their 👍 buttons (about 120 each),
 * the heading and the notes stay under the ~10k characters a message is kept to, so a whole digest
 * is one message.
 */
const LINE_JSON_MAX = 300;
/** Members named on one line; the rest are counted. */
const LINE_MENTIONS = 5;
/** A link longer than this (never a Hugging Face or arXiv page) is left off: the title shows unlinked. */
const LINK_MAX = 120;

const jsonLength = (text: string) => JSON.stringify(text).length;

/** A member as the line names them: a mention, or a name cut short. */
const lineMention = (member: { id: string; name: string }) => memberMention({ ...member, name: clamp(member.name, 40) });


/** `3. ▲ 120  <url|Title>  · `topic`  🔔 <@U1>`, its title cut to fit the line's budget. */
function compactLine(card: PaperCard, index: number): string {
  const number = `${card.number ?? index + 1}.`;
  const url = card.url && card.url.length <= LINK_MAX ? card.url : undefined;
  const topic = card.topic ? `  · \`${escapeMrkdwn(clamp(card.topic.replace(/`/g, "'"), 40))}\`` : '';
  const followers = shortFollowLine(card, lineMention, LINE_MENTIONS);
  const follow = followers ? `  ${followers}` : '';
  const line = (title: string) => `${number} ▲ ${card.upvotes}  ${url ? `<${url}|${escapeMrkdwn(title)}>` : escapeMrkdwn(title)}${topic}${follow}`;
  return fitTitle(card.title, LINE_JSON_MAX, line, jsonLength) ?? clamp(line(clamp(card.title, 24)), SLACK_LIMITS.sectionText);
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clamp(text, SLACK_LIMITS.sectionText) } };
}

/** The heading in bold and the notice under it. */
export function headText(view: ReplyView): string {
  const notice = view.notice ? `\n:warning: ${escapeMrkdwn(clamp(backticked(view.notice), 400))}` : '';
  return `*${escapeMrkdwn(clamp(backticked(view.heading.text), 150))}*${notice}`;
}

/** The notes, small, under the papers. */
export function notesBlock(view: ReplyView, extra: string[] = []): SlackBlock[] {
  const notes = [...view.notes.map((note) => escapeMrkdwn(backticked(note))), ...extra];
  if (notes.length === 0) return [];
  return [{ type: 'context', elements: [{ type: 'mrkdwn', text: clamp(notes.join('\n'), 600) }] }];
}

/**
 * A digest as one line per paper (number, ▲ upvotes, linked title, the topic that picked it, who
 * follows it) in one message: sections of lines under the heading, notes below.
 */
export function renderSlackCompact(reply: Reply): SlackMessage[] {
  const view = replyView(reply);
  const lines = view.cards.map(compactLine);
  const sections = packLines(lines, SLACK_LIMITS.sectionText);
  const likes = view.cards.flatMap((card) => card.actions.flatMap((action) => (action.kind === 'like' ? [likeButton(action.id, action.count, card.number)] : [])));
  const likeRow: SlackBlock[] = likes.length > 0 ? [{ type: 'actions', elements: likes.slice(0, SLACK_LIMITS.actionElements) }] : [];
  const groups = [[section(headText(view))], ...sections.map((text) => [section(text)]), likeRow, notesBlock(view)].filter((group) => group.length > 0);
  const messages = pack(groups, SLACK_PACKING, (group) => ({ items: group.length, characters: JSON.stringify(group).length }));
  const heading = backticked(view.heading.text);
  const count = `${view.cards.length} ${view.cards.length === 1 ? 'paper' : 'papers'}`;
  return messages.map((message, i) => ({
    text: clamp(escapeMrkdwn(i === 0 ? `${heading}: ${count}` : `${heading} (${i + 1}/${messages.length})`), SLACK_LIMITS.fallbackText),
    blocks: message.flat(),
  }));
}
