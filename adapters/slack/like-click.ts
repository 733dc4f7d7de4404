import type { LikeOutcome } from '../../src/likes/toggle-like.js';
import { likeLabel } from '../../src/presentation/paper-card.js';
import type { SlackBlock } from './render-blocks.js';

/** What answers a click on 👍: the message clicked, its button showing the new count, or a note only the member sees. */
export type LikeAnswer = { replace: { text: string; blocks: SlackBlock[] } } | { note: string };

/** The blocks with the button `actionId` relabelled to `count`; every other block as it was. */
export function withLikeCount(blocks: readonly SlackBlock[], actionId: string, count: number): SlackBlock[] {
  return blocks.map((block) => {
    if (block.type !== 'actions' || !Array.isArray(block.elements)) return block;
    const elements = (block.elements as SlackBlock[]).map((element) =>
      element.action_id === actionId ? { ...element, text: { type: 'plain_text', text: likeLabel(count), emoji: true } } : element,
    );
    return { ...block, elements };
  });
}

/**
 * A channel message comes with its blocks, so its button is relabelled in place; an ephemeral one
 * does not (Slack leaves them out), so the member is told in a note of their own.
 */
export function likeAnswer(outcome: LikeOutcome, actionId: string, message: { text?: string; blocks?: SlackBlock[] } | undefined): LikeAnswer {
  if ('refused' in outcome) return { note: outcome.refused };
  if (message?.blocks) return { replace: { text: message.text ?? '', blocks: withLikeCount(message.blocks, actionId, outcome.count) } };
  const others = outcome.count - (outcome.liked ? 1 : 0);
  const channel = others === 0 ? 'nobody else here likes it' : `${others} other member${others === 1 ? '' : 's'} here like${others === 1 ? 's' : ''} it`;
  return { note: `${outcome.liked ? '👍 You like this paper' : 'You no longer like this paper'}; ${channel}.` };
}
