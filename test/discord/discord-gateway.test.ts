import { afterEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/papers/paper.js';
import { buttonInteraction, commandInteraction, GUILD_ID } from '../fakes/fake-discord.js';
import { editsOf, startDiscordBot, type DiscordBot } from '../helpers/discord-bot.js';

let bot: DiscordBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const CHANNEL = '400000000000000004';
type Message = { content?: string; embeds?: { title: string; description: string; footer?: { text: string } }[]; components?: { components: { custom_id: string }[] }[]; allowed_mentions?: { parse: string[] } };
const STRING = 3;

const edits = (b: DiscordBot, token: string, count = 1) => editsOf<Message>(b, token, count);

describe('/papers in Discord over the gateway, with the real discord.js against a fake Discord', () => {
  it('defers a search, edits in ranked embeds, and More pages', async () => {
    bot = await startDiscordBot();
    const interaction = commandInteraction('search', [{ name: 'query', type: STRING, value: 'video' }]);
    bot.fake.dispatchInteraction(interaction);
    const [reply] = await edits(bot, interaction.token);
    const callback = bot.fake.requestsTo('POST', new RegExp(`/interactions/${interaction.id}/`))[0]!;
    expect(callback.body).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(reply!.content).toMatch(/^\*\*\d+ papers match `video` \(1–5\)\*\*$/);
    expect(reply!.embeds).toHaveLength(5);
    expect(reply!.embeds![0]!.title).toMatch(/^1\. /);
    expect(reply!.embeds![0]!.description).toMatch(/Matched (title|keywords|abstract): video/);
    expect(reply!.allowed_mentions).toEqual({ parse: [] });
    const more = reply!.components!.at(-1)!.components[0]!.custom_id;
    expect(more).toBe('papers:more:search video --page 2');

    const click = buttonInteraction(more);
    bot.fake.dispatchInteraction(click);
    const [page2] = await edits(bot, click.token);
    expect(bot.fake.requestsTo('POST', new RegExp(`/interactions/${click.id}/`))[0]!.body).toMatchObject({ type: 6 });
    expect(page2!.content).toMatch(/\(6–10\)/);
    // Numbering goes on from the first page.
    expect(page2!.embeds!.map((e) => e.title.match(/^(\d+)\. /)?.[1])).toEqual(['6', '7', '8', '9', '10']);
  });

  it('lets a member with Manage Channels subscribe and schedule, then the slot posts exactly one digest, topics first', async () => {
    const clock = { now: new Date('2025-06-09T12:00:00Z') };
    bot = await startDiscordBot({ now: () => clock.now });
    const subscribe = commandInteraction('subscribe', [{ name: 'query', type: STRING, value: '"video generation"' }]);
    bot.fake.dispatchInteraction(subscribe);
    await edits(bot, subscribe.token);
    await expect.poll(() => bot!.fake.requestsTo('POST', new RegExp(`/webhooks/\\d+/${subscribe.token}$`)).length).toBe(1);
    const announced = bot.fake.requestsTo('POST', new RegExp(`/webhooks/\\d+/${subscribe.token}$`))[0]!.body as Message & { flags?: number };
    expect(announced.content).toBe('<@500000000000000005> **subscribed this channel to `"video generation"`**\nDigests will lead with papers that match it.');
    expect(announced.flags).toBeUndefined();

    const schedule = commandInteraction('schedule', [{ name: 'time', type: STRING, value: '09:00' }, { name: 'timezone', type: STRING, value: 'Europe/Berlin' }]);
    bot.fake.dispatchInteraction(schedule);
    await edits(bot, schedule.token);

    const slot = new Date('2025-06-10T07:00:00Z');
    clock.now = slot;
    await bot.runtime.runSlot([`discord:${GUILD_ID}:${CHANNEL}`], slot);
    await bot.runtime.runSlot([`discord:${GUILD_ID}:${CHANNEL}`], slot);
    const posts = bot.fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL}/messages$`));
    expect(posts).toHaveLength(1);
    const digest = posts[0]!.body as Message;
    expect(digest.content).toMatch(/^\*\*Daily Papers digest, 2025-06-10\*\*\n\d of 5 match this channel's topics\.$/);
    expect(digest.embeds![0]!.description).toContain('**Topic:** `"video generation"`');
    expect(digest.allowed_mentions).toEqual({ parse: [] });
    expect(posts[0]!.auth).toBe('Bot discord-test-token');
  });

  it('refuses a member without Manage Channels with a clear message and saves nothing', async () => {
    bot = await startDiscordBot();
    const interaction = commandInteraction('subscribe', [{ name: 'query', type: STRING, value: 'llm' }], { permissions: '0' });
    bot.fake.dispatchInteraction(interaction);
    const [reply] = await edits(bot, interaction.token);
    expect(reply!.content).toBe("⚠️ Changing this channel's topics needs the Manage Channels permission, which you do not have here.");
    expect(await bot.runtime.channels.exists(`discord:${GUILD_ID}:${CHANNEL}`)).toBe(false);
  });

  it('sends a paper titled "@everyone look" with allowed_mentions.parse empty', async () => {
    const base: Paper = {
      id: '2506.88888', title: '@everyone look', abstract: 'Ping @here and <@&123> now.', authors: ['@everyone'], authorCount: 1, organization: null,
      upvotes: 999, comments: 0, githubRepo: null, githubStars: null, projectPage: null, thumbnail: null, aiSummary: null, aiKeywords: [],
      arxivDate: '2025-06-10', dailyDate: '2025-06-10',
      links: { hf: 'https://b-61j.pages.dev/papers/2506.88888', arxiv: 'https://arxiv.org/abs/2506.88888', pdf: 'https://arxiv.org/pdf/2506.88888' },
    };
    bot = await startDiscordBot({ extraPapers: [base] });
    await bot.runtime.channels.update(`discord:${GUILD_ID}:${CHANNEL}`, (s) => s);
    await bot.runtime.runSlot([`discord:${GUILD_ID}:${CHANNEL}`], new Date('2025-06-10T09:00:00Z'));
    const [post] = bot.fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL}/messages$`));
    const body = post!.body as Message;
    expect(body.embeds![0]!.title).toBe('1. @everyone look');
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('waits out a 429 on the channel route and pauses a channel that answers 403', async () => {
    bot = await startDiscordBot();
    let limited = false;
    bot.fake.on((req) => {
      if (req.method !== 'POST' || !req.path.startsWith('/channels/')) return undefined;
      if (req.path === '/channels/700000000000000007/messages') return { status: 403, body: { message: 'Missing Access', code: 50001 } };
      if (!limited) {
        limited = true;
        return { status: 429, headers: { 'retry-after': '1', 'x-ratelimit-scope': 'user' }, body: { message: 'You are being rate limited.', retry_after: 0.5, global: false } };
      }
      return undefined;
    });
    const ok = `discord:${GUILD_ID}:${CHANNEL}`;
    const denied = `discord:${GUILD_ID}:700000000000000007`;
    for (const key of [ok, denied]) await bot.runtime.channels.update(key, (s) => ({ ...s, size: 2 }));
    await bot.runtime.runSlot([ok, denied], new Date('2025-06-10T09:00:00Z'));
    const delivered = bot.fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL}/messages$`));
    expect(delivered.length).toBe(2); // the 429, then the retry
    expect((await bot.runtime.channels.get(ok)).paused).toBeNull();
    expect((await bot.runtime.channels.get(denied)).paused?.reason).toMatch(/^403 Missing Access/);
  });

  it('autocompletes the channel topics for unsubscribe and time zones for schedule', async () => {
    bot = await startDiscordBot();
    await bot.runtime.channels.update(`discord:${GUILD_ID}:${CHANNEL}`, (s) => ({ ...s, topics: [{ query: 'world model', canonical: 'model world', addedBy: 'a', addedAt: '' }, { query: 'llm', canonical: 'llm', addedBy: 'a', addedAt: '' }] }));
    const unsubscribe = { ...commandInteraction('unsubscribe', []), type: 4 };
    unsubscribe.data.options[0]!.options = [{ name: 'topic', type: STRING, value: 'wor', focused: true } as never];
    bot.fake.dispatchInteraction(unsubscribe);
    await expect.poll(() => bot!.fake.requestsTo('POST', new RegExp(`/interactions/${unsubscribe.id}/`)).length).toBe(1);
    expect(bot.fake.requestsTo('POST', new RegExp(`/interactions/${unsubscribe.id}/`))[0]!.body).toEqual({ type: 8, data: { choices: [{ name: '1. world model', value: '1' }] } });

    const zone = { ...commandInteraction('schedule', []), type: 4 };
    zone.data.options[0]!.options = [{ name: 'timezone', type: STRING, value: 'europe/ber', focused: true } as never];
    bot.fake.dispatchInteraction(zone);
    await expect.poll(() => bot!.fake.requestsTo('POST', new RegExp(`/interactions/${zone.id}/`)).length).toBe(1);
    expect(bot.fake.requestsTo('POST', new RegExp(`/interactions/${zone.id}/`))[0]!.body).toEqual({ type: 8, data: { choices: [{ name: 'Europe/Berlin', value: 'Europe/Berlin' }] } });
  });
});
