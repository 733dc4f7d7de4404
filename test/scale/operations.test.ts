import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
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

describe('logs', () => {
  it('are JSON lines at the configured level and never hold a token', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info({ token: 'xoxb-secret-1', headers: { authorization: 'Bearer hf_secret' }, client: { botToken: 'xoxb-secret-2' } }, 'starting');
    logger.debug('too detailed for info');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, msg: 'starting', token: '[redacted]' });
    expect(lines[0]).not.toMatch(/xoxb-secret|hf_secret/);
  });

  it('of a whole Slack session at debug level hold neither the bot token nor the signing secret', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    slack = await startSlackBot({ logger: createLogger('trace', sink) });
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
