import { afterEach, describe, expect, it } from 'vitest';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot.js';

let bot: SlackBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

/** Monday 2025-06-09: "3DFlowAction: … 3D Flow World Model" is far below the day's top five. */
const SLOT = new Date('2025-06-09T09:00:00Z');
type Posted = { channel: string; text: string; blocks: { type: string; text?: { text: string } }[] };
const posts = (b: SlackBot) => b.fake.callsOf('chat.postMessage').map((c) => c.params as unknown as Posted);
const sections = (post: Posted) => post.blocks.filter((b) => b.type === 'section').map((b) => b.text?.text ?? '');

async function startWithAdminOnly(): Promise<SlackBot> {
  const started = await startSlackBot({ env: { SLACK_ADMIN_ONLY_SETTINGS: 'true' }, now: () => SLOT });
  started.fake.on('users.info', (call) => ({ body: { ok: true, user: { id: call.params.user, is_admin: call.params.user === 'UADMIN', is_owner: false } } }));
  started.fake.on('conversations.info', () => ({ body: { ok: true, channel: { id: 'C1', creator: 'UCREATOR' } } }));
  return started;
}

describe('personal follows on Slack', () => {
  it('a member without the permission follows, cannot subscribe, and the digest mentions only them next to the matching paper', async () => {
    bot = await startWithAdminOnly();
    await bot.command('follow "world model"', { user: 'UMEMBER', userName: 'mia', responseId: 'follow' });
    const [followed] = await bot.responsesTo('follow');
    expect(followed!.response_type).toBe('ephemeral');
    expect(JSON.stringify(followed)).toContain('You follow `\\"world model\\"` in this channel');
    await bot.command('subscribe "world model"', { user: 'UMEMBER', responseId: 'subscribe' });
    expect(JSON.stringify((await bot.responsesTo('subscribe'))[0])).toContain("Changing this channel's topics needs the workspace admin or channel creator permission");
    await bot.command('settings size=5', { user: 'UADMIN', responseId: 'settings' });
    await bot.responsesTo('settings');

    await bot.runtime.runSlot(['slack:T1:C1'], SLOT);
    const [digest, ...others] = posts(bot);
    expect(others).toEqual([]);
    const texts = sections(digest!);
    const mentioning = texts.filter((text) => text.includes('<@'));
    expect(mentioning).toHaveLength(1);
    expect(mentioning[0]).toContain('3DFlowAction');
    expect(mentioning[0]).toMatch(/\n🔔 Followed by <@UMEMBER>$/);
    expect(JSON.stringify(digest).match(/<@[A-Z0-9]+>/g)).toEqual(['<@UMEMBER>']);
  });

  it('--dm sends the member a direct message after the digest and mentions nobody', async () => {
    bot = await startWithAdminOnly();
    await bot.command('follow "world model" --dm', { user: 'UMEMBER', responseId: 'follow' });
    await bot.responsesTo('follow');
    await bot.command('settings size=5', { user: 'UADMIN', responseId: 'settings' });
    await bot.responsesTo('settings');
    await bot.runtime.runSlot(['slack:T1:C1'], SLOT);
    await bot.runtime.runSlot(['slack:T1:C1'], SLOT);
    const [digest, dm, ...others] = posts(bot);
    expect(others).toEqual([]);
    expect(digest!.channel).toBe('C1');
    expect(JSON.stringify(digest)).not.toMatch(/<@/);
    expect(dm!.channel).toBe('UMEMBER');
    expect(JSON.stringify(dm)).toContain('Papers you follow in the Daily Papers digest, 2025-06-09');
    expect(JSON.stringify(dm)).toContain('3DFlowAction');
  });
});
