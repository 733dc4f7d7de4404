import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DISCORD_BOT_PERMISSIONS, discordBotPermissions, discordInviteUrl } from '../../adapters/discord/discord-invite.js';
import { runPlatformCommand } from '../../adapters/platform-commands.js';
import { APP_ID, GUILD_ID, startFakeDiscord } from '../fakes/fake-discord.js';

const discordDir = join(import.meta.dirname, '..', '..', 'adapters', 'discord');

/** What the bot needs for each REST route it calls as itself, on a channel that may be a thread. */
const ROUTE_PERMISSIONS: Record<string, (keyof typeof PermissionFlagsBits)[]> = {
  'post channelMessages': ['ViewChannel', 'SendMessages', 'SendMessagesInThreads'],
  'get channelMessages': ['ViewChannel', 'ReadMessageHistory'],
  // Starts the thread on a digest's headline (the thread style).
  'post threads': ['ViewChannel', 'CreatePublicThreads'],
  // Answers through the interaction's own webhook (its token, not the bot's): no permission at all.
  'patch webhookMessage': [],
  'post webhook': [],
  // Opens the direct message to the member who set up a channel whose digests stopped: no guild permission.
  'post userChannels': [],
};

describe('the Discord invite', () => {
  it('asks for View Channels, Send Messages, Send Messages in Threads, Create Public Threads, Embed Links and Read Message History, and nothing more', () => {
    const granted = new PermissionsBitField(discordBotPermissions());
    expect(granted.toArray().sort()).toEqual(['CreatePublicThreads', 'EmbedLinks', 'ReadMessageHistory', 'SendMessages', 'SendMessagesInThreads', 'ViewChannel']);
    expect(granted.has(PermissionFlagsBits.SendMessagesInThreads)).toBe(true);
    // The integer Discord's developer portal shows for these six.
    expect(discordBotPermissions()).toBe((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 35n) | (1n << 38n));
    for (const { label, why } of DISCORD_BOT_PERMISSIONS) expect(why.length, label).toBeGreaterThan(20);
  });

  it('covers every REST call the bot makes on a channel, and the embeds its digests carry', () => {
    const source = readdirSync(discordDir)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(join(discordDir, file), 'utf8'))
      .join('\n');
    const routes = [...new Set([...source.matchAll(/\brest\.(get|post|put|patch|delete)\(Routes\.(\w+)\(/g)].map((m) => `${m[1]} ${m[2]}`))].sort();
    // A new route fails here until the permissions it needs are known (and added to discord-invite.ts).
    expect(routes).toEqual(Object.keys(ROUTE_PERMISSIONS).sort());
    const needed = new Set(routes.flatMap((route) => ROUTE_PERMISSIONS[route]!));
    expect(source).toMatch(/embeds/);
    needed.add('EmbedLinks');
    expect(new PermissionsBitField(discordBotPermissions()).toArray().sort()).toEqual([...needed].sort());
  });

  it('is a link with the bot and applications.commands scopes and that permissions integer', () => {
    const url = new URL(discordInviteUrl(APP_ID));
    expect(`${url.origin}${url.pathname}`).toBe('https://discord.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: APP_ID, scope: 'bot applications.commands', permissions: String(discordBotPermissions()) });
    expect(new URL(discordInviteUrl(APP_ID, GUILD_ID)).searchParams.get('guild_id')).toBe(GUILD_ID);
    expect(() => discordInviteUrl('my-app')).toThrow(/17 to 20 digit snowflake/);
  });

  it('is printed by register-commands once the command is in place', async () => {
    const fake = await startFakeDiscord();
    try {
      const out: string[] = [];
      const env = { DISCORD_TOKEN: 'discord-test-token', DISCORD_APP_ID: APP_ID, DISCORD_API_URL: fake.apiUrl };
      const code = await runPlatformCommand(['register-commands', '--guild', GUILD_ID], { out: (t) => out.push(t), err: (t) => out.push(t) }, env);
      expect(code).toBe(0);
      expect(out).toEqual([`Registered /papers in guild ${GUILD_ID}.`, expect.stringContaining(discordInviteUrl(APP_ID, GUILD_ID))]);
      expect(fake.requestsTo('PUT', /commands$/)).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});
