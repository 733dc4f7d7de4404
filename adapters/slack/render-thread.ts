import type { Reply } from '../../src/commands/reply.js';
import { clamp } from '../../src/presentation/clamp.js';
import { headlineSummary, threadPaper } from '../../src/presentation/digest-styles.js';
import { replyView } from '../../src/presentation/reply-view.js';
import { escapeMrkdwn, renderPaperBlocks, type SlackBlock, type SlackMessage } from './render-blocks.js';
import { headText, notesBlock } from './render-compact.js';
import { SLACK_LIMITS } from './slack-limits.js';

/** A threaded digest's headline: the heading, how many papers and which topics they matched; the papers follow in its thread. */
export function renderSlackHeadline(reply: Reply): SlackMessage {
  const view = replyView(reply);
  const { count, topics } = headlineSummary(reply);
  const topicText = topics.length > 0 ? ` · Topics: ${topics.slice(0, 10).map((topic) => `\`${escapeMrkdwn(clamp(topic.replace(/`/g, "'"), 60))}\``).join(', ')}` : '';
  const head: SlackBlock = { type: 'section', text: { type: 'mrkdwn', text: clamp(`${headText(view)}\n${count}${topicText}`, SLACK_LIMITS.sectionText) } };
  const heading = view.heading.text.map((part) => part.text).join('');
  return {
    text: clamp(escapeMrkdwn(`${heading}: ${count}`), SLACK_LIMITS.fallbackText),
    blocks: [head, ...notesBlock(view, [':thread: One reply per paper in this thread.'])],
  };
}

/** Part `part` (1-based) of a threaded digest: its paper's card, as the cards style shows it. */
export function renderSlackThreadReply(reply: Reply, part: number): SlackMessage | undefined {
  const paper = threadPaper(reply, part);
  if (!paper) return undefined;
  const { item, number, similar, like } = paper;
  return {
    text: clamp(escapeMrkdwn(`${number}. ${item.paper.title} (▲ ${item.paper.upvotes})`), SLACK_LIMITS.fallbackText),
    blocks: renderPaperBlocks(item, number, similar, like),
  };
}
