import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { runCommand } from '../../src/commands/run-command.js';
import { ChannelLikes } from '../../src/likes/channel-likes.js';
import { toggleLike } from '../../src/likes/toggle-like.js';
import { silentLogger } from '../../src/log.js';
import { createStore, type Store } from '../../src/store.js';
import { fixtureArchive } from '../helpers/archive.js';
import { startRedis, stopRedis } from '../helpers/redis-server.js';
import { freePort } from '../helpers/replicas.js';
import { redisUp, shouldRun } from '../helpers/services.js';

const CHANNEL = 'slack:T1:C1';
const NOW = new Date('2025-06-11T12:00:00Z');
let redis: ChildProcess | undefined;
let store: Store | undefined;
afterEach(async () => {
  if (redis && redis.exitCode === null) await stopRedis(redis);
  await store?.close().catch(() => undefined);
  redis = store = undefined;
});

describe.runIf(shouldRun('Redis', redisUp))('👍 while Redis is down', () => {
  it('a click changes nothing and says so; a search still answers, without 👍 whose counts it cannot know', { timeout: 60_000 }, async () => {
    const port = await freePort();
    redis = await startRedis(port, mkdtempSync(join(tmpdir(), 'papers-bot-like-outage-')));
    store = createStore(`redis://127.0.0.1:${port}`, silentLogger);
    const likes = new ChannelLikes(store);
    const { archive } = await fixtureArchive();
    const paperId = archive.papersOn(archive.latestDate('2025-06-10')!)[0]!.id!;
    const click = { channel: CHANNEL, user: { id: 'U1', name: 'ada' }, paperId, now: NOW };
    expect(await toggleLike(likes, click, silentLogger)).toMatchObject({ liked: true, count: 1 });

    await stopRedis(redis);
    expect(await toggleLike(likes, click, silentLogger)).toEqual({ refused: 'Your 👍 could not be saved just now, so nothing changed; try again in a minute.' });
    const deps = { archive, channels: new ChannelStore(store, silentLogger), likes, commandName: '/papers', logger: silentLogger };
    const answer = await runCommand('search video', { channel: CHANNEL, user: click.user, canManage: true, managePermission: 'Manage Channels', now: NOW }, deps);
    expect(answer.kind).toBe('papers');
    expect(answer.papers.length).toBeGreaterThan(0);
    expect(answer.likes).toBeUndefined();
    expect(answer.similar).toBe(true);
  });
});
