import type { LikeOutcome } from '../../src/likes/toggle-like.js';
import { likeLabel } from '../../src/presentation/paper-card.js';
import { LIKE_ACTION, type SlackBlock } from './render-blocks.js';

/** What answers a click on 👍: the message clicked, its buttons showing the channel's counts, or a note only the member sees. */
export type LikeAnswer = { replace: { text: string; blocks: SlackBlock[] } } | { note: string };

/**
 * The blocks with every 👍 relabelled to the channel's count as stored now (not only the one
 * clicked: a click before this one may have changed another), each keeping its paper's `#n`.
 */
export function withLikeCounts(blocks: readonly SlackBlock[], counts: Readonly<Record<string, number>>): SlackBlock[] {
  return blocks.map((block) => {
    if (block.type !== 'actions' || !Array.isArray(block.elements)) return block;
    const elements = (block.elements as SlackBlock[]).map((element) => {
      const actionId = typeof element.action_id === 'string' ? element.action_id : '';
      if (!actionId.startsWith(`${LIKE_ACTION}:`)) return element;
      const label = (element.text as { text?: unknown } | undefined)?.text;
      const number = /^#\d+ /.exec(typeof label === 'string' ? label : '')?.[0] ?? '';
      return { ...element, text: { type: 'plain_text', text: `${number}${likeLabel(counts[actionId.slice(LIKE_ACTION.length + 1)] ?? 0)}`, emoji: true } };
    });
    return { ...block, elements };
  });
}

/**
 * A channel message comes with its blocks, so its buttons are relabelled in place; an ephemeral one
 * does not (Slack leaves them out), so the member is told in a note of their own.
 */
export function likeAnswer(outcome: LikeOutcome, message: { text?: unknown; blocks?: unknown } | undefined): LikeAnswer {
  if ('refused' in outcome) return { note: outcome.refused };
  if (message && Array.isArray(message.blocks)) {
    return { replace: { text: typeof message.text === 'string' ? message.text : '', blocks: withLikeCounts(message.blocks as SlackBlock[], outcome.counts) } };
  }
  const others = outcome.count - (outcome.liked ? 1 : 0);
  const channel = others === 0 ? 'nobody else here likes it' : `${others} other member${others === 1 ? '' : 's'} here like${others === 1 ? 's' : ''} it`;
  return { note: `${outcome.liked ? '👍 You like this paper' : 'You no longer like this paper'}; ${channel}.` };
}
