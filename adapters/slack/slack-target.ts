import type { WebClient } from '@slack/web-api';
import type { DigestStyle } from '../../src/channels/channel-state.js';
import type { Reply } from '../../src/commands/reply.js';
import type { DeliveryOptions, DeliveryOutcome, DeliveryTarget, FoundMessage } from '../../src/digest/delivery.js';
import type { Logger } from '../../src/log.js';
import { createSpacer, type Pacer } from '../../src/digest/pacer.js';
import { isThreaded } from '../../src/presentation/digest-styles.js';
import { escapeMrkdwn, renderSlackMessages, type SlackBlock, type SlackMessage } from './render-blocks.js';
import { renderSlackCompact } from './render-compact.js';
import { renderSlackHeadline, renderSlackThreadReply } from './render-thread.js';
import { slackAddress } from './slack-channel.js';

/** Slack's answers that mean the channel will not take posts until someone acts. */
const GONE = new Set(['channel_not_found', 'is_archived', 'account_inactive', 'token_revoked', 'invalid_auth', 'team_not_found']);
const FORBIDDEN = new Set(['not_in_channel', 'restricted_action', 'missing_scope', 'ekm_access_denied']);
const METADATA_TYPE = 'papers_digest';
/** Pages of 200 messages looked through for a digest's message: a very busy channel's day. */
const HISTORY_PAGES = 10;

export interface SlackTargetOptions {
  /** The Web API client holding the bot token of the workspace. */
  clientFor(workspace: string): Promise<WebClient | undefined>;
  logger: Logger;
  /** Waits for a channel's turn: Slack takes about one message a second per channel (shared across replicas on Redis). */
  pace?: Pacer;
}

/** Message `part` of a digest in its style; a threaded digest is its headline, then one card per paper. */
function digestMessage(reply: Reply, part: number, style: DigestStyle | undefined): SlackMessage | undefined {
  if (isThreaded(style, reply)) return part === 0 ? renderSlackHeadline(reply) : renderSlackThreadReply(reply, part);
  return (style === 'compact' ? renderSlackCompact(reply) : renderSlackMessages(reply))[part];
}

function digestParts(reply: Reply, style: DigestStyle | undefined): number {
  if (isThreaded(style, reply)) return 1 + reply.papers.length;
  return (style === 'compact' ? renderSlackCompact(reply) : renderSlackMessages(reply)).length;
}

/** Scheduled digests through `chat.postMessage`, paced per channel; 429s are waited out by the client. */
export function slackTarget(options: SlackTargetOptions): DeliveryTarget {
  const pace = options.pace ?? createSpacer(1_000);

  return {
    partCount: (_key, reply, style) => digestParts(reply, style),

    async deliver(key, reply, part, deliveryId, posting: DeliveryOptions = {}): Promise<DeliveryOutcome> {
      const address = slackAddress(key);
      if (!address) return { status: 'failed', reason: `not a Slack channel: ${key}` };
      const client = await options.clientFor(address.team);
      if (!client) return { status: 'gone', reason: `no installation for workspace ${address.team}` };
      const message = digestMessage(reply, part, posting.style);
      if (!message) return { status: 'failed', reason: `the digest has no part ${part + 1}` };
      try {
        await pace(key);
        const posted = await client.chat.postMessage({
          channel: address.channel,
          ...(posting.thread ? { thread_ts: posting.thread } : {}),
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          // Each message carries its own id, so a restart can tell which parts already went out.
          metadata: { event_type: METADATA_TYPE, event_payload: { delivery_id: deliveryId, part: part + 1 } },
        });
        return posted.ts ? { status: 'ok', ref: posted.ts } : { status: 'ok' };
      } catch (error) {
        return outcomeOf(error);
      }
    },

    async wasDelivered(key, deliveryId, since, posting = {}) {
      const address = slackAddress(key);
      const client = address && (await options.clientFor(address.team));
      if (!address || !client) return false;
      try {
        if (posting.thread) return await foundInThread(client, address.channel, posting.thread, deliveryId);
        return await foundInHistory(client, address.channel, deliveryId, since);
      } catch (error) {
        // Posting with chat:write.public needs no membership, reading history does: unable to look,
        // the part is posted again rather than the digest stopped for good.
        if ((error as { data?: { error?: string } }).data?.error !== 'not_in_channel') throw error;
        options.logger.warn({ channel: key }, 'cannot read the history of a channel the bot is not in; posting the part again');
      }
      return false;
    },

    async notifyMember(key, memberId, notice) {
      const address = slackAddress(key);
      const client = address && (await options.clientFor(address.team));
      if (!address || !client) return false;
      const [message] = renderSlackMessages(notice);
      if (!message) return false;
      const channel = /^[A-Z0-9]{1,30}$/.test(address.channel) ? `<#${address.channel}>` : escapeMrkdwn(address.channel);
      const about: SlackBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: `About ${channel}` }] };
      try {
        // A user id as `channel` posts in the member's direct messages with the app (chat:write; no conversations.open, no im:write).
        await client.chat.postMessage({ channel: memberId, text: `About ${channel}: ${message.text.trim()}`, blocks: [about, ...message.blocks], unfurl_links: false, unfurl_media: false });
        return true;
      } catch (error) {
        options.logger.warn({ channel: key, error: (error as { data?: { error?: string } }).data?.error ?? String(error) }, 'could not send a direct message');
        return false;
      }
    },
  };
}

function outcomeOf(error: unknown): DeliveryOutcome {
  const code = (error as { data?: { error?: string } }).data?.error;
  if (code && GONE.has(code)) return { status: 'gone', reason: code };
  if (code && FORBIDDEN.has(code)) return { status: 'forbidden', reason: code };
  const retryAfter = (error as { retryAfter?: number }).retryAfter;
  if (retryAfter !== undefined) return { status: 'rate_limited', retryAfterMs: retryAfter * 1000 };
  return { status: 'failed', reason: code ?? (error instanceof Error ? error.message : String(error)) };
}

type HistoryMessage = { ts?: string; metadata?: { event_type?: string; event_payload?: unknown } };

/** The message carrying `deliveryId` among `messages`, with its ts. */
function carrying(messages: HistoryMessage[] | undefined, deliveryId: string): FoundMessage | true | undefined {
  const message = (messages ?? []).find(
    (m) => m.metadata?.event_type === METADATA_TYPE && (m.metadata.event_payload as Record<string, unknown> | undefined)?.delivery_id === deliveryId,
  );
  if (!message) return undefined;
  return message.ts ? { ref: message.ts } : true;
}

/** Whether a reply carrying `deliveryId` is in the thread under the message `thread` (a digest's headline). */
async function foundInThread(client: WebClient, channel: string, thread: string, deliveryId: string): Promise<FoundMessage | boolean> {
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const replies = await client.conversations.replies({ channel, ts: thread, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
    const found = carrying(replies.messages, deliveryId);
    if (found) return found;
    cursor = replies.response_metadata?.next_cursor || undefined;
    if (!replies.has_more || !cursor) return false;
  }
  return false;
}

/** Whether a message carrying `deliveryId` was posted since `since` (a minute's margin for clocks), with its ts. */
async function foundInHistory(client: WebClient, channel: string, deliveryId: string, since: Date): Promise<FoundMessage | boolean> {
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const history = await client.conversations.history({
      channel,
      oldest: String(Math.floor(since.getTime() / 1000) - 60),
      limit: 200,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    const found = carrying(history.messages, deliveryId);
    if (found) return found;
    cursor = history.response_metadata?.next_cursor || undefined;
    if (!history.has_more || !cursor) return false;
  }
  return false;
}
