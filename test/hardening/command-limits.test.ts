import { afterEach, describe, expect, it } from 'vitest';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot.js';

let bot: SlackBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('limits on abuse', () => {
  it('refuses a member past their per-minute budget, says when to try again, and lets others through', async () => {
    bot = await startSlackBot({ env: { COMMAND_RATE_PER_USER: '3', COMMAND_RATE_PER_CHANNEL: '5' } });
    for (let i = 0; i < 3; i++) await bot.command('today 1', { user: 'UFLOOD', responseId: `ok${i}` });
    await bot.command('subscribe spam', { user: 'UFLOOD', responseId: 'refused' });
    const [refused] = await bot.responsesTo('refused');
    expect(JSON.stringify(refused)).toMatch(/You are sending commands faster than the bot allows; try again in \d+ seconds?\./);
    expect((await bot.runtime.channels.get('slack:T1:C1')).topics).toEqual([]);

    await bot.command('today 1', { user: 'UCALM', responseId: 'calm' });
    expect(JSON.stringify((await bot.responsesTo('calm'))[0])).toContain('Top 1 of 13');
    await bot.command('today 1', { user: 'UCALM2', responseId: 'fifth' }); // the channel's fifth this minute
    await bot.responsesTo('fifth');
    await bot.command('today 1', { user: 'UCALM3', responseId: 'full' });
    expect(JSON.stringify((await bot.responsesTo('full'))[0])).toMatch(/This channel is sending commands faster than the bot allows/);
    await bot.command('today 1', { user: 'UCALM2', channel: 'COTHER', responseId: 'other' });
    expect(JSON.stringify((await bot.responsesTo('other'))[0])).toContain('Top 1 of 13');
  });
});

describe('a member flooding many channels', () => {
  it('is refused past COMMAND_RATE_PER_MEMBER across channels, though each channel alone is within its limits', async () => {
    bot = await startSlackBot({ env: { COMMAND_RATE_PER_USER: '5', COMMAND_RATE_PER_CHANNEL: '10', COMMAND_RATE_PER_MEMBER: '8' } });
    for (let i = 0; i < 8; i++) await bot.command('today 1', { user: 'USPREAD', channel: `C${i}`, responseId: `spread${i}` });
    for (let i = 0; i < 8; i++) expect(JSON.stringify((await bot.responsesTo(`spread${i}`))[0])).toContain('Top 1 of 13');
    await bot.command('today 1', { user: 'USPREAD', channel: 'C9', responseId: 'ninth' });
    expect(JSON.stringify((await bot.responsesTo('ninth'))[0])).toMatch(/You are sending commands faster than the bot allows/);
    await bot.command('today 1', { user: 'UOTHER', channel: 'C9', responseId: 'someone-else' });
    expect(JSON.stringify((await bot.responsesTo('someone-else'))[0])).toContain('Top 1 of 13');
  });
});
