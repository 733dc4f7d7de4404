import { Routes } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { discordRest } from '../../adapters/discord/discord-target.js';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { runDigest } from '../../src/digest/run-digest.js';
import { silentLogger } from '../../src/log.js';
import { PaperArchive } from '../../src/papers/archive.js';
import { createStore } from '../../src/store.js';
import { DISCORD_CHANNEL, discordPlatform, fixturePapersOfOneDay } from './style-platforms.js';

const SLOT = new Date('2025-06-10T09:00:00Z');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('the thread style in a Discord channel that is a thread itself', () => {
  it('cannot start a thread there, so the papers follow the headline in that thread, each once', async () => {
    const discord = await discordPlatform();
    closers.push(() => discord.close());
    // A schedule set from inside a thread delivers there: make one, as a member would have.
    const rest = discordRest('bot-token', discord.fake.apiUrl);
    const starter = (await rest.post(Routes.channelMessages(DISCORD_CHANNEL), { body: { content: 'papers talk' } })) as { id: string };
    await rest.post(Routes.threads(DISCORD_CHANNEL, starter.id), { body: { name: 'papers talk' } });
    const channel = `discord:G1:${starter.id}`;

    const store = createStore('memory://', silentLogger);
    const archive = new PaperArchive(store.namespace('papers'), { refreshRecentDays: 0, refreshAfterMs: 1, logger: silentLogger, now: () => SLOT });
    await archive.importPapers(await fixturePapersOfOneDay());
    const channels = new ChannelStore(store, silentLogger);
    await channels.update(channel, (s) => ({ ...s, style: 'thread', size: 3, scheduleSetAt: '2025-06-01T00:00:00Z' }));
    const deps = { archive, channels, deliveries: store.namespace('deliveries'), target: discord.target, logger: silentLogger, commandName: '/papers', now: () => SLOT, backoffMs: 1 };
    expect(await runDigest(channel, SLOT, deps)).toBe('sent');

    const parts = discord.fake.messagesIn(starter.id).map((m) => /· (\d+)\/4$/.exec(((m.body?.embeds as { footer?: { text: string } }[] | undefined)?.at(-1)?.footer?.text ?? String(m.body?.content)))?.[1]);
    expect(parts).toEqual(['1', '2', '3', '4']);
    expect((await channels.get(channel)).paused).toBeNull();
  });
});
