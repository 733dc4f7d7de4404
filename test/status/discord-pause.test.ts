import { afterEach, describe, expect, it } from 'vitest';
import { commandInteraction, CHANNEL_ID as CHANNEL, CHANNEL_KEY as KEY } from '../fakes/fake-discord.js';
import { editsOf, startDiscordBot, type DiscordBot } from '../helpers/discord-bot.js';

let bot: DiscordBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const GRACE = '500000000000000012';
const STRING = 3;
type Message = { content?: string; allowed_mentions?: { parse: string[] } };

const edits = (b: DiscordBot, token: string) => editsOf<Message>(b, token);

describe('a Discord channel that stops taking digests', () => {
  it('is paused on a 403, the member who scheduled it gets one direct message, and status shows the pause', async () => {
    const clock = { now: new Date('2025-06-09T12:00:00Z') };
    bot = await startDiscordBot({ now: () => clock.now });
    const schedule = commandInteraction('schedule', [{ name: 'time', type: STRING, value: '09:00' }, { name: 'timezone', type: STRING, value: 'UTC' }], { userId: GRACE, userName: 'Grace' });
    bot.fake.dispatchInteraction(schedule);
    await edits(bot, schedule.token);
    bot.fake.on((req) => (req.method === 'POST' && req.path === `/channels/${CHANNEL}/messages` ? { status: 403, body: { message: 'Missing Access', code: 50001 } } : undefined));

    for (const day of ['2025-06-10', '2025-06-11']) {
      const slot = new Date(`${day}T09:00:00Z`);
      clock.now = slot;
      await bot.runtime.runSlot([KEY], slot);
    }
    expect((await bot.runtime.channels.get(KEY)).paused).toMatchObject({ cause: 'forbidden', reason: expect.stringMatching(/^403 Missing Access/) });
    expect(bot.fake.requestsTo('POST', /^\/users\/@me\/channels$/).map((r) => r.body)).toEqual([{ recipient_id: GRACE }]);
    const dms = bot.fake.directMessagesTo(GRACE).map((r) => r.body as Message);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.allowed_mentions).toEqual({ parse: [] });
    expect(dms[0]!.content).toMatch(new RegExp(`^About <#${CHANNEL}>\\n\\*\\*The Daily Papers digest you set up has stopped\\*\\*`));
    expect(dms[0]!.content).toContain('invite the bot to the channel, or give it the permission to send messages, then run `/papers schedule 09:00 UTC` in the channel');

    const status = commandInteraction('status', [], { permissions: '0', userId: '500000000000000013' });
    bot.fake.dispatchInteraction(status);
    const [shown] = await edits(bot, status.token);
    expect(shown!.content).toContain('Paused since 2025-06-10');
    expect(shown!.content).toContain('To resume: invite the bot to the channel');
  });
});
