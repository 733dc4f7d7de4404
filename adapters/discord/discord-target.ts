import { createHash } from 'node:crypto';
import { DiscordAPIError, RateLimitError, REST, type RESTOptions } from '@discordjs/rest';
import { RESTJSONErrorCodes, Routes } from 'discord-api-types/v10';
import type { DigestStyle } from '../../src/channels/channel-state.js';
import type { Reply } from '../../src/commands/reply.js';
import type { DeliveryOptions, DeliveryOutcome, DeliveryTarget } from '../../src/digest/delivery.js';
import { isThreaded } from '../../src/presentation/digest-styles.js';
import { discordChannelId } from './discord-channel.js';
import { DISCORD_LIMITS } from './discord-limits.js';
import { likeIdInThread } from './like-click.js';
import { renderDiscordCompact } from './render-compact.js';
import { renderDiscordMessages, type DiscordMessage } from './render-embeds.js';
import { renderDiscordHeadline, renderDiscordThreadReply, threadName } from './render-thread.js';

/** Discord's snowflakes count milliseconds from 2015-01-01. */
const DISCORD_EPOCH = 1_420_070_400_000n;

function digestOf(deliveryId: string): string {
  return createHash('sha256').update(deliveryId).digest('hex');
}

/** A short, stable mark of one message of a digest in its footer, to find it after a crash. */
function deliveryMark(deliveryId: string): string {
  return `digest ${digestOf(deliveryId).slice(0, 12)}`;
}

/** A digest's messages in the cards or compact style. */
function packed(reply: Reply, style: DigestStyle | undefined): DiscordMessage[] {
  return style === 'compact' ? renderDiscordCompact(reply) : renderDiscordMessages(reply);
}

/** Message `part` of a digest in its style; a threaded digest is its headline, then one card per paper. */
function digestMessage(reply: Reply, part: number, style: DigestStyle | undefined): DiscordMessage | undefined {
  if (isThreaded(style, reply)) return part === 0 ? renderDiscordHeadline(reply) : renderDiscordThreadReply(reply, part);
  return packed(reply, style)[part];
}

function digestParts(reply: Reply, style: DigestStyle | undefined): number {
  return isThreaded(style, reply) ? 1 + reply.papers.length : packed(reply, style).length;
}

const codeOf = (error: unknown) => (error instanceof DiscordAPIError ? error.code : undefined);

/** Answers meaning a thread cannot be had: the channel is a thread itself, the bot may not start or post in threads, the headline was deleted. */
const NO_THREAD = new Set<unknown>([
  RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.UnknownMessage,
  RESTJSONErrorCodes.UnknownChannel,
]);

/**
 * Starts the thread on a digest's headline (a thread started from a message takes the message's
 * id); one started already, by an earlier try or run, is the one to post in. False when there can
 * be none: the replies then go in the channel, under the headline.
 */
async function openThread(rest: REST, channel: string, headline: string, name: string): Promise<boolean> {
  try {
    await rest.post(Routes.threads(channel, headline), { body: { name, auto_archive_duration: 1440 } });
    return true;
  } catch (error) {
    if (codeOf(error) === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage) return true;
    if (NO_THREAD.has(codeOf(error))) return false;
    throw error;
  }
}

/** Posts a threaded digest's reply in the thread on its headline, or in the channel where there is no such thread. */
async function postReply(rest: REST, channel: string, thread: string, first: boolean, name: string, body: Record<string, unknown>): Promise<unknown> {
  if (first && !(await openThread(rest, channel, thread, name))) return rest.post(Routes.channelMessages(channel), { body });
  try {
    return await rest.post(Routes.channelMessages(thread), { body });
  } catch (error) {
    if (!NO_THREAD.has(codeOf(error))) throw error;
    return rest.post(Routes.channelMessages(channel), { body });
  }
}

/** A thread reply's buttons: its 👍 count for the channel, where Discord says a click came from the thread. */
function inThread(rows: unknown[], channel: string): unknown[] {
  return (rows as { components?: { custom_id?: string }[] }[]).map((row) => ({
    ...row,
    components: (row.components ?? []).map((c) => (c.custom_id ? { ...c, custom_id: likeIdInThread(c.custom_id, channel) } : c)),
  }));
}

/** The messages posted in a channel (or thread) since `after`, the first 100. */
async function messagesSince(rest: REST, channel: string, after: string) {
  return (await rest.get(Routes.channelMessages(channel), { query: new URLSearchParams({ limit: '100', after }) })) as {
    id?: string;
    content?: string;
    embeds?: { footer?: { text?: string } }[];
  }[];
}

