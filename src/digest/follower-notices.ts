import type { Reply } from '../commands/reply.js';
import type { Logger } from '../log.js';
import type { FollowerMessage } from './follow-matches.js';
import type { DeliveryTarget } from './delivery.js';

/** The most papers one direct message lists: it must fit one message on every platform. */
const MAX_NOTICE_PAPERS = 5;

/** A member's direct message, stored with the digest and sent once after it went out. */
export interface FollowerNotice {
  memberId: string;
  notice: Reply;
}

/** The direct message telling a member which papers of the digest their `--dm` follows matched. */
export function followerNotice(message: FollowerMessage, heading: string, commandName: string): FollowerNotice {
  const more = message.papers.length - MAX_NOTICE_PAPERS;
  return {
    memberId: message.memberId,
    notice: {
      kind: 'papers',
      visibility: 'ephemeral',
      heading: `Papers you follow in the ${heading}`,
      papers: message.papers.slice(0, MAX_NOTICE_PAPERS),
      notes: [
        ...(more > 0 ? [`And ${more} more in the digest.`] : []),
        `\`${commandName} follows\` in the channel lists your follows; \`${commandName} unfollow <number>\` stops one.`,
      ],
    },
  };
}

/**
 * Sends the direct messages of a digest that went out. The caller has already marked the digest
 * sent, in the one atomic change only one run makes, so these go at most once; a failed one is not repeated.
 */
export async function sendFollowerNotices(channel: string, notices: readonly FollowerNotice[], deps: { target: DeliveryTarget; logger: Logger }): Promise<void> {
  for (const { memberId, notice } of notices) {
    let sent = false;
    try {
      sent = (await deps.target.notifyMember?.(channel, memberId, notice)) ?? false;
    } catch (error) {
      deps.logger.warn({ channel, error: String(error) }, 'could not send a follower their direct message');
    }
    if (!sent) deps.logger.warn({ channel }, 'a member following papers here could not be told by direct message');
  }
}
