import type { DiscordAnswer } from './interaction-handler.js';
import type { DiscordMessage } from './render-embeds.js';

/** How an interaction is answered, over the gateway or through its webhook over HTTP. */
export interface InteractionReplies {
  /** Edits the deferred answer (or, for More, the message clicked). */
  edit(message: DiscordMessage): Promise<unknown>;
  /** A further message: only the member sees it when `private`, else the channel does. */
  followUp(message: DiscordMessage, privately: boolean): Promise<unknown>;
  /** Edits only the buttons of the message clicked. */
  editComponents(components: unknown[]): Promise<unknown>;
}

/** The first message edits the deferred answer, the rest follow privately, then what the channel should see. */
export async function answerInteraction(answer: DiscordAnswer | undefined, replies: InteractionReplies): Promise<void> {
  if (!answer) return;
  if (answer.components) await replies.editComponents(answer.components);
  for (const message of answer.privately ?? []) await replies.followUp(message, true);
  const [first, ...rest] = answer.reply;
  if (first) await replies.edit(first);
  for (const message of rest) await replies.followUp(message, true);
  for (const message of answer.channelPost) await replies.followUp(message, false);
}
