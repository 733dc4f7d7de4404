import { afterEach, describe, expect, it } from 'vitest';
import { discordRest, discordTarget } from '../../adapters/discord/discord-target.js';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { runDigest } from '../../src/digest/run-digest.js';
import { createSlotRunner } from '../../src/digest/slot-runner.js';
import { UnfinishedDeliveries } from '../../src/digest/unfinished-deliveries.js';
import { createLogger } from '../../src/log.js';
import { startFakeDiscord } from '../fakes/fake-discord.js';
import { fixtureArchive } from '../helpers/archive.js';
import { fixturePath } from '../helpers/fixtures.js';
import { RecordingTarget } from '../helpers/recording-target.js';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot.js';

const SLOT = new Date('2025-06-10T09:00:00Z');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function recordingLogger() {
  const logs: Record<string, unknown>[] = [];
  return { logs, logger: createLogger('info', { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) }) };
}

async function slackBot() {
  const { logs, logger } = recordingLogger();
  const bot: SlackBot = await startSlackBot({ now: () => SLOT, logger });
  closers.push(() => bot.stop());
  await bot.command('settings size=3', { responseId: 'x' });
  await bot.responsesTo('x');
  const requests = (method: string) => bot.fake.calls.filter((call) => call.method === method);
  return { bot, logs, requests };
}

const rateLimited = (seconds: number) => ({ status: 429, headers: { 'retry-after': String(seconds) }, body: { ok: false, error: 'ratelimited' } });

