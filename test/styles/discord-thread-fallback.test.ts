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

  it('a reply that could not go into the thread went to the channel, and a resumed run finds it there rather than posting it again', async () => {
    const discord = await discordPlatform();
    closers.push(() => discord.close());
    const papers = await fixturePapersOfOneDay();
    const reply = { kind: 'papers' as const, visibility: 'channel' as const, heading: 'Daily Papers digest, 2025-06-10', papers: papers.slice(0, 2).map((paper) => ({ paper, reasons: [] })), notes: [] };
    const headline = await discord.target.deliver(discord.channel, reply, 0, 'slot#1', { style: 'thread' });
    expect(headline).toMatchObject({ status: 'ok', ref: expect.any(String) });
    const thread = (headline as { ref: string }).ref;
    // The bot may start threads but not post in them: Discord refuses the post into the thread.
    discord.fake.on((req) => {
      if (req.method !== 'POST' || req.path !== `/channels/${thread}/messages`) return undefined;
      discord.fake.reject(req);
      return { status: 403, body: { message: 'Missing Permissions', code: 50013 } };
    });
    expect(await discord.target.deliver(discord.channel, reply, 1, 'slot#2', { style: 'thread', thread })).toMatchObject({ status: 'ok' });
    expect(discord.fake.threadOn(thread)).toBeDefined();
    expect(discord.inThread(thread)).toEqual([]);
    expect(discord.inChannel().map((m) => m.part)).toEqual([1, 2]);
    // The run crashed before recording part 2: asked where the thread's reply went, the channel has it.
    expect(await discord.target.wasDelivered!(discord.channel, 'slot#2', new Date(Date.now() - 60_000), { style: 'thread', thread })).toMatchObject({ ref: expect.any(String) });
    expect(await discord.target.wasDelivered!(discord.channel, 'slot#3', new Date(Date.now() - 60_000), { style: 'thread', thread })).toBe(false);
  });
});
