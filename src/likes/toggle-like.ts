import type { Logger } from '../log.js';
import { normalizePaperId } from '../papers/paper.js';
import type { ChannelLikes, LikeToggle } from './channel-likes.js';

/** A click on 👍 as the member sees it: their like taken or given and the channel's count, or why nothing changed. */
export type LikeOutcome = LikeToggle | { refused: string };

/** Toggles a member's 👍 on a paper for their channel; never throws. */
export async function toggleLike(
  likes: ChannelLikes,
  click: { channel: string; user: { id: string; name: string }; paperId: string; now: Date },
  logger: Logger,
): Promise<LikeOutcome> {
  const id = normalizePaperId(click.paperId);
  if (!id) return { refused: 'This button names no paper the bot knows; nothing was changed.' };
  try {
    return await likes.toggle(click.channel, id, click.user, click.now);
  } catch (error) {
    logger.warn({ channel: click.channel, error: String(error) }, 'could not save a like');
    return { refused: 'Your 👍 could not be saved just now, so nothing changed; try again in a minute.' };
  }
}
