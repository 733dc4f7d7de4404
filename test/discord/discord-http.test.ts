import { afterEach, describe, expect, it } from 'vitest';
import { discordRest } from '../../adapters/discord/discord-target.js';
import { registerCommands } from '../../adapters/discord/register-commands.js';
import { APP_ID, commandInteraction, GUILD_ID, startFakeDiscord } from '../fakes/fake-discord.js';
import { postInteraction, startDiscordBot, type DiscordBot } from '../helpers/discord-bot.js';

let bot: DiscordBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const STRING = 3;

describe('Discord HTTP interactions (stateless)', () => {
  it('answers PING, refuses a bad signature with 401, defers a signed command and edits the answer in', async () => {
    bot = await startDiscordBot({ gateway: false, http: true });
    const url = bot.url!;
    expect(await postInteraction(url, bot.privateKey, { type: 1, id: '1', application_id: APP_ID, token: 't', version: 1 })).toEqual({ status: 200, body: { type: 1 } });
    expect((await postInteraction(url, bot.privateKey, { type: 1 }, { badSignature: true })).status).toBe(401);
    expect((await fetch(url, { method: 'POST', body: '{"type":1}' })).status).toBe(401);

    const interaction = commandInteraction('today', [{ name: 'count', type: 4, value: 2 }]);
    const deferred = await postInteraction(url, bot.privateKey, interaction);
    expect(deferred).toEqual({ status: 200, body: { type: 5, data: { flags: 64 } } });
    const edit = () => bot!.fake.requestsTo('PATCH', new RegExp(`/webhooks/${APP_ID}/${interaction.token}/messages/@original$`));
    await expect.poll(() => edit().length).toBe(1);
    const body = edit()[0]!.body as { content: string; embeds: { title: string }[]; allowed_mentions: unknown };
    expect(body.content).toContain('Top 2 of 13 Daily Papers, 2025');
    expect(body.embeds.map((e) => e.title)).toEqual([expect.stringMatching(/^1\. Geopolitical biases/), expect.stringMatching(/^2\. Solving Inequality Proofs/)]);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(edit()[0]!.auth).toBeUndefined();
  });

  it('answers a member whose permissions field is not a number, refusing the change and changing nothing', async () => {
    bot = await startDiscordBot({ gateway: false, http: true });
    const interaction = commandInteraction('subscribe', [{ name: 'query', type: STRING, value: 'diffusion' }], { permissions: 'all of them' });
    expect((await postInteraction(bot.url!, bot.privateKey, interaction)).status).toBe(200);
    const edit = () => bot!.fake.requestsTo('PATCH', new RegExp(`/webhooks/${APP_ID}/${interaction.token}/`));
    await expect.poll(() => edit().length).toBe(1);
    expect(JSON.stringify(edit()[0]!.body)).toContain('needs the Manage Channels permission');
    expect((await bot.runtime.channels.get(`discord:${GUILD_ID}:400000000000000004`)).topics).toEqual([]);
  });

  it('answers autocomplete with the channel topics', async () => {
    bot = await startDiscordBot({ gateway: false, http: true });
    await bot.runtime.channels.update(`discord:${GUILD_ID}:400000000000000004`, (s) => ({ ...s, topics: [{ query: 'diffusion', canonical: 'diffusion', addedBy: 'a', addedAt: '' }] }));
    const interaction = { ...commandInteraction('unsubscribe', []), type: 4 };
    interaction.data.options[0]!.options = [{ name: 'topic', type: STRING, value: '', focused: true } as never];
    expect(await postInteraction(bot.url!, bot.privateKey, interaction)).toEqual({ status: 200, body: { type: 8, data: { choices: [{ name: '1. diffusion', value: '1' }] } } });
  });
});

describe('register-commands', () => {
  it('puts /papers with every subcommand in a guild, and globally, the same on every run', async () => {
    const fake = await startFakeDiscord();
    try {
      const rest = discordRest('discord-test-token', fake.apiUrl);
      expect(await registerCommands(rest, APP_ID, '/papers', GUILD_ID)).toBe(`Registered /papers in guild ${GUILD_ID}.`);
      await registerCommands(rest, APP_ID, '/papers', GUILD_ID);
      await registerCommands(rest, APP_ID, '/papers');
      const puts = fake.requestsTo('PUT', /commands$/);
      expect(puts.map((p) => p.path)).toEqual([`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`, `/applications/${APP_ID}/guilds/${GUILD_ID}/commands`, `/applications/${APP_ID}/commands`]);
      expect(puts[0]!.body).toEqual(puts[1]!.body);
      const [command] = puts[0]!.body as unknown as { name: string; options: { name: string }[] }[];
      expect(command!.name).toBe('papers');
      expect(command!.options.map((o) => o.name)).toEqual(['help', 'today', 'week', 'search', 'paper', 'similar', 'subscribe', 'unsubscribe', 'topics', 'schedule', 'settings', 'status', 'follow', 'follows', 'unfollow', 'top']);
    } finally {
      await fake.close();
    }
  });
});
