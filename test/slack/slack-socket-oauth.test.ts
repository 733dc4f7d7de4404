import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { createHmac } from 'node:crypto';
import { startSlackBot, SIGNING_SECRET, type SlackBot } from '../helpers/slack-bot.js';
import { postSigned } from '../fakes/fake-slack.js';

let bot: SlackBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('Slack Socket Mode', () => {
  it('receives a slash command over the socket, acks its envelope and answers at the response_url', async () => {
    bot = await startSlackBot({ env: { SLACK_APP_TOKEN: 'xapp-1-test' } });
    expect(bot.fake.callsOf('apps.connections.open')).toHaveLength(1);
    expect(bot.fake.callsOf('apps.connections.open')[0]!.token).toBe('xapp-1-test');
    await expect.poll(() => bot!.fake.sockets.length).toBe(1);
    const socket = bot.fake.sockets[0]! as WebSocket;
    const acks: unknown[] = [];
    socket.on('message', (data) => acks.push(JSON.parse(String(data))));
    socket.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          token: 'legacy', team_id: 'T1', team_domain: 'team', channel_id: 'C1', channel_name: 'papers', user_id: 'U1', user_name: 'ada',
          command: '/papers', text: 'today 2', api_app_id: 'A1', response_url: bot.fake.responseUrl('socket'), trigger_id: 't',
        },
      }),
    );
    await expect.poll(() => acks).toContainEqual(expect.objectContaining({ envelope_id: 'env-1' }));
    const [answer] = await bot.responsesTo('socket');
    expect(JSON.stringify(answer)).toContain('Top 2 of 13 Daily Papers, 2025-06-11');
  });
});

describe('Slack OAuth for many workspaces', () => {
  const oauthEnv = { SLACK_BOT_TOKEN: '', SLACK_CLIENT_ID: '111.222', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 'state-secret' };

  it('installs into a workspace, stores its token, answers it, and forgets it on uninstall', async () => {
    bot = await startSlackBot({ env: oauthEnv });
    const base = bot.url.replace('/slack/events', '');

    const install = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const authorize = new URL(install.headers.get('location')!);
    expect(authorize.searchParams.get('client_id')).toBe('111.222');
    expect(authorize.searchParams.get('scope')).toContain('commands');
    const state = authorize.searchParams.get('state')!;
    const cookie = install.headers.get('set-cookie')!.split(';')[0]!;

    const callback = await fetch(`${base}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
    expect(callback.status).toBeLessThan(400);
    const exchange = bot.fake.callsOf('oauth.v2.access');
    expect(exchange).toHaveLength(1);
    expect(exchange[0]!.params.code).toBe('the-code');

    await bot.command('today 1', { team: 'T2', responseId: 'installed' });
    const [answer] = await bot.responsesTo('installed');
    expect(JSON.stringify(answer)).toContain('Top 1 of 13');

    // A digest to the new workspace goes out with its own bot token.
    await bot.command('settings size=1', { team: 'T2', channel: 'CT2', responseId: 'cfg' });
    await bot.responsesTo('cfg');
    await bot.runtime.runSlot(['slack:T2:CT2'], new Date('2025-06-11T09:00:00Z'));
    const posted = bot.fake.callsOf('chat.postMessage');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.token).toBe('xoxb-installed-token');

    const uninstall = JSON.stringify({ token: 'legacy', team_id: 'T2', api_app_id: 'A1', type: 'event_callback', event_id: 'Ev1', event_time: 1, event: { type: 'app_uninstalled' } });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(bot.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${uninstall}`).digest('hex')}` },
      body: uninstall,
    });
    expect(res.status).toBe(200);
    await expect.poll(async () => (await bot!.command('today 1', { team: 'T2', responseId: 'gone' })).status).toBe(401);
  });

  it("does not remember a request it refused: Slack's retry of it runs once the workspace has installed the app", async () => {
    bot = await startSlackBot({ env: oauthEnv });
    const form = { command: '/papers', text: 'today 1', team_id: 'T2', channel_id: 'C1', user_id: 'U1', user_name: 'x', response_url: bot.fake.responseUrl('retried'), trigger_id: 'trigger-refused-then-retried' };
    expect((await postSigned(bot.url, SIGNING_SECRET, form)).status).toBe(401);
    const base = bot.url.replace('/slack/events', '');
    const install = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    const state = new URL(install.headers.get('location')!).searchParams.get('state')!;
    const cookie = install.headers.get('set-cookie')!.split(';')[0]!;
    await fetch(`${base}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
    expect((await postSigned(bot.url, SIGNING_SECRET, form)).status).toBe(200);
    expect(JSON.stringify((await bot.responsesTo('retried'))[0])).toContain('Top 1 of 13');
  });

  it('answers 401 to a workspace that never installed the app', async () => {
    bot = await startSlackBot({ env: oauthEnv });
    const ack = await postSigned(bot.url, SIGNING_SECRET, { command: '/papers', text: 'help', team_id: 'TNEVER', channel_id: 'C1', user_id: 'U1', user_name: 'x', response_url: bot.fake.responseUrl('n') });
    expect(ack.status).toBe(401);
  });
});
