import { afterEach, describe, expect, it } from 'vitest';
import { embedChars, type DiscordEmbed, type DiscordMessage } from '../../adapters/discord/render-embeds.js';
import type { SlackBlock } from '../../adapters/slack/render-blocks.js';
import { SLACK_LIMITS } from '../../adapters/slack/slack-limits.js';
import { MAX_DIGEST_SIZE, type Follow } from '../../src/channels/channel-state.js';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { runDigest } from '../../src/digest/run-digest.js';
import { silentLogger } from '../../src/log.js';
import { PaperArchive } from '../../src/papers/archive.js';
import { createStore } from '../../src/store.js';
import { DISCORD_CHANNEL, discordPlatform, fixturePapersOfOneDay, slackPlatform } from './style-platforms.js';

const SLOT = new Date('2025-06-10T09:00:00Z');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Text a title may carry to ping a channel, a member or break the markup, were it not escaped. */
const HOSTILE = '<!channel> <!here> @everyone @here <@U0HOSTILE> <@123456789012345678> [x](https://evil.example) *_~`|> &amp; ';

/** Real papers with titles as long as a title gets (300 characters), every third one hostile. */
async function longTitledPapers() {
  const papers = await fixturePapersOfOneDay();
  return papers.map((p, i) => ({ ...p, title: `${i % 3 === 0 ? HOSTILE : ''}${p.title} — ${p.abstract}`.slice(0, 300) }));
}

const follow = (memberId: string, memberName: string, query: string, dm = false): Follow => ({ memberId, memberName, query, canonical: query, dm, addedAt: '2025-06-01T00:00:00Z' });

/** A channel set to the compact style, 20 papers, a topic, and seven members who follow a word that matches many papers (one by direct message). */
async function compactDigest(channel: string, memberIds: string[]) {
  const store = createStore('memory://', silentLogger);
  const archive = new PaperArchive(store.namespace('papers'), { refreshRecentDays: 0, refreshAfterMs: 1, logger: silentLogger, now: () => SLOT });
  await archive.importPapers(await longTitledPapers());
  const channels = new ChannelStore(store, silentLogger);
  const follows = memberIds.map((id, i) => follow(id, `member ${i} @everyone`, 'model', i === memberIds.length - 1));
  await channels.update(channel, (s) => ({
    ...s,
    style: 'compact',
    size: MAX_DIGEST_SIZE,
    scheduleSetAt: '2025-06-01T00:00:00Z',
    topics: [{ query: 'video', canonical: 'video', addedBy: 'ada', addedAt: '2025-06-01T00:00:00Z' }],
    follows,
  }));
  return { channels, store, deps: { archive, channels, deliveries: store.namespace('deliveries'), logger: silentLogger, commandName: '/papers', now: () => SLOT, backoffMs: 1 } };
}