describe('a rate limit during a digest is waited out by the digest run alone', () => {
  it('Slack: a 429 with Retry-After: 1 is retried once after the wait, by the run and not by the Web API client too', async () => {
    const { bot, logs, requests } = await slackBot();
    let limited = 0;
    bot.fake.on('chat.postMessage', () => (limited++ === 0 ? rateLimited(1) : undefined));
    await bot.runtime.runSlot(['slack:T1:C1'], SLOT);

    // Two requests reached Slack: the one limited and the retry. A 429 posted nothing: no history to ask.
    expect(requests('chat.postMessage')).toHaveLength(2);
    expect(bot.fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(requests('conversations.history')).toHaveLength(0);
    expect(logs.filter((line) => line.msg === 'digest delivery rate limited; retrying after the wait asked for')).toEqual([
      expect.objectContaining({ channel: 'slack:T1:C1', waitMs: 1_000 }),
    ]);
    expect(bot.runtime.runSlot.results.get('sent')).toBe(1);
  });

  it("Slack: a Retry-After past the run's deadline is not waited; the digest is left unfinished and a later pass posts it once", async () => {
    const { bot, logs, requests } = await slackBot();
    let outage = true;
    bot.fake.on('chat.postMessage', () => (outage ? rateLimited(3600) : undefined));
    await bot.runtime.runSlot(['slack:T1:C1'], SLOT);

    expect(bot.runtime.runSlot.results.get('failed')).toBe(1);
    expect(requests('chat.postMessage')).toHaveLength(1);
    expect(logs.find((line) => line.msg === 'digest delivery failed; a later pass resumes it')).toMatchObject({ reason: "rate limited for 3600 s, past this run's deadline" });

    outage = false;
    await bot.runtime.runSlot.resumeUnfinished();
    await expect.poll(() => bot.runtime.runSlot.results.get('sent')).toBe(1);
    expect(bot.fake.callsOf('chat.postMessage')).toHaveLength(1);
    // The next pass finds nothing left to resume.
    await bot.runtime.runSlot.resumeUnfinished();
    expect(bot.fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('Discord: a 429 with Retry-After: 1 is retried once after the wait, by the run and not by the REST client too', async () => {
    const fake = await startFakeDiscord();
    closers.push(() => fake.close());
    let limited = 0;
    fake.on((request) =>
      request.method === 'POST' && request.path.endsWith('/messages') && limited++ === 0
        ? { status: 429, headers: { 'retry-after': '1' }, body: { message: 'You are being rate limited.', retry_after: 1, global: false } }
        : undefined,
    );
    const { logs, logger } = recordingLogger();
    const { archive, store } = await fixtureArchive({ files: [fixturePath('hf/daily')], now: () => SLOT });
    const channels = new ChannelStore(store, logger);
    const channel = 'discord:G1:400000000000000004';
    await channels.update(channel, (s) => ({ ...s, size: 3, scheduleSetAt: '2025-06-01T00:00:00Z' }));
    const target = discordTarget(discordRest('bot-token', fake.apiUrl));
    const deps = { archive, channels, deliveries: store.namespace('deliveries'), target, logger, commandName: '/papers', now: () => SLOT };

    expect(await runDigest(channel, SLOT, deps)).toBe('sent');
    expect(fake.requestsTo('POST', /\/messages$/)).toHaveLength(2);
    expect(fake.messagesIn('400000000000000004')).toHaveLength(1);
    expect(logs.filter((line) => line.msg === 'digest delivery rate limited; retrying after the wait asked for')).toHaveLength(1);
  });
});

describe('a failure whose next try would come after the deadline', () => {
  it('is not retried: the run stops at once and lists the digest for the resume pass', async () => {
    const { archive, store } = await fixtureArchive({ files: [fixturePath('hf/daily')], now: () => SLOT });
    const { logs, logger } = recordingLogger();
    const channels = new ChannelStore(store, logger);
    await channels.update('slack:T1:C1', (s) => ({ ...s, scheduleSetAt: '2025-06-01T00:00:00Z' }));
    const platform = new RecordingTarget();
    let tries = 0;
    platform.outcomeFor = () => {
      tries++;
      return { status: 'failed', reason: 'socket hang up' };
    };
    const deps = { archive, channels, deliveries: store.namespace('deliveries'), target: platform, logger, commandName: '/papers', now: () => SLOT, deadlineMs: 0, backoffMs: 1_000 };

    expect(await runDigest('slack:T1:C1', SLOT, deps)).toBe('failed');
    expect(tries).toBe(1);
    expect(logs.find((line) => line.msg === 'digest delivery failed; a later pass resumes it')?.reason).toMatch(/^socket hang up; next try in \d s, past this run's deadline$/);
    expect((await new UnfinishedDeliveries(store.namespace('deliveries')).due(SLOT)).resume).toEqual([{ channel: 'slack:T1:C1', slot: SLOT }]);
  });
});

describe('stopping the bot while a digest waits out a rate limit', () => {
  it('ends the wait at once and leaves the digest unfinished, for the next process to post', async () => {
    const { archive, store } = await fixtureArchive({ files: [fixturePath('hf/daily')], now: () => SLOT });
    const { logs, logger } = recordingLogger();
    const channels = new ChannelStore(store, logger);
    await channels.update('slack:T1:C1', (s) => ({ ...s, scheduleSetAt: '2025-06-01T00:00:00Z' }));
    const platform = new RecordingTarget();
    let tries = 0;
    platform.outcomeFor = () => (tries++ === 0 ? { status: 'rate_limited', retryAfterMs: 10 * 60_000 } : { status: 'ok' });
    const deps = { archive, channels, deliveries: store.namespace('deliveries'), target: platform, logger, commandName: '/papers', now: () => SLOT, deadlineMs: 3600_000 };
    const first = createSlotRunner(deps);
    const running = first(['slack:T1:C1'], SLOT);
    await expect.poll(() => logs.some((line) => line.msg === 'digest delivery rate limited; retrying after the wait asked for')).toBe(true);

    await first.queue.close();
    await running;
    expect(first.results.get('failed')).toBe(1);
    expect(platform.posts).toHaveLength(0);
    expect(logs.find((line) => line.msg === 'digest delivery failed; a later pass resumes it')).toMatchObject({ reason: 'rate limited; not retried: the bot is stopping' });
    expect((await new UnfinishedDeliveries(store.namespace('deliveries')).due(SLOT)).resume).toEqual([{ channel: 'slack:T1:C1', slot: SLOT }]);

    const next = createSlotRunner(deps);
    await next.resumeUnfinished();
    await expect.poll(() => next.results.get('sent')).toBe(1);
    expect(platform.posts).toHaveLength(1);
  });
});
