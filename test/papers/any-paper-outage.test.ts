import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { runCommand } from '../../src/commands/run-command.js';
import { createCore, type Core } from '../../src/core.js';
import { ChannelLikes } from '../../src/likes/channel-likes.js';
import { silentLogger } from '../../src/log.js';
import { FIXTURE_PAPER_ID, paperAnswers, startFakeHf } from '../helpers/fake-hf.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { startRedis, stopRedis } from '../helpers/redis-server.js';
import { freePort } from '../helpers/replicas.js';
import { redisUp, shouldRun } from '../helpers/services.js';

let redis: ChildProcess | undefined;
let core: Core | undefined;
let hf: Awaited<ReturnType<typeof startFakeHf>> | undefined;
afterEach(async () => {
  if (redis && redis.exitCode === null) await stopRedis(redis);
  await core?.close().catch(() => undefined);
  await hf?.close();
  redis = core = hf = undefined;
});

describe.runIf(shouldRun('Redis', redisUp))('`paper` for a paper missing from the archive while Redis is down', () => {
  it('still answers with the paper fetched from Hugging Face, and answers again from memory without asking twice', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'papers-bot-any-paper-'));
    redis = await startRedis(port, dir);
    hf = await startFakeHf(paperAnswers({ [FIXTURE_PAPER_ID]: readFixtureJson(`hf/paper-${FIXTURE_PAPER_ID}.json`) }));
    const config = loadConfig({ STORE_URL: `redis://127.0.0.1:${port}`, INDEX_FILE: 'off', HF_API_URL: hf.baseUrl, HF_RETRIES: '0' });
    core = await createCore(config, silentLogger);
    const deps = { archive: core.archive, channels: new ChannelStore(core.store, silentLogger), likes: new ChannelLikes(core.store), commandName: '/papers', logger: silentLogger };
    const ctx = { channel: 'terminal:test', user: { id: 'U1', name: 'ada' }, canManage: true, managePermission: 'Manage Channels', now: new Date() };

    await stopRedis(redis);
    const answer = await runCommand(`paper ${FIXTURE_PAPER_ID}`, ctx, deps);
    expect(answer.kind).toBe('papers');
    expect(answer.papers[0]!.paper.title).toBe('Web World Models');

    // Asked again in this process, it is answered from memory, without the store.
    const again = await runCommand(`paper ${FIXTURE_PAPER_ID}`, ctx, deps);
    expect(again.papers[0]!.paper.title).toBe('Web World Models');
    expect(hf.requests.filter((r) => r.url.pathname === `/api/papers/${FIXTURE_PAPER_ID}`)).toHaveLength(1);
  });
});
