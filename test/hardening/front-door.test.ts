import { sign } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ID, commandInteraction, nextId, startFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';
import { slackSignature, startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { testKeys } from '../helpers/discord-bot.js';
import { startRedis, stopRedis } from '../helpers/redis-server.js';
import { freePort, startReplica, stopReplicas } from '../helpers/replicas.js';
import { redisUp, shouldRun } from '../helpers/services.js';

const keys = testKeys();
let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
let redis: ChildProcess | undefined;
const children: Awaited<ReturnType<typeof startReplica>>[] = [];

afterEach(async () => {
  await stopReplicas(children);
  if (redis) await stopRedis(redis);
  redis = undefined;
  await slack?.close();
  await discord?.close();
  slack = undefined;
  discord = undefined;
});

/** A bot process serving Slack over HTTP and Discord interactions on one port, as in production. */
async function combinedBot(env: Record<string, string> = {}) {
  slack ??= await startFakeSlack();
  discord ??= await startFakeDiscord();
  const replica = await startReplica({
    SLACK_API_URL: slack.apiUrl,
    DISCORD_APP_ID: APP_ID,
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_GATEWAY: 'false',
    COMMAND_RATE_PER_USER: '0',
    COMMAND_RATE_PER_CHANNEL: '0',
    ...env,
  });
  children.push(replica);
  const base = `http://127.0.0.1:${replica.port}`;
  await expect.poll(() => fetch(`${base}/healthz`).then((r) => r.status, () => 0), { timeout: 60_000 }).toBe(200);
  return { ...replica, base };
}

/** A request signed as Slack signs it (secret `secret`, as the replica helper sets it). */
async function slackRequest(base: string, body: string, contentType: string, headers: Record<string, string> = {}, timestamp = Math.floor(Date.now() / 1000), path = '/slack/events') {
  // node:http sends the path as written (fetch would resolve `/./` and `%2e` itself).
  const { hostname, port } = new URL(base);
  return new Promise<number>((resolve, reject) => {
    const req = request(
      { hostname, port, path, method: 'POST', headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature('secret', timestamp, body), ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const slackCommand = (text: string, responseId: string, trigger: string = randomUUID()) =>
  new URLSearchParams({ team_id: 'T1', channel_id: 'C1', user_id: 'U1', user_name: 'ada', command: '/papers', text, response_url: slack!.responseUrl(responseId), trigger_id: trigger }).toString();

/** A request signed as Discord signs it, at `timestamp` (seconds). */
async function discordRequest(base: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = sign(null, Buffer.from(`${timestamp}${body}`), keys.privateKey).toString('hex');
  const response = await fetch(`${base}/discord/interactions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': String(timestamp) },
    body,
  });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined };
}

/** The bot still answers: a Slack command is acked and answered at its response_url. */
async function stillServing(base: string) {
  const id = `alive-${randomUUID()}`;
  expect(await slackRequest(base, slackCommand('help', id), 'application/x-www-form-urlencoded')).toBe(200);
  await expect.poll(() => slack!.responses.some((r) => r.id === id)).toBe(true);
}

describe.runIf(shouldRun('Redis', redisUp))('no request takes the bot down (Slack and Discord on one port)', () => {
  it('answers malformed signed bodies with 400, a store outage with clear answers, and keeps serving', { timeout: 120_000 }, async () => {
    const port = await freePort();
    redis = await startRedis(port, mkdtempSync(join(tmpdir(), 'papers-bot-front-')));
    const bot = await combinedBot({ STORE_URL: `redis://127.0.0.1:${port}` });

    expect((await discordRequest(bot.base, 'null')).status).toBe(400);
    expect((await discordRequest(bot.base, '[1,2]')).status).toBe(400);
    expect((await discordRequest(bot.base, JSON.stringify({ id: nextId(), type: 4, data: { options: 'not a list' } }))).body).toMatchObject({ type: 8, data: { choices: [] } });
    expect(await slackRequest(bot.base, 'null', 'application/json')).toBe(400);
    expect(await slackRequest(bot.base, 'payload=null', 'application/x-www-form-urlencoded')).toBe(400);
    expect(await slackRequest(bot.base, 'payload=%7B%22type%22%3A', 'application/x-www-form-urlencoded')).toBe(400);
    // Paths Bolt would route to its events endpoint go through the same checks.
    expect(await slackRequest(bot.base, 'null', 'application/json', {}, undefined, '/slack/./events')).toBe(400);
    expect(await slackRequest(bot.base, 'null', 'application/json', {}, undefined, '/slack/%2e/events')).toBe(400);
    // Slack's SSL check comes unsigned.
    expect((await fetch(`${bot.base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'ssl_check=1&token=legacy' })).status).toBe(200);
    await stillServing(bot.base);

    await stopRedis(redis);
    const autocomplete = {
      ...commandInteraction('unsubscribe', [{ name: 'topic', type: 3, value: 'vid', focused: true } as never]),
      type: 4,
    };
    expect((await discordRequest(bot.base, JSON.stringify(autocomplete))).body).toMatchObject({ type: 8, data: { choices: [] } });
    expect(await slackRequest(bot.base, slackCommand('subscribe "world model"', 'down'), 'application/x-www-form-urlencoded')).toBe(200);
    await expect.poll(() => JSON.stringify(slack!.responses.find((r) => r.id === 'down')?.body ?? '')).toContain('cannot reach its storage');
    await expect.poll(() => fetch(`${bot.base}/healthz`, { method: 'HEAD' }).then((r) => r.status), { timeout: 15_000, interval: 500 }).toBe(503);
    await stillServing(bot.base);
    expect(bot.child.exitCode).toBeNull();
  });
});

describe.runIf(shouldRun('Redis', redisUp))('replays do nothing, on two replicas sharing Redis', () => {
  it('refuses stale and future timestamps, and runs a request sent twice, or retried, once', { timeout: 120_000 }, async () => {
    const prefix = `replay-${randomUUID().slice(0, 8)}`;
    const a = await combinedBot({ STORE_PREFIX: prefix });
    const b = await combinedBot({ STORE_PREFIX: prefix });
    const yearAgo = Math.floor(Date.now() / 1000) - 365 * 86_400;
    const interaction = JSON.stringify(commandInteraction('subscribe', [{ name: 'query', type: 3, value: 'replayed topic' }], { permissions: '16' }));
    expect((await discordRequest(a.base, interaction, yearAgo)).status).toBe(401);
    expect((await discordRequest(a.base, interaction, Math.floor(Date.now() / 1000) + 3_600)).status).toBe(401);
    expect(await slackRequest(a.base, slackCommand('help', 'old'), 'application/x-www-form-urlencoded', {}, yearAgo + 365 * 86_400 + 3_600)).toBe(401);

    // The same signed interaction to both replicas: both acknowledge it, one runs it.
    expect((await discordRequest(a.base, interaction)).status).toBe(200);
    expect((await discordRequest(b.base, interaction)).status).toBe(200);
    expect((await discordRequest(a.base, interaction)).status).toBe(200);
    await expect.poll(() => discord!.requestsTo('PATCH', /\/webhooks\//).length).toBe(1);
    // Every copy was decided before its 200; a later `topics` shows the topic once, and nothing else ran.
    const listTopics = commandInteraction('topics', []);
    expect((await discordRequest(b.base, JSON.stringify(listTopics))).status).toBe(200);
    await expect.poll(() => discord!.requestsTo('PATCH', /\/webhooks\//).length).toBe(2);
    const listed = JSON.stringify(discord!.requestsTo('PATCH', new RegExp(listTopics.token)).at(-1)?.body);
    expect(listed.split('replayed topic').length - 1).toBe(1);

    // A Slack command, then Slack's retry of it and a replay to the other replica.
    const body = slackCommand('subscribe "slack replay"', 'once', 'trigger-replayed');
    expect(await slackRequest(a.base, body, 'application/x-www-form-urlencoded')).toBe(200);
    expect(await slackRequest(a.base, body, 'application/x-www-form-urlencoded', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).toBe(200);
    expect(await slackRequest(b.base, body, 'application/x-www-form-urlencoded')).toBe(200);
    expect(await slackRequest(b.base, body, 'application/x-www-form-urlencoded', {}, undefined, '/slack/./events')).toBe(200);
    const future = slackCommand('help', 'future');
    expect(await slackRequest(a.base, future, 'application/x-www-form-urlencoded', {}, Math.floor(Date.now() / 1000) + 3_600, '/slack/./events')).toBe(401);
    await expect.poll(() => slack!.responses.filter((r) => r.id === 'once').length).toBe(1);

    // Both changes ran exactly once: the channels' topics show each a single time.
    const topics = async (key: string) => {
      const id = `topics-${randomUUID()}`;
      await slackRequest(b.base, slackCommand('topics', id), 'application/x-www-form-urlencoded');
      await expect.poll(() => slack!.responses.some((r) => r.id === id)).toBe(true);
      return JSON.stringify(slack!.responses.find((r) => r.id === id)!.body).split(key).length - 1;
    };
    expect(await topics('slack replay')).toBe(1);
    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();
  });
});
