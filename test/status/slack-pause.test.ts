import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot.js';

let bot: SlackBot | undefined;
beforeEach(() => {
  clock.now = new Date('2025-06-09T12:00:00Z');
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const clock = { now: new Date() };
const CHANNEL = 'slack:T1:C1';
type Posted = { channel: string; text: string; blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[] };
const textOf = (post: Posted) => post.blocks.map((b) => b.text?.text ?? b.elements?.map((e) => e.text).join(' ') ?? '').join('\n');

describe('a Slack channel that stops taking digests', () => {
  it('is paused on channel_not_found, the member who set it up gets one direct message, and status shows the pause', async () => {
    bot = await startSlackBot({ now: () => clock.now });
    await bot.command('subscribe "video generation"', { user: 'U1', userName: 'ada', responseId: 'sub' });
    await bot.command('schedule 09:00 Europe/Berlin', { user: 'U2', userName: 'grace', responseId: 'set' });
    await bot.responsesTo('set');
    bot.fake.on('chat.postMessage', (call) => (call.params.channel === 'C1' ? { body: { ok: false, error: 'channel_not_found' } } : undefined));

    const tuesday = new Date('2025-06-10T07:00:00Z');
    clock.now = tuesday;
    await bot.runtime.runSlot([CHANNEL], tuesday);
    await bot.runtime.runSlot([CHANNEL], tuesday); // a second replica firing for the same slot
    expect((await bot.runtime.channels.get(CHANNEL)).paused).toMatchObject({ reason: 'channel_not_found', cause: 'gone' });

    const dms = bot.fake.directMessagesTo('U2').map((c) => c.params as unknown as Posted);
    expect(dms).toHaveLength(1);
    expect(bot.fake.directMessagesTo('U1')).toHaveLength(0);
    const dm = textOf(dms[0]!);
    expect(dm).toContain('About <#C1>');
    expect(dm).toContain('The Daily Papers digest you set up has stopped');
    expect(dm).toContain('`channel_not_found`');
    expect(dm).toContain('the bot was removed from it');
    expect(dm).toContain('invite the bot back, then run `/papers schedule 09:00 Europe/Berlin` in the channel');
    expect(JSON.stringify(dms[0])).not.toMatch(/link_names|"parse"/);

    // Later slots and the pass that resumes unfinished digests send no second message.
    const wednesday = new Date('2025-06-11T07:00:00Z');
    clock.now = wednesday;
    await bot.runtime.runSlot([CHANNEL], wednesday);
    await bot.runtime.runSlot.resumeUnfinished();
    expect(bot.fake.directMessagesTo('U2')).toHaveLength(1);

    await bot.command('status', { user: 'U3', userName: 'linus', responseId: 'status' });
    const [status] = await bot.responsesTo('status');
    const shown = JSON.stringify(status);
    expect(status!.response_type).toBe('ephemeral');
    expect(shown).toContain('Paused since 2025-06-10');
    expect(shown).toContain('`channel_not_found`');
    expect(shown).toContain('To resume: unarchive the channel or invite the bot back, then run `/papers schedule 09:00 Europe/Berlin` in the channel.');
    expect(shown).toContain('Last set up by grace on 2025-06-09');
  });

  it('tells the member again after a resume and a second failure, and not before', async () => {
    bot = await startSlackBot({ now: () => clock.now });
    await bot.command('settings size=2', { user: 'U2', userName: 'grace', responseId: 'set' });
    await bot.responsesTo('set');
    let gone = true;
    bot.fake.on('chat.postMessage', (call) => (call.params.channel === 'C1' && gone ? { body: { ok: false, error: 'not_in_channel' } } : undefined));

    const tuesday = new Date('2025-06-10T09:00:00Z');
    clock.now = tuesday;
    await bot.runtime.runSlot([CHANNEL], tuesday);
    expect(bot.fake.directMessagesTo('U2')).toHaveLength(1);
    expect(textOf(bot.fake.directMessagesTo('U2')[0]!.params as unknown as Posted)).toContain('invite the bot to the channel');

    // U4 resumes it; the bot is still not invited, so the next slot pauses it again and tells U4.
    clock.now = new Date('2025-06-10T10:00:00Z');
    await bot.command('schedule 09:00 UTC', { user: 'U4', userName: 'alan', responseId: 'resume' });
    await bot.responsesTo('resume');
    const wednesday = new Date('2025-06-11T09:00:00Z');
    clock.now = wednesday;
    await bot.runtime.runSlot([CHANNEL], wednesday);
    expect(bot.fake.directMessagesTo('U2')).toHaveLength(1);
    expect(bot.fake.directMessagesTo('U4')).toHaveLength(1);

    gone = false;
    clock.now = new Date('2025-06-11T10:00:00Z');
    await bot.command('schedule 09:00 UTC', { user: 'U4', userName: 'alan', responseId: 'fixed' });
    await bot.responsesTo('fixed');
    const thursday = new Date('2025-06-12T09:00:00Z');
    clock.now = thursday;
    await bot.runtime.runSlot([CHANNEL], thursday);
    expect(bot.fake.callsOf('chat.postMessage').filter((c) => c.params.channel === 'C1')).toHaveLength(1);
    expect(bot.fake.directMessagesTo('U4')).toHaveLength(1);
  });
});
