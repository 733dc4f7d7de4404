import { afterEach, describe, expect, it } from 'vitest';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot.js';

let bot: SlackBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const clock = { now: new Date('2025-06-09T12:00:00Z') };
type Posted = { channel: string; text: string; blocks: { type: string; text?: { text: string } }[]; metadata: { event_payload: { delivery_id: string } }; link_names?: unknown; parse?: unknown };
const posts = (b: SlackBot) => b.fake.callsOf('chat.postMessage').map((c) => c.params as unknown as Posted);
const paperIds = (post: Posted) =>
  post.blocks.filter((b) => b.type === 'section').flatMap((b) => [...(b.text?.text ?? '').matchAll(/\/papers\/(\d{4}\.\d{5})\|/g)].map((m) => m[1]!));

describe('scheduled digests posted to Slack', () => {
  it('a subscribed, scheduled channel gets exactly one chat.postMessage per slot, topics first, and no repeats the next day', async () => {
    bot = await startSlackBot({ now: () => clock.now });
    await bot.command('subscribe "video generation"', { responseId: 's1' });
    await bot.command('schedule 09:00 Europe/Berlin', { responseId: 's2' });
    const [scheduled] = await bot.responsesTo('s2');
    expect(JSON.stringify(scheduled)).toContain('Next: Tue 10 Jun, 09:00 GMT+2.');

    const tuesday = new Date('2025-06-10T07:00:00Z'); // 09:00 in Berlin, summer time
    clock.now = tuesday;
    await bot.runtime.runSlot(['slack:T1:C1'], tuesday);
    await bot.runtime.runSlot(['slack:T1:C1'], tuesday); // a second replica firing for the same slot
    const first = posts(bot);
    expect(first).toHaveLength(1);
    expect(first[0]!.channel).toBe('C1');
    expect(first[0]!.metadata.event_payload.delivery_id).toBe('slack:T1:C1|2025-06-10T07:00:00.000Z#1');
    const sections = first[0]!.blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
    expect(sections[0]).toBe('*Daily Papers digest, 2025-06-10*');
    expect(sections[1]).toContain('Topic: `"video generation"`');
    expect(first[0]!.link_names).toBeUndefined();

    const wednesday = new Date('2025-06-11T07:00:00Z');
    clock.now = wednesday;
    await bot.runtime.runSlot(['slack:T1:C1'], wednesday);
    const both = posts(bot);
    expect(both).toHaveLength(2);
    const day1 = paperIds(both[0]!);
    const day2 = paperIds(both[1]!);
    expect(day1).toHaveLength(5);
    expect(day2.length).toBeGreaterThan(0);
    expect(day2.filter((id) => day1.includes(id))).toEqual([]);
  });

  it('waits out a 429 with Retry-After: 1 and loses nothing', async () => {
    bot = await startSlackBot({ now: () => clock.now });
    let limited = 0;
    bot.fake.on('chat.postMessage', () => (limited++ === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } } : undefined));
    await bot.command('settings size=3', { responseId: 'x' });
    await bot.responsesTo('x');
    const slot = new Date('2025-06-10T09:00:00Z');
    clock.now = slot;
    const started = Date.now();
    await bot.runtime.runSlot(['slack:T1:C1'], slot);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(posts(bot)).toHaveLength(1);
    expect(paperIds(posts(bot)[0]!)).toHaveLength(3);
  });

  it('pauses a channel Slack says is gone, and keeps delivering to the others', async () => {
    bot = await startSlackBot({ now: () => clock.now });
    bot.fake.on('chat.postMessage', (call) => (call.params.channel === 'CGONE' ? { body: { ok: false, error: 'channel_not_found' } } : undefined));
    await bot.command('settings size=2', { channel: 'CGONE', responseId: 'a' });
    await bot.command('settings size=2', { channel: 'C2', responseId: 'b' });
    await bot.responsesTo('a');
    await bot.responsesTo('b');
    const slot = new Date('2025-06-10T09:00:00Z');
    clock.now = slot;
    await bot.runtime.runSlot(['slack:T1:CGONE', 'slack:T1:C2'], slot);
    // U1, who set CGONE up, is told by direct message (test/status/slack-pause.test.ts).
    expect(posts(bot).map((p) => p.channel)).toEqual(['C2', 'U1']);
    expect((await bot.runtime.channels.get('slack:T1:CGONE')).paused?.reason).toBe('channel_not_found');
    await bot.command('schedule', { channel: 'CGONE', responseId: 'c' });
    const [shown] = await bot.responsesTo('c');
    expect(JSON.stringify(shown)).toContain('Paused since 2025-06-10: channel_not_found');
  });
});
