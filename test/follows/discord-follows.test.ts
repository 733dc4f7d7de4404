import { afterEach, describe, expect, it } from 'vitest';
import { commandInteraction, CHANNEL_ID as CHANNEL, CHANNEL_KEY as KEY } from '../fakes/fake-discord.js';
import { startDiscordBot, type DiscordBot } from '../helpers/discord-bot.js';

let bot: DiscordBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const MEMBER_A = '500000000000000077';
const STRING = 3;
const BOOLEAN = 5;
/** Monday 2025-06-09: "3DFlowAction: … 3D Flow World Model" is far below the day's top five. */
const SLOT = new Date('2025-06-09T09:00:00Z');
type Message = { content?: string; embeds?: { title: string; description: string }[]; allowed_mentions?: { parse: string[]; users?: string[] }; flags?: number };

/** Runs one `/papers` subcommand as member A (no Manage Channels) and returns its answer. */
async function asMemberA(b: DiscordBot, subcommand: string, options: { name: string; type: number; value: unknown }[]): Promise<Message> {
  const interaction = commandInteraction(subcommand, options, { permissions: '0', userId: MEMBER_A, userName: 'Mia' });
  b.fake.dispatchInteraction(interaction);
  const edited = () => b.fake.requestsTo('PATCH', new RegExp(`/webhooks/\\d+/${interaction.token}/messages/@original$`));
  await expect.poll(() => edited().length, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
  return edited()[0]!.body as Message;
}

const channelPosts = (b: DiscordBot) => b.fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL}/messages$`)).map((r) => r.body as Message);

describe('personal follows on Discord, with the real discord.js against a fake Discord', () => {
  it('member A follows without Manage Channels, cannot subscribe, and the digest pings exactly A next to the matching paper', async () => {
    bot = await startDiscordBot({ now: () => SLOT });
    const followed = await asMemberA(bot, 'follow', [{ name: 'query', type: STRING, value: '"world model"' }]);
    expect(followed.content).toContain('You follow `"world model"` in this channel');
    const refused = await asMemberA(bot, 'subscribe', [{ name: 'query', type: STRING, value: '"world model"' }]);
    expect(refused.content).toBe("⚠️ Changing this channel's topics needs the Manage Channels permission, which you do not have here.");
    await bot.runtime.channels.update(KEY, (s) => ({ ...s, scheduleSetAt: '2025-06-01T00:00:00.000Z' }));

    await bot.runtime.runSlot([KEY], SLOT);
    const [digest, ...others] = channelPosts(bot);
    expect(others).toEqual([]);
    expect(digest!.allowed_mentions).toEqual({ parse: [], users: [MEMBER_A] });
    expect(digest!.content).toMatch(new RegExp(`\\n🔔 <@${MEMBER_A}>$`));
    const marked = digest!.embeds!.filter((embed) => embed.description.includes('<@'));
    expect(marked.map((embed) => embed.title)).toEqual([expect.stringContaining('3DFlowAction')]);
    expect(marked[0]!.description).toMatch(new RegExp(`🔔 Followed by <@${MEMBER_A}>$`));
    expect(JSON.stringify(digest).match(/<@\d+>/g)!.every((mention) => mention === `<@${MEMBER_A}>`)).toBe(true);
  });

  it('--dm sends A a direct message and the digest mentions nobody', async () => {
    bot = await startDiscordBot({ now: () => SLOT });
    await asMemberA(bot, 'follow', [{ name: 'query', type: STRING, value: '"world model"' }, { name: 'dm', type: BOOLEAN, value: true }]);
    await bot.runtime.channels.update(KEY, (s) => ({ ...s, scheduleSetAt: '2025-06-01T00:00:00.000Z' }));
    await bot.runtime.runSlot([KEY], SLOT);
    await bot.runtime.runSlot([KEY], SLOT);
    const [digest, ...others] = channelPosts(bot);
    expect(others).toEqual([]);
    expect(digest!.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(digest)).not.toContain('<@');
    const dms = bot.fake.directMessagesTo(MEMBER_A).map((r) => r.body as Message);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.content).toContain('Papers you follow in the Daily Papers digest, 2025-06-09');
    expect(dms[0]!.embeds!.map((embed) => embed.title)).toEqual([expect.stringContaining('3DFlowAction')]);
    expect(dms[0]!.allowed_mentions).toEqual({ parse: [] });
  });
});