/** Scheduled digests to text channels through REST; a rate limit comes back as `rate_limited`, for the digest run to wait out. */
export function discordTarget(rest: REST): DeliveryTarget {
  return {
    partCount: (_key, reply, style) => digestParts(reply, style),

    async deliver(key, reply, part, deliveryId, posting: DeliveryOptions = {}): Promise<DeliveryOutcome> {
      const channel = discordChannelId(key);
      if (!channel) return { status: 'failed', reason: `not a Discord channel: ${key}` };
      const message = digestMessage(reply, part, posting.style);
      if (!message) return { status: 'failed', reason: `the digest has no part ${part + 1}` };
      // A threaded digest's replies go into the thread on its headline, whose id is the headline's.
      const thread = part > 0 && isThreaded(posting.style, reply) ? posting.thread : undefined;
      if (thread && message.components) message.components = inThread(message.components, channel);
      const footer = `papers-bot · ${deliveryMark(deliveryId)} · ${part + 1}/${digestParts(reply, posting.style)}`;
      const marked = message.embeds.at(-1);
      if (marked) marked.footer = { text: footer };
      else message.content = `${(message.content ?? '').slice(0, DISCORD_LIMITS.content - footer.length - 4)}\n-# ${footer}`;
      try {
        // Discord drops a second message with the same nonce from the same author (a retry after a lost answer).
        const body = { ...message, nonce: digestOf(deliveryId).slice(0, 25), enforce_nonce: true };
        const posted = (thread ? await postReply(rest, channel, thread, part === 1, threadName(reply), body) : await rest.post(Routes.channelMessages(channel), { body })) as { id?: string };
        return posted.id ? { status: 'ok', ref: posted.id } : { status: 'ok' };
      } catch (error) {
        if (error instanceof RateLimitError) return { status: 'rate_limited', retryAfterMs: error.retryAfter };
        if (error instanceof DiscordAPIError || (error as { status?: number }).status) {
          const status = (error as { status: number }).status;
          const reason = `${status} ${(error as Error).message}`;
          if (status === 404) return { status: 'gone', reason };
          if (status === 403) return { status: 'forbidden', reason };
        }
        return { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
      }
    },

    async wasDelivered(key, deliveryId, since, posting = {}) {
      const channel = discordChannelId(key);
      if (!channel) return false;
      const mark = deliveryMark(deliveryId);
      // The first 100 messages after the digest was composed (a minute's margin for clocks).
      const after = ((BigInt(since.getTime() - 60_000) - DISCORD_EPOCH) << 22n).toString();
      const marked = (messages: Awaited<ReturnType<typeof messagesSince>>) =>
        messages.find((message) => message.content?.includes(mark) || (message.embeds ?? []).some((embed) => embed.footer?.text?.includes(mark)));
      let found;
      try {
        found = marked(await messagesSince(rest, posting.thread ?? channel, after));
      } catch (error) {
        // No thread on the headline (not started yet, or none could be): a reply would be in the channel.
        if (!posting.thread || !NO_THREAD.has(codeOf(error))) throw error;
      }
      // A thread the bot may start but not post in sends its replies to the channel (postReply): look there too.
      if (!found && posting.thread) found = marked(await messagesSince(rest, channel, after));
      return found?.id ? { ref: found.id } : Boolean(found);
    },

    async notifyMember(key, memberId, notice) {
      const channel = discordChannelId(key);
      const [message] = renderDiscordMessages(notice);
      if (!channel || !message || !/^\d{17,20}$/.test(memberId)) return false;
      try {
        const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: memberId } })) as { id: string };
        // A channel mention pings no one; allowed_mentions (parse: []) still guards the rest of the text.
        const content = `About <#${channel}>\n${message.content ?? ''}`.slice(0, DISCORD_LIMITS.content);
        await rest.post(Routes.channelMessages(dm.id), { body: { ...message, content, allowed_mentions: { parse: [] } } });
        return true;
      } catch {
        // A member who takes no direct messages from server members answers 403 (code 50007).
        return false;
      }
    },
  };
}

/**
 * For digests: no retries and no rate-limit waits of the client's own, so that a digest run's one
 * retry policy decides, within its deadline (the client would sleep on a 429 unabortably). A run
 * asks whether a failed post arrived before posting it again.
 */
export const DIGEST_REST_OPTIONS: Partial<RESTOptions> = { retries: 0, rejectOnRateLimit: () => true };

/** The bot's REST client; `options` override the digests' settings (`{}`: the library's own retries and waits). */
export function discordRest(token: string | undefined, apiUrl: string | undefined, options: Partial<RESTOptions> = DIGEST_REST_OPTIONS): REST {
  const rest = new REST({ version: '10', ...options, ...(apiUrl ? { api: apiUrl } : {}) });
  if (token) rest.setToken(token);
  return rest;
}
