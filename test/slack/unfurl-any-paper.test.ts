import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, slackSignature, type FakeSlack } from '../fakes/fake-slack.js';
import { FIXTURE_PAPER_ID, paperAnswers, paperRequests, startFakeHf } from '../helpers/fake-hf.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { SIGNING_SECRET } from '../helpers/slack-bot.js';
import { startRuntime, type TestRuntime } from '../helpers/start-runtime.js';

type Block = { type: string; text?: { text: string } };

let slack: FakeSlack | undefined;
let hf: Awaited<ReturnType<typeof startFakeHf>> | undefined;
let bot: TestRuntime | undefined;
afterEach(async () => {
  await bot?.stop();
  await slack?.close();
  await hf?.close();
  bot = slack = hf = undefined;
});

/** Posts a signed `link_shared` event for `urls` in C1, as Slack does when a member shares links. */
async function shareLinks(port: number, urls: string[]) {
  const body = JSON.stringify({
    token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'Ev-any-paper', event_time: 1,
    event: { type: 'link_shared', channel: 'C1', user: 'U1', message_ts: '123.456', unfurl_id: 'u', source: 'conversations_history', links: urls.map((url) => ({ domain: new URL(url).hostname, url })) },
  });
  const ts = Math.floor(Date.now() / 1000);
  const headers = { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SIGNING_SECRET, ts, body) };
  return fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers, body });
}

describe('Slack unfurls a paper missing from the archive', () => {
  it('fetches it from Hugging Face, unfurls it, and keeps it; a link Hugging Face does not know is left alone', async () => {
    slack = await startFakeSlack();
    hf = await startFakeHf(paperAnswers({ [FIXTURE_PAPER_ID]: readFixtureJson(`hf/paper-${FIXTURE_PAPER_ID}.json`) }));
    bot = await startRuntime({
      online: true,
      env: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, HF_API_URL: hf.baseUrl, HF_RETRIES: '0' },
    });
    expect(bot.runtime.core.archive.findPaper(FIXTURE_PAPER_ID)).toBeUndefined();

    const link = `https://b-61j.pages.dev/papers/${FIXTURE_PAPER_ID}`;
    const missing = 'https://arxiv.org/abs/2501.00001';
    expect((await shareLinks(bot.port!, [link, missing])).status).toBe(200);
    await expect.poll(() => slack!.callsOf('chat.unfurl').length, { timeout: 5_000 }).toBe(1);
    const call = slack.callsOf('chat.unfurl')[0]!.params as { channel: string; ts: string; unfurls: Record<string, { blocks: Block[] }> };
    expect(call).toMatchObject({ channel: 'C1', ts: '123.456' });
    expect(Object.keys(call.unfurls)).toEqual([link]);
    const text = call.unfurls[link]!.blocks[0]!.text!.text;
    expect(text).toContain('Web World Models');
    expect(text).toContain('Jichen Feng');
    expect(paperRequests(hf.requests, FIXTURE_PAPER_ID)).toBe(1);
    expect(paperRequests(hf.requests, '2501.00001')).toBe(1);
    expect(bot.runtime.core.archive.findPaper(FIXTURE_PAPER_ID)?.title).toBe('Web World Models');
  });
});
