import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buttonInteraction, commandInteraction, CHANNEL_ID as CHANNEL, CHANNEL_KEY as KEY } from '../fakes/fake-discord.js';
import { editsOf, postInteraction, startDiscordBot, type DiscordBot } from '../helpers/discord-bot.js';

let bot: DiscordBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

/** Monday 2025-06-09, a day of the fixture archive. */
const SLOT = new Date('2025-06-09T09:00:00Z');
const ADA = { userId: '500000000000000005', userName: 'Ada' };
const BOB = { userId: '500000000000000006', userName: 'Bob' };
type Button = { type: number; label: string; custom_id: string };
type Row = { type: number; components: Button[] };
type Message = { content?: string; embeds: { title: string }[]; components?: Row[] };

const channelPosts = (b: DiscordBot) => b.fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL}/messages$`)).map((r) => r.body as Message);
const likeLabels = (rows: Row[] | undefined) => (rows ?? []).flatMap((row) => row.components).filter((c) => c.custom_id.startsWith('papers:like:')).map((c) => c.label);

/** Clicks a button of a channel message as Discord sends it (the message's rows come along); resolves to the edit of its buttons. */
async function click(b: DiscordBot, customId: string, rows: Row[], who: typeof ADA): Promise<Row[]> {
  const interaction = buttonInteraction(customId, who);
  const clicked = { ...interaction, message: { ...interaction.message, flags: 0, components: rows } };
  b.fake.dispatchInteraction(clicked);
  const [edit] = await editsOf<{ components?: Row[]; content?: string; embeds?: unknown }>(b, interaction.token);
  // Only the buttons are edited: the text and the embeds stay as they are.
  expect(edit).not.toHaveProperty('content');
  expect(edit).not.toHaveProperty('embeds');
  return edit!.components!;
}

async function command(b: DiscordBot, subcommand: string, options: { name: string; type: number; value: unknown }[] = []): Promise<Message> {
  const interaction = commandInteraction(subcommand, options);
  b.fake.dispatchInteraction(interaction);
  return (await editsOf<Message>(b, interaction.token))[0]!;
}

describe('👍 on Discord, with the real discord.js against a fake Discord', () => {
  it('a digest paper carries 👍; two members make it 2, one again makes it 1; top week lists it with who likes it; a restart keeps it all', async () => {
    const env = { STORE_URL: `sqlite://${join(mkdtempSync(join(tmpdir(), 'papers-bot-likes-')), 'bot.sqlite')}` };
    bot = await startDiscordBot({ env, now: () => SLOT });
    await bot.runtime.channels.update(KEY, (s) => ({ ...s, size: 3, scheduleSetAt: '2025-06-01T00:00:00.000Z' }));
    await bot.runtime.runSlot([KEY], SLOT);
    const [digest] = channelPosts(bot);
    expect(likeLabels(digest!.components)).toEqual(['#1 👍', '#2 👍', '#3 👍']);
    const firstId = digest!.components!.flatMap((row) => row.components).find((c) => c.label === '#1 👍')!.custom_id;
    const title = digest!.embeds[0]!.title.replace(/^1\. /, '');

    const once = await click(bot, firstId, digest!.components!, ADA);
    expect(likeLabels(once)).toEqual(['#1 👍 1', '#2 👍', '#3 👍']);
    const twice = await click(bot, firstId, once, BOB);
    expect(likeLabels(twice)).toEqual(['#1 👍 2', '#2 👍', '#3 👍']);
    const undone = await click(bot, firstId, twice, ADA);
    expect(likeLabels(undone)).toEqual(['#1 👍 1', '#2 👍', '#3 👍']);
    // Only the buttons change: the Similar buttons are still there.
    expect(undone.flatMap((row) => row.components).filter((c) => c.custom_id.startsWith('papers:similar:'))).toHaveLength(3);

    const top = await command(bot, 'top', [{ name: 'period', type: 3, value: 'week' }]);
    expect(top.content).toContain("This channel's most liked papers in the last 7 days");
    expect(top.embeds.map((embed) => embed.title)).toEqual([title]);
    expect(JSON.stringify(top)).toContain('👍 1: Bob');

    await bot.stop();
    bot = await startDiscordBot({ env, now: () => SLOT });
    const again = await command(bot, 'top');
    expect(again.embeds.map((embed) => embed.title)).toEqual([title]);
    expect(JSON.stringify(again)).toContain('👍 1: Bob');
    expect(likeLabels(again.components)).toEqual(['👍 1']);
  });

  it('over HTTP interactions a 👍 edits only the buttons, and a replayed click counts once', async () => {
    bot = await startDiscordBot({ gateway: false, http: true, now: () => SLOT });
    await bot.runtime.channels.update(KEY, (s) => ({ ...s, size: 2, scheduleSetAt: '2025-06-01T00:00:00.000Z' }));
    await bot.runtime.runSlot([KEY], SLOT);
    const [digest] = channelPosts(bot);
    const firstId = digest!.components!.flatMap((row) => row.components).find((c) => c.label === '#1 👍')!.custom_id;
    const interaction = buttonInteraction(firstId, ADA);
    const clicked = { ...interaction, message: { ...interaction.message, flags: 0, components: digest!.components } };
    const first = await postInteraction(bot.url!, bot.privateKey, clicked);
    expect(first).toEqual({ status: 200, body: { type: 6 } });
    const [edit] = await editsOf<{ components: Row[] }>(bot, interaction.token);
    expect(edit).toEqual({ components: expect.any(Array) });
    expect(likeLabels(edit!.components)).toEqual(['#1 👍 1', '#2 👍']);

    const replayed = await postInteraction(bot.url!, bot.privateKey, clicked);
    expect(replayed.status).toBe(200);
    const top = await bot.runtime.handle('top', { channel: KEY, user: { id: BOB.userId, name: 'Bob' }, canManage: false, managePermission: 'Manage Channels', now: SLOT });
    expect(top.papers.map((paper) => paper.likedBy)).toEqual([['Ada']]);
  });

  it("a 👍 clicked in a thread-style digest's thread counts for the channel, not the thread", async () => {
    bot = await startDiscordBot({ now: () => SLOT });
    await bot.runtime.channels.update(KEY, (s) => ({ ...s, size: 2, style: 'thread', scheduleSetAt: '2025-06-01T00:00:00.000Z' }));
    await bot.runtime.runSlot([KEY], SLOT);
    const [headline] = bot.fake.messagesIn(CHANNEL);
    const thread = bot.fake.idOf(headline!)!;
    const [reply] = bot.fake.messagesIn(thread).map((r) => r.body as unknown as Message);
    const like = reply!.components!.flatMap((row) => row.components).find((c) => c.custom_id.startsWith('papers:like:'))!;
    expect(like.custom_id).toMatch(new RegExp(`@${CHANNEL}$`));
    // Discord says a click in a thread comes from the thread.
    const interaction = buttonInteraction(like.custom_id, { ...ADA, channel: thread });
    bot.fake.dispatchInteraction({ ...interaction, message: { ...interaction.message, channel_id: thread, flags: 0, components: reply!.components } });
    const [edit] = await editsOf<{ components: Row[] }>(bot, interaction.token);
    expect(likeLabels(edit!.components)).toEqual(['👍 1']);
    const top = await command(bot, 'top');
    expect(JSON.stringify(top)).toContain('👍 1: Ada');
  });
});
