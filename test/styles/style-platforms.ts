import { WebClient } from '@slack/web-api';
import { discordRest, discordTarget } from '../../adapters/discord/discord-target.js';
import { slackTarget } from '../../adapters/slack/slack-target.js';
import type { Reply } from '../../src/commands/reply.js';
import type { DeliveryOptions, DeliveryOutcome, DeliveryTarget } from '../../src/digest/delivery.js';
import { silentLogger } from '../../src/log.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import { startFakeDiscord, type DiscordRequest, type FakeDiscord } from '../fakes/fake-discord.js';
import { startFakeSlack, type FakeSlack, type SlackCall } from '../fakes/fake-slack.js';
import { fixturePath } from '../helpers/fixtures.js';

export const DISCORD_CHANNEL = '400000000000000004';

/** A message of a digest as the channel shows it: its part number (1-based, from its delivery mark) and its platform id. */
export interface Posted {
  part: number;
  ref: string;
}

/** One platform's fake with the real client and the bot's delivery target, and the channel as members see it. */
export interface StylePlatform {
  name: string;
  channel: string;
  target: DeliveryTarget;
  /** The messages in the channel itself, in order. */
  inChannel(): Posted[];
  /** The replies in the thread of the message `ref`, in order (Slack: thread_ts; Discord: the thread whose id is the message's). */
  inThread(ref: string): Posted[];
  /** The platform takes the next post, but its answer is lost (a 500 after the message was made). */
  loseNextAnswer(): void;
  close(): Promise<void>;
}

export async function slackPlatform(): Promise<StylePlatform & { fake: FakeSlack }> {
  const fake = await startFakeSlack();
  // As the Slack adapter builds its digest client: no retries of its own.
  const client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  const partOf = (call: SlackCall) => (call.params.metadata as { event_payload: { part: number } }).event_payload.part;
  return {
    name: 'Slack',
    fake,
    channel: 'slack:T1:C1',
    target: slackTarget({ clientFor: async () => client, logger: silentLogger, pace: async () => {} }),
    inChannel: () => fake.channelMessages('C1').map(({ ts, call }) => ({ part: partOf(call), ref: ts })),
    inThread: (ref) => fake.threadReplies('C1', ref).map((call) => ({ part: partOf(call), ref })),
    loseNextAnswer() {
      let lost = false;
      fake.on('chat.postMessage', () => (lost ? undefined : ((lost = true), { status: 500, body: { error: 'upstream timeout' } })));
    },
    close: () => fake.close(),
  };
}

/** The part number in a Discord digest message's delivery mark (`… · 3/6`), in its last embed's footer or its text. */
function discordPart(request: DiscordRequest): number {
  const embeds = (request.body?.embeds ?? []) as { footer?: { text?: string } }[];
  const mark = embeds.at(-1)?.footer?.text ?? String(request.body?.content ?? '');
  return Number(/· (\d+)\/\d+$/.exec(mark)?.[1]);
}

export async function discordPlatform(): Promise<StylePlatform & { fake: FakeDiscord }> {
  const fake = await startFakeDiscord();
  const posted = (channel: string) => fake.messagesIn(channel).map((request) => ({ part: discordPart(request), ref: fake.idOf(request)! }));
  return {
    name: 'Discord',
    fake,
    channel: `discord:G1:${DISCORD_CHANNEL}`,
    target: discordTarget(discordRest('bot-token', fake.apiUrl)),
    inChannel: () => posted(DISCORD_CHANNEL),
    inThread: (ref) => (fake.threadOn(ref)?.parent === DISCORD_CHANNEL ? posted(ref) : []),
    loseNextAnswer() {
      let lost = false;
      fake.on((req) => (lost || req.method !== 'POST' || !req.path.endsWith('/messages') ? undefined : ((lost = true), { status: 500, body: { message: 'Internal Server Error', code: 0 } })));
    },
    close: () => fake.close(),
  };
}

export const platforms = [
  { name: 'Slack', start: slackPlatform },
  { name: 'Discord', start: discordPlatform },
];

/** Every paper of the fixture days as papers of 2025-06-10, so that a first digest can hold 20. */
export async function fixturePapersOfOneDay() {
  const { papers } = await loadPaperFiles([fixturePath('hf/daily')]);
  return papers.map((paper) => ({ ...paper, dailyDate: '2025-06-10' }));
}

/**
 * A process that dies while posting part `dies` (0-based): after the post reached the channel, or
 * before it went out. A dead process never answers again.
 */
export function dyingAt(target: DeliveryTarget, dies: number, postReached: boolean): DeliveryTarget {
  return {
    partCount: (channel, reply, style) => target.partCount(channel, reply, style),
    wasDelivered: (channel, id, since, options) => target.wasDelivered!(channel, id, since, options),
    async deliver(channel: string, reply: Reply, part: number, id: string, options?: DeliveryOptions): Promise<DeliveryOutcome> {
      if (part < dies) return target.deliver(channel, reply, part, id, options);
      if (postReached) await target.deliver(channel, reply, part, id, options);
      return new Promise(() => {});
    },
  };
}
