import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/replicas.js';
import { startRedis, stopRedis } from '../helpers/redis-server.js';
import { redisUp, shouldRun } from '../helpers/services.js';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot.js';

let bot: SlackBot | undefined;
let redis: ChildProcess | undefined;
afterEach(async () => {
  await bot?.stop().catch(() => undefined);
  if (redis && redis.exitCode === null) await stopRedis(redis);
  bot = undefined;
});

const text = (reply: Record<string, unknown> | undefined) => JSON.stringify(reply);

describe.runIf(shouldRun('Redis', redisUp))('Redis stopped in the middle of a run', () => {
  it('answers with a clear error meanwhile, loses nothing saved, and delivers after it is back without duplicates', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'papers-bot-redis-'));
    redis = await startRedis(port, dir);
    const clock = { now: new Date('2025-06-10T09:00:00Z') };
    bot = await startSlackBot({ env: { STORE_URL: `redis://127.0.0.1:${port}` }, now: () => clock.now });
    await bot.command('subscribe "video generation"', { responseId: 'saved' });
    expect(text((await bot.responsesTo('saved'))[0])).toContain('subscribed this channel');

    await stopRedis(redis);
    await bot.command('subscribe "world model"', { responseId: 'down' });
    expect(text((await bot.responsesTo('down'))[0])).toContain('The bot cannot reach its storage right now, so nothing was changed. Try again in a minute.');
    await bot.command('topics', { responseId: 'down2' });
    expect(text((await bot.responsesTo('down2'))[0])).toContain('cannot reach its storage');

    redis = await startRedis(port, dir);
    await expect
      .poll(async () => {
        const id = `back-${Date.now()}`;
        await bot!.command('topics', { responseId: id });
        return text((await bot!.responsesTo(id))[0]);
      }, { timeout: 20_000, interval: 500 })
      .toContain('This channel follows 1 topic');

    await bot.runtime.runSlot(['slack:T1:C1'], clock.now);
    await expect.poll(() => bot!.fake.callsOf('chat.postMessage').length, { timeout: 20_000 }).toBe(1);
    await bot.runtime.runSlot(['slack:T1:C1'], clock.now);
    await expect.poll(async () => bot!.runtime.runSlot.queue.depth(), { timeout: 20_000 }).toBe(0);
    expect(bot.fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(text(bot.fake.callsOf('chat.postMessage')[0]!.params)).toContain('Topic: `\\"video generation\\"`');
  });
});
