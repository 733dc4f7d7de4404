import { createHash } from 'node:crypto';
import { DiscordAPIError, RateLimitError, REST, type RESTOptions } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import type { DeliveryOutcome, DeliveryTarget } from '../../src/digest/delivery.js';
import { discordChannelId } from './discord-channel.js';
import { DISCORD_LIMITS } from './discord-limits.js';
import { renderDiscordMessages } from './render-embeds.js';

/** Discord's snowflakes count milliseconds from 2015-01-01. */
const DISCORD_EPOCH = 1_420_070_400_000n;

function digestOf(deliveryId: string): string {
  return createHash('sha256').update(deliveryId).digest('hex');
}

/** A short, stable mark of one message of a digest in its footer, to find it after a crash. */
function deliveryMark(deliveryId: string): string {
  return `digest ${digestOf(deliveryId).slice(0, 12)}`;
}

/** Scheduled digests to text channels through REST; a rate limit comes back as `rate_limited`, for the digest run to wait out. */
export function discordTarget(rest: REST): DeliveryTarget {
  return {
    partCount: (_key, reply) => renderDiscordMessages(reply).length,

    async deliver(key, reply, part, deliveryId): Promise<DeliveryOutcome> {
      const channel = discordChannelId(key);
      if (!channel) return { status: 'failed', reason: `not a Discord channel: ${key}` };
      const messages = renderDiscordMessages(reply);
      const message = messages[part];
      if (!message) return { status: 'failed', reason: `the digest has no part ${part + 1}` };
      const footer = `papers-bot · ${deliveryMark(deliveryId)} · ${part + 1}/${messages.length}`;
      const marked = message.embeds.at(-1);
      if (marked) marked.footer = { text: footer };
      else message.content = `${(message.content ?? '').slice(0, DISCORD_LIMITS.content - footer.length - 4)}\n-# ${footer}`;
      try {
        // Discord drops a second message with the same nonce from the same author (a retry after a lost answer).
        await rest.post(Routes.channelMessages(channel), { body: { ...message, nonce: digestOf(deliveryId).slice(0, 25), enforce_nonce: true } });
        return { status: 'ok' };
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

    async wasDelivered(key, deliveryId, since) {
      const channel = discordChannelId(key);
      if (!channel) return false;
      const mark = deliveryMark(deliveryId);
      // The first 100 messages after the digest was composed (a minute's margin for clocks).
      const after = ((BigInt(since.getTime() - 60_000) - DISCORD_EPOCH) << 22n).toString();
      const recent = (await rest.get(Routes.channelMessages(channel), { query: new URLSearchParams({ limit: '100', after }) })) as {
        content?: string;
        embeds?: { footer?: { text?: string } }[];
      }[];
      return recent.some((message) => message.content?.includes(mark) || (message.embeds ?? []).some((embed) => embed.footer?.text?.includes(mark)));
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
