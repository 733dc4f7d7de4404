import { afterEach, describe, expect, it } from 'vitest';
import type { DiscordMessage } from '../../adapters/discord/render-embeds.js';
import type { Reply } from '../../src/commands/reply.js';
import { fixturePapersOfOneDay, slackPlatform, discordPlatform } from './style-platforms.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Three papers of a digest; the second matches member A's follow and has a title that tries to ping everyone. */
async function digest(memberId: string): Promise<Reply> {
  const papers = (await fixturePapersOfOneDay()).slice(0, 3);
  return {
    kind: 'papers',
    visibility: 'channel',
    heading: 'Daily Papers digest, 2025-06-10',
    papers: papers.map((paper, i) => (i === 1 ? { paper: { ...paper, title: `@everyone <!channel> ${paper.title}` }, reasons: [], mentions: [{ id: memberId, name: 'ada' }] } : { paper, reasons: [] })),
    notes: [],
  };
}

describe('follows in a threaded digest', () => {
  it('on Slack, mention member A in the reply of the paper A follows, and nowhere else', async () => {
    const slack = await slackPlatform();
    closers.push(() => slack.close());
    const reply = await digest('UADA1');
    const head = await slack.target.deliver(slack.channel, reply, 0, 'd#1', { style: 'thread' });
    expect(head).toMatchObject({ status: 'ok', ref: expect.any(String) });
    const thread = (head as { ref: string }).ref;
    for (const part of [1, 2, 3]) await slack.target.deliver(slack.channel, reply, part, `d#${part + 1}`, { style: 'thread', thread });
    const posts = slack.fake.threadReplies('C1', thread).map((call) => JSON.stringify(call.params.blocks));
    expect(posts.map((blocks) => blocks.includes('<@UADA1>'))).toEqual([false, true, false]);
    expect(posts[1]).toContain('@everyone &lt;!channel&gt;');
    expect(JSON.stringify(slack.fake.channelMessages('C1')[0]!.call.params)).not.toContain('UADA1');
  });

  it('on Discord, ping exactly member A in the reply of the paper A follows, never roles or everyone', async () => {
    const discord = await discordPlatform();
    closers.push(() => discord.close());
    const ada = '510000000000000009';
    const reply = await digest(ada);
    const head = await discord.target.deliver(discord.channel, reply, 0, 'd#1', { style: 'thread' });
    const thread = (head as { ref: string }).ref;
    for (const part of [1, 2, 3]) await discord.target.deliver(discord.channel, reply, part, `d#${part + 1}`, { style: 'thread', thread });
    const bodies = discord.fake.messagesIn(thread).map((request) => request.body as unknown as DiscordMessage);
    expect(bodies.map((body) => body.allowed_mentions)).toEqual([{ parse: [] }, { parse: [], users: [ada] }, { parse: [] }]);
    expect(bodies[1]!.content).toBe(`🔔 <@${ada}>`);
    expect((discord.fake.messagesIn('400000000000000004')[0]!.body as unknown as DiscordMessage).allowed_mentions).toEqual({ parse: [] });
  });
});
