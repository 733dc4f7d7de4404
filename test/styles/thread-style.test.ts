import { afterEach, describe, expect, it } from 'vitest';
import type { DiscordMessage } from '../../adapters/discord/render-embeds.js';
import type { SlackBlock } from '../../adapters/slack/render-blocks.js';
import { commandInteraction, GUILD_ID } from '../fakes/fake-discord.js';
import { editsOf, startDiscordBot, type DiscordBot } from '../helpers/discord-bot.js';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot.js';
import { DISCORD_CHANNEL } from './style-platforms.js';

const SLOT = new Date('2025-06-10T09:00:00Z');
const STRING = 3;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

const sectionTexts = (blocks: SlackBlock[]) => blocks.filter((b) => b.type === 'section').map((b) => (b.text as { text: string }).text);

describe('the thread style, set by a member, on the real Slack app', () => {
  it('posts a headline in the channel and each of the 5 papers as a reply with thread_ts = the headline ts, once per slot', async () => {
    const bot: SlackBot = await startSlackBot({ now: () => SLOT });
    stop = () => bot.stop();
    await bot.command('settings style=thread', { responseId: 'style' });
    expect(JSON.stringify(await bot.responsesTo('style'))).toContain('thread');

    await bot.runtime.runSlot(['slack:T1:C1'], SLOT);
    await bot.runtime.runSlot(['slack:T1:C1'], SLOT); // a second replica firing for the same slot
    const inChannel = bot.fake.channelMessages('C1');
    expect(inChannel).toHaveLength(1);
    const [headline] = inChannel;
    const head = headline!.call.params as { blocks: SlackBlock[]; text: string };
    expect(sectionTexts(head.blocks)[0]).toMatch(/^\*Daily Papers digest, 2025-06-10\*\n5 papers$/);
    expect(head.text).toBe('Daily Papers digest, 2025-06-10: 5 papers');

    const replies = bot.fake.threadReplies('C1', headline!.ts);
    expect(replies).toHaveLength(5);
    expect(bot.fake.callsOf('chat.postMessage')).toHaveLength(6);
    for (const [i, reply] of replies.entries()) {
      const params = reply.params as { thread_ts: string; blocks: SlackBlock[]; metadata: { event_payload: { delivery_id: string; part: number } } };
      expect(params.thread_ts).toBe(headline!.ts);
      expect(params.metadata.event_payload).toEqual({ delivery_id: `slack:T1:C1|${SLOT.toISOString()}#${i + 2}`, part: i + 2 });
      // Each reply is the paper's card, numbered as in the digest.
      expect(sectionTexts(params.blocks)[0]).toMatch(new RegExp(`^${i + 1}\\. \\*<https://`));
      // …with its 👍 under it.
      const likes = params.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as { action_id: string; text: { text: string } }[]);
      expect(likes.map((e) => [e.action_id.split(':')[0], e.text.text])).toEqual([['papers_like', '👍']]);
    }
  });
});

describe('the thread style, set by a member, on the real discord.js bot', () => {
  it('posts a headline in the channel, starts a thread on it, and posts each of the 5 papers into that thread, once per slot', async () => {
    const bot: DiscordBot = await startDiscordBot({ now: () => SLOT });
    stop = () => bot.stop();
    const settings = commandInteraction('settings', [{ name: 'style', type: STRING, value: 'thread' }]);
    bot.fake.dispatchInteraction(settings);
    await editsOf(bot, settings.token);
    const channel = `discord:${GUILD_ID}:${DISCORD_CHANNEL}`;
    expect((await bot.runtime.channels.get(channel)).style).toBe('thread');

    await bot.runtime.runSlot([channel], SLOT);
    await bot.runtime.runSlot([channel], SLOT);
    const inChannel = bot.fake.messagesIn(DISCORD_CHANNEL);
    expect(inChannel).toHaveLength(1);
    const headline = inChannel[0]!;
    const headlineId = bot.fake.idOf(headline)!;
    expect((headline.body as unknown as DiscordMessage).content).toMatch(/^\*\*Daily Papers digest, 2025-06-10\*\*\n5 papers\n/);
    expect((headline.body as unknown as DiscordMessage).allowed_mentions).toEqual({ parse: [] });

    // The thread started on the headline has the headline's id; the replies are in it.
    expect(bot.fake.threadOn(headlineId)).toEqual({ parent: DISCORD_CHANNEL, name: 'Daily Papers digest, 2025-06-10' });
    expect(bot.fake.requestsTo('POST', /\/threads$/)).toHaveLength(1);
    const replies = bot.fake.messagesIn(headlineId);
    expect(replies).toHaveLength(5);
    for (const [i, reply] of replies.entries()) {
      const body = reply.body as unknown as DiscordMessage;
      expect(body.embeds).toHaveLength(1);
      expect(body.embeds[0]!.title).toMatch(new RegExp(`^${i + 1}\\. `));
      expect(body.embeds[0]!.footer!.text).toMatch(new RegExp(` · ${i + 2}/6$`));
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(body.content).toBeUndefined();
      const buttons = (body.components as { components: { custom_id: string; label: string }[] }[]).flatMap((row) => row.components);
      expect(buttons.filter((b) => b.custom_id.startsWith('papers:like:')).map((b) => b.label)).toEqual(['👍']);
    }
  });
});