describe('a compact digest of 20 papers with long, hostile titles', () => {
  it('is exactly one Slack message, within every Block Kit limit, a linked line per paper and the follows mentioned', async () => {
    const slack = await slackPlatform();
    closers.push(() => slack.close());
    const members = Array.from({ length: 7 }, (_, i) => `UMEMBER${i}`);
    const { deps } = await compactDigest(slack.channel, members);
    expect(await runDigest(slack.channel, SLOT, { ...deps, target: slack.target })).toBe('sent');

    const posts = slack.fake.channelMessages('C1');
    expect(posts).toHaveLength(1);
    const { blocks, text, link_names, parse } = posts[0]!.call.params as { blocks: SlackBlock[]; text: string; link_names?: unknown; parse?: unknown };
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.blockCharsPerMessage);
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    expect(link_names).toBeUndefined();
    expect(parse).toBeUndefined();
    const texts = blocks.flatMap((b) => (b.type === 'section' ? [(b.text as { text: string }).text] : b.type === 'context' ? (b.elements as { text: string }[]).map((e) => e.text) : []));
    // One row of 👍, a button per paper, numbered as the lines are.
    const likes = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as { action_id: string; text: { text: string } }[]);
    expect(likes.map((e) => e.text.text)).toEqual(Array.from({ length: 20 }, (_, i) => `#${i + 1} 👍`));
    expect(likes.every((e) => e.action_id.startsWith('papers_like:'))).toBe(true);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);

    const lines = texts.join('\n').split('\n').filter((line) => /^\d+\. ▲ \d+ {2}<https:\/\/[\w.-]+\/papers\/[\d.]+\|/.test(line));
    expect(lines.map((line) => Number(line.split('.')[0]))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(lines.some((line) => line.includes('· `video`'))).toBe(true);
    // Titles cannot ping or link: Slack's three characters are escaped, and nothing else.
    const all = JSON.stringify(blocks) + text;
    for (const ping of ['<!channel>', '<!here>', '<@U0HOSTILE>', '<https://evil']) expect(all).not.toContain(ping);
    expect(all).toContain('&lt;!channel&gt;');
    // Followers are mentioned next to the papers their follow matches; the member who asked for direct messages is not.
    for (const member of members.slice(0, 5)) expect(all).toContain(`<@${member}>`);
    expect(all).not.toContain(`<@${members[6]}>`);
    expect(lines.some((line) => /🔔 <@UMEMBER0>, <@UMEMBER1>, <@UMEMBER2>, <@UMEMBER3>, <@UMEMBER4> \+1$/.test(line))).toBe(true);
  });

  it('is exactly one Discord message, within every embed limit with its delivery mark, pinging exactly the followers', async () => {
    const discord = await discordPlatform();
    closers.push(() => discord.close());
    const members = Array.from({ length: 7 }, (_, i) => `51000000000000000${i}`);
    const { deps } = await compactDigest(discord.channel, members);
    expect(await runDigest(discord.channel, SLOT, { ...deps, target: discord.target })).toBe('sent');

    const posts = discord.fake.messagesIn(DISCORD_CHANNEL);
    expect(posts).toHaveLength(1);
    const message = posts[0]!.body as unknown as DiscordMessage;
    expect(message.content!.length).toBeLessThanOrEqual(2000);
    expect(message.content).toMatch(/^\*\*Daily Papers digest, 2025-06-10\*\*\n/);
    expect(message.embeds.length).toBeLessThanOrEqual(10);
    for (const embed of message.embeds) expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(message.embeds.reduce((n, embed: DiscordEmbed) => n + embedChars(embed), 0)).toBeLessThanOrEqual(6000);
    expect(message.embeds.at(-1)!.footer!.text).toMatch(/^papers-bot · digest [0-9a-f]{12} · 1\/1$/);

    const lines = message.embeds.flatMap((embed) => embed.description!.split('\n')).filter((line) => /^\*\*\d+\.\*\* ▲ \d+ \[.+\]\(https:\/\/[\w.-]+\/papers\/[\d.]+\)/.test(line));
    expect(lines.map((line) => Number(/^\*\*(\d+)/.exec(line)![1]))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(lines.some((line) => line.includes('· `video`'))).toBe(true);
    // 👍 for every paper, in rows of five under the lines.
    const rows = message.components as { components: { label: string; custom_id: string }[] }[];
    expect(rows.map((row) => row.components.length)).toEqual([5, 5, 5, 5]);
    expect(rows.flatMap((row) => row.components.map((c) => c.label))).toEqual(Array.from({ length: 20 }, (_, i) => `#${i + 1} 👍`));
    const all = JSON.stringify(message);
    expect(all).not.toMatch(/@(everyone|here)/);
    expect(all).not.toContain('[x](https://evil');
    // Exactly the members whose follows matched, never roles or everyone; the direct-message follower is not pinged.
    expect(message.allowed_mentions).toEqual({ parse: [], users: members.slice(0, 6) });
    expect(message.content).toContain(`🔔 ${members.slice(0, 6).map((id) => `<@${id}>`).join(' ')}`);
  });
});
