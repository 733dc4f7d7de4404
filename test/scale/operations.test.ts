import { connect } from 'node:net';
import { freePort } from '../helpers/replicas.js';
import { afterEach, describe, expect, it } from 'vitest';
import { captureLog } from '../helpers/start-runtime.js';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot.js';
import { startDiscordBot, type DiscordBot } from '../helpers/discord-bot.js';

let slack: SlackBot | undefined;
let discord: DiscordBot | undefined;
afterEach(async () => {
  await slack?.stop();
  await discord?.stop();
  slack = undefined;
  discord = undefined;
});

describe('operations endpoints', () => {
  it('serves /healthz and Prometheus /metrics beside Bolt on the Slack port', async () => {
    slack = await startSlackBot();
    const base = slack.url.replace('/slack/events', '');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    await slack.command('today 2', { responseId: 'm' });
    await slack.responsesTo('m');
    await slack.runtime.channels.update('slack:T1:C1', (s) => s);
    await slack.runtime.runSlot(['slack:T1:C1'], new Date('2025-06-10T09:00:00Z'));
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('papers_commands_total{platform="slack",outcome="ok"} 1');
    expect(metrics).toContain('papers_digests_total{result="sent"} 1');
    expect(metrics).toMatch(/^papers_digest_queue_depth 0$/m);
    expect(metrics).toContain('# TYPE papers_source_fetches_total counter');
  });

  it('serves them on its own server when Bolt does not (Discord HTTP interactions only)', async () => {
    discord = await startDiscordBot({ gateway: false, http: true });
    const base = discord.url!.replace('/discord/interactions', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });
});

describe('operations endpoints of their own', () => {
  it('serve /healthz and /metrics on OPS_PORT only, /metrics behind METRICS_TOKEN, and answer HEAD', async () => {
    const opsPort = await freePort();
    slack = await startSlackBot({ env: { OPS_PORT: String(opsPort), METRICS_TOKEN: 'metrics-secret-token' } });
    const publicBase = slack.url.replace('/slack/events', '');
    expect(slack.runtime.opsPort).toBe(opsPort);
    expect((await fetch(`${publicBase}/healthz`)).status).toBe(404);
    expect((await fetch(`${publicBase}/metrics`)).status).toBe(404);

    const ops = `http://127.0.0.1:${opsPort}`;
    const head = await fetch(`${ops}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${ops}/metrics`)).status).toBe(401);
    expect((await fetch(`${ops}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const metrics = await fetch(`${ops}/metrics`, { headers: { authorization: 'Bearer metrics-secret-token' } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('papers_digest_queue_depth');
  });

  it('/healthz reads the store at most every few seconds, and never writes to it', async () => {
    slack = await startSlackBot();
    const base = slack.url.replace('/slack/events', '');
    const health = slack.runtime.core.store.namespace('health');
    for (let i = 0; i < 20; i++) expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await health.get('ping')).toBeUndefined();
  });
});

describe('the HTTP server', () => {
  it('cuts off a client that dribbles its headers at HTTP_HEADERS_TIMEOUT_MS, and keeps serving', async () => {
    slack = await startSlackBot({ env: { HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000' } });
    const port = Number(new URL(slack.url).port);
    const socket = connect({ host: '127.0.0.1', port });
    const closed = new Promise<string>((resolve) => {
      let answer = '';
      socket.on('data', (chunk) => (answer += String(chunk)));
      socket.on('close', () => resolve(answer));
    });
    socket.write('POST /slack/events HTTP/1.1\r\nHost: x\r\n');
    // One header line at a time, never finishing: a slowloris.
    const dribble = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 200);
    const started = Date.now();
    const answer = await closed;
    clearInterval(dribble);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await fetch(`${slack.url.replace('/slack/events', '')}/healthz`)).status).toBe(200);
  });
});

describe('logs', () => {
  it('are JSON lines at the configured level and never hold a token', () => {
    const { lines, logger } = captureLog('info');
    logger.info({ token: 'xoxb-secret-1', headers: { authorization: 'Bearer hf_secret' }, client: { botToken: 'xoxb-secret-2' } }, 'starting');
    logger.debug('too detailed for info');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, msg: 'starting', token: '[redacted]' });
    expect(lines[0]).not.toMatch(/xoxb-secret|hf_secret/);
  });

  it('of a whole Slack session at debug level hold neither the bot token nor the signing secret', async () => {
    const { lines, logger } = captureLog('trace');
    slack = await startSlackBot({ logger });
    await slack.command('search video', { responseId: 'l1' });
    await slack.responsesTo('l1');
    await slack.runtime.channels.update('slack:T1:C1', (s) => s);
    await slack.runtime.runSlot(['slack:T1:C1'], new Date('2025-06-10T09:00:00Z'));
    await slack.command('bogus', { responseId: 'l2' });
    await slack.responsesTo('l2');
    expect(lines.length).toBeGreaterThan(5);
    const all = lines.join('');
    expect(all).not.toContain('xoxb-test-token');
    expect(all).not.toContain('test-signing-secret');
  });
});
