import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { discordRest, discordTarget } from '../../adapters/discord/discord-target.js';
import { embedChars, type DiscordEmbed } from '../../adapters/discord/render-embeds.js';
import { slackTarget } from '../../adapters/slack/slack-target.js';
import { ChannelStore } from '../../src/channels/channel-store.js';
import type { Reply } from '../../src/commands/reply.js';
import type { DeliveryOutcome, DeliveryTarget } from '../../src/digest/delivery.js';
import { runDigest, type DigestRunnerDeps } from '../../src/digest/run-digest.js';
import { createSlotRunner } from '../../src/digest/slot-runner.js';
import { silentLogger } from '../../src/log.js';
import { PaperArchive } from '../../src/papers/archive.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import { createStore } from '../../src/store.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { fixturePath } from '../helpers/fixtures.js';

const SLOT = new Date('2025-06-10T09:00:00Z');
const DISCORD_CHANNEL = '400000000000000004';

const closers: (() => Promise<void>)[] = [];
const fakes: FakeSlack[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Real fixture papers with long titles and summaries, so that one digest takes three messages. */
async function longPapers() {
  const { papers } = await loadPaperFiles([fixturePath('hf/daily')]);
  return papers.map((p) => ({ ...p, title: `${p.title} — ${p.abstract}`.slice(0, 280), aiSummary: p.abstract.slice(0, 900) }));
}

interface Platform {
  channel: string;
  /** Digest size that takes exactly three messages on this platform. */
  size: number;
  target: DeliveryTarget;
  /** The digest's messages in the channel, by the part number each carries, in posting order. */
  partsInChannel(): number[];
  /** Makes the posts of part 2 fail `times` times (or until healed): refused outright, or taken by the platform with the answer lost. */
  failPartTwo(how: 'refused' | 'answer lost', times?: number): { heal(): void };
}

async function slack(): Promise<Platform> {
  const fake: FakeSlack = await startFakeSlack();
  fakes.push(fake);
  closers.push(() => fake.close());
  // As the Slack adapter builds its digest client: no retries of its own.
  const client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  return {
    channel: 'slack:T1:C1',
    size: 15,
    target: slackTarget({ clientFor: async () => client, logger: silentLogger, pace: async () => {} }),
    partsInChannel: () =>
      fake.callsOf('chat.postMessage').map((call) => {
        const payload = (call.params.metadata as { event_payload: { delivery_id: string; part: number } }).event_payload;
        expect(payload.delivery_id).toBe(`slack:T1:C1|${SLOT.toISOString()}#${payload.part}`);
        return payload.part;
      }),
    failPartTwo(how, times = 1) {
      let posts = 0;
      let healed = false;
      fake.on('chat.postMessage', () => {
        if (healed || posts++ < 1 || posts > 1 + times) return undefined;
        return how === 'refused' ? { body: { ok: false, error: 'internal_error' } } : { status: 500, body: { error: 'upstream timeout' } };
      });
      return { heal: () => (healed = true) };
    },
  };
}

async function discord(): Promise<Platform> {
  const fake: FakeDiscord = await startFakeDiscord();
  closers.push(() => fake.close());
  return {
    channel: `discord:G1:${DISCORD_CHANNEL}`,
    size: 10,
    target: discordTarget(discordRest('bot-token', fake.apiUrl)),
    partsInChannel: () =>
      fake.messagesIn(DISCORD_CHANNEL).map((request) => {
        const embeds = (request.body?.embeds ?? []) as { footer?: { text?: string } }[];
        return Number(/(\d+)\/3$/.exec(embeds.at(-1)?.footer?.text ?? '')?.[1]);
      }),
    failPartTwo(how, times = 1) {
      let posts = 0;
      let healed = false;
      fake.on((request) => {
        if (request.method !== 'POST' || !request.path.endsWith('/messages')) return undefined;
        if (healed || posts++ < 1 || posts > 1 + times) return undefined;
        if (how === 'refused') fake.reject(request);
        return { status: 500, body: { message: 'Internal Server Error', code: 0 } };
      });
      return { heal: () => (healed = true) };
    },
  };
}

async function digestSetup(platform: Platform) {
  const store = createStore('memory://', silentLogger);
  const archive = new PaperArchive(store.namespace('papers'), { refreshRecentDays: 0, refreshAfterMs: 1, logger: silentLogger, now: () => SLOT });
  await archive.importPapers(await longPapers());
  const channels = new ChannelStore(store, silentLogger);
  await channels.update(platform.channel, (s) => ({ ...s, size: platform.size, scheduleSetAt: '2025-06-01T00:00:00Z' }));
  const deps = (target: DeliveryTarget, now = SLOT, retries = 3): DigestRunnerDeps => ({
    archive,
    channels,
    deliveries: store.namespace('deliveries'),
    target,
    logger: silentLogger,
    commandName: '/papers',
    now: () => now,
    retries,
    backoffMs: 1,
  });
  return { channels, deps };
}

/** A process that dies while posting part `dies` (0-based): after the post reached the channel, or before. */
function dyingAt(target: DeliveryTarget, dies: number, postReached: boolean): DeliveryTarget {
  return {
    partCount: (channel, reply) => target.partCount(channel, reply),
    wasDelivered: (channel, id, since) => target.wasDelivered!(channel, id, since),
    async deliver(channel: string, reply: Reply, part: number, id: string): Promise<DeliveryOutcome> {
      if (part < dies) return target.deliver(channel, reply, part, id);
      if (postReached) await target.deliver(channel, reply, part, id);
      return new Promise(() => {}); // a dead process never answers
    },
  };
}

const platforms = [
  { name: 'Slack', start: slack },
  { name: 'Discord', start: discord },
];

describe('a Slack digest to a public channel the bot is not in (chat:write.public)', () => {
  it('part 2 answer lost and history unreadable (not_in_channel): the digest still completes instead of stopping', async () => {
    const platform = await slack();
    const { deps } = await digestSetup(platform);
    const fake = fakes.at(-1)!;
    fake.on('conversations.history', () => ({ body: { ok: false, error: 'not_in_channel' } }));
    platform.failPartTwo('answer lost');
    expect(await runDigest(platform.channel, SLOT, deps(platform.target))).toBe('sent');
    // Unable to look, part 2 is posted again: a repeat is the price, a lost digest is not.
    expect([...new Set(platform.partsInChannel())]).toEqual([1, 2, 3]);
  });
});

describe.each(platforms)('a digest of three messages on $name', ({ start }) => {
  it.each(['refused', 'answer lost'] as const)('part 2 fails once (%s): parts 1, 2 and 3 arrive exactly once each', async (how) => {
    const platform = await start();
    const { deps } = await digestSetup(platform);
    platform.failPartTwo(how);
    expect(await runDigest(platform.channel, SLOT, deps(platform.target))).toBe('sent');
    expect(platform.partsInChannel()).toEqual([1, 2, 3]);
  });

  it('part 2 fails past every retry: part 1 is remembered, and a later pass resumes at part 2', async () => {
    const platform = await start();
    const { deps, channels } = await digestSetup(platform);
    const outage = platform.failPartTwo('refused', Number.POSITIVE_INFINITY);
    expect(await runDigest(platform.channel, SLOT, deps(platform.target, SLOT, 1))).toBe('failed');
    expect(platform.partsInChannel()).toEqual([1]);
    // The papers of part 1 are in the history already: no later digest repeats them.
    expect((await channels.history(platform.channel)).lastDigest?.slot).toBe(SLOT.toISOString());

    // Five minutes later the platform is back and the scheduler's resume pass runs.
    outage.heal();
    const later = new Date(SLOT.getTime() + 5 * 60_000);
    const runner = createSlotRunner(deps(platform.target, later), { concurrency: 2 });
    await runner.resumeUnfinished();
    await expect.poll(() => runner.results.get('sent')).toBe(1);
    expect(platform.partsInChannel()).toEqual([1, 2, 3]);
    await runner.resumeUnfinished();
    expect(runner.results.get('sent')).toBe(1);
    expect(platform.partsInChannel()).toEqual([1, 2, 3]);
  });

  it.each([
    ['after part 1 was recorded', 1, false],
    ['with part 2 posted but not yet recorded', 1, true],
  ] as const)('the process is killed %s: a restart sends the rest, each part exactly once', async (_when, dies, postReached) => {
    const platform = await start();
    const { deps, channels } = await digestSetup(platform);
    void runDigest(platform.channel, SLOT, deps(dyingAt(platform.target, dies, postReached)));
    await expect.poll(() => platform.partsInChannel().length).toBe(postReached ? 2 : 1);

    // The next process, after the first one's lease ran out, catches the slot up.
    const later = new Date(SLOT.getTime() + 10 * 60_000);
    expect(await runDigest(platform.channel, SLOT, deps(platform.target, later))).toBe('sent');
    expect(platform.partsInChannel()).toEqual([1, 2, 3]);
    expect(await runDigest(platform.channel, SLOT, deps(platform.target, later))).toBe('already-done');
    expect((await channels.history(platform.channel)).lastDigest?.slot).toBe(SLOT.toISOString());
  });
});

describe('Discord digest messages with their delivery marks', () => {
  it("stay within Discord's 6,000 characters of embeds per message, footer included, at every digest size", async () => {
    const fake = await startFakeDiscord();
    closers.push(() => fake.close());
    // Hundreds of posts in a loop, outside a digest run (which would wait out each rate limit): the library paces them.
    const target = discordTarget(discordRest('bot-token', fake.apiUrl, {}));
    // Real papers with summaries of many lengths, so that messages are packed close to the limit.
    const { papers: real } = await loadPaperFiles([fixturePath('hf/daily')]);
    const papers = real.map((p, i) => ({ ...p, aiSummary: p.abstract.slice(0, 200 + ((i * 137) % 900)) }));
    const channel = `discord:G1:${DISCORD_CHANNEL}`;
    // Every digest size, over windows of the real papers: messages packed close to the limit.
    for (let from = 0; from + 20 <= papers.length; from += 8) {
      for (let size = 12; size <= 20; size += 2) {
        const reply: Reply = { kind: 'papers', visibility: 'channel', heading: 'Daily Papers digest', notes: ['note'], papers: papers.slice(from, from + size).map((paper) => ({ paper, reasons: [] })) };
        for (let part = 0; part < target.partCount(channel, reply); part++) await target.deliver(channel, reply, part, `${from}-${size}#${part + 1}`);
      }
    }
    const sizes = fake.messagesIn(DISCORD_CHANNEL).map((m) => ((m.body?.embeds ?? []) as DiscordEmbed[]).reduce((n, e) => n + embedChars(e), 0));
    expect(sizes.length).toBeGreaterThan(50);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(6_000);
    expect(fake.messagesIn(DISCORD_CHANNEL).every((m) => ((m.body?.embeds ?? []) as DiscordEmbed[]).at(-1)?.footer?.text.includes('papers-bot · digest'))).toBe(true);
  });
});
