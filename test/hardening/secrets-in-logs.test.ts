import { afterEach, describe, expect, it } from 'vitest';
import { configSecrets, loadConfig } from '../../config/config.js';
import { captureLog } from '../helpers/start-runtime.js';
import { commandInteraction } from '../fakes/fake-discord.js';
import { SOCKET_TICKET } from '../fakes/fake-slack.js';
import { postInteraction, startDiscordBot, type DiscordBot } from '../helpers/discord-bot.js';
import { SIGNING_SECRET, startSlackBot, type SlackBot } from '../helpers/slack-bot.js';

const running: (SlackBot | DiscordBot)[] = [];
afterEach(async () => {
  for (const bot of running.splice(0)) await bot.stop();
});

/** A trace-level logger built as `npm start` builds it (the configuration's secrets known to it), writing into `lines`. */
function traceLogger(env: Record<string, string>) {
  return captureLog('trace', configSecrets(loadConfig({ STORE_URL: 'memory://', ...env })));
}

function expectNoSecret(lines: string[], secrets: string[]) {
  const all = lines.join('');
  for (const secret of secrets) expect(all, `the log shows ${secret}`).not.toContain(secret);
}

describe('nothing secret reaches the log at trace level', () => {
  it('through a whole Slack OAuth install and a command in the new workspace', async () => {
    const env = { SLACK_BOT_TOKEN: '', SLACK_CLIENT_ID: '111.222', SLACK_CLIENT_SECRET: 'client-secret-4f1d9c', SLACK_STATE_SECRET: 'state-secret-8b2e7a' };
    const { lines, logger } = traceLogger({ ...env, SLACK_SIGNING_SECRET: SIGNING_SECRET });
    const bot = await startSlackBot({ env, logger });
    running.push(bot);
    const base = bot.url.replace('/slack/events', '');
    const install = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    const state = new URL(install.headers.get('location')!).searchParams.get('state')!;
    const cookie = install.headers.get('set-cookie')!.split(';')[0]!;
    const code = '4724469134.4644010092847.232b4e6d82c333b475fc';
    await fetch(`${base}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
    expect(bot.fake.callsOf('oauth.v2.access')).toHaveLength(1);
    await bot.command('today 1', { team: 'T2', responseId: 'secret-response-id-1' });
    await bot.responsesTo('secret-response-id-1');

    expect(lines.length).toBeGreaterThan(10);
    expect(lines.join('')).toContain('oauth.v2.access'); // the exchange was logged, without its secrets
    expectNoSecret(lines, ['client-secret-4f1d9c', 'state-secret-8b2e7a', SIGNING_SECRET, code, 'xoxb-installed-token', 'secret-response-id-1', state]);
  });

  it('through a Socket Mode connection and a command over it', async () => {
    const env = { SLACK_APP_TOKEN: 'xapp-1-A1-7730422-5e8f2c1d', SLACK_BOT_TOKEN: 'xoxb-1111-2222-socketbot' };
    const { lines, logger } = traceLogger({ ...env, SLACK_SIGNING_SECRET: SIGNING_SECRET });
    const bot = await startSlackBot({ env, logger });
    running.push(bot);
    await expect.poll(() => bot.fake.sockets.length).toBe(1);
    bot.fake.sockets[0]!.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: { team_id: 'T1', channel_id: 'C1', user_id: 'U1', user_name: 'ada', command: '/papers', text: 'today 1', response_url: bot.fake.responseUrl('socket-secret-part'), trigger_id: 't1' },
      }),
    );
    await bot.responsesTo('socket-secret-part');
    expect(lines.join('')).toContain('apps.connections.open');
    expectNoSecret(lines, ['xapp-1-A1-7730422-5e8f2c1d', 'xoxb-1111-2222-socketbot', SOCKET_TICKET, 'socket-secret-part']);
  });

  it('through a Discord gateway session and an HTTP interaction', async () => {
    const token = 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GxYzAb.k3Jd9sLq0PwErTyUiOpAsDfGhJkLzXcVbNm1';
    const { lines, logger } = traceLogger({ DISCORD_TOKEN: token });
    const bot = await startDiscordBot({ gateway: true, http: true, logger, token });
    running.push(bot);
    const interaction = { ...commandInteraction('today', []), token: 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5OmludGVyYWN0aW9uLXRva2Vu' };
    expect((await postInteraction(bot.url!, bot.privateKey, interaction)).status).toBe(200);
    await expect.poll(() => bot.fake.requestsTo('PATCH', /\/webhooks\//).length).toBe(1);
    expect(lines.join('')).toContain('discord');
    expectNoSecret(lines, [token, interaction.token]);
  });
});
