import { expect } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { createBotRuntime, type BotRuntime } from '../../adapters/bot-runtime.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import type { Paper } from '../../src/papers/paper.js';
import { startFakeSlack, postSigned, type FakeSlack } from '../fakes/fake-slack.js';
import { fixturePath } from './fixtures.js';

export const SIGNING_SECRET = 'test-signing-secret';

export interface SlackBot {
  fake: FakeSlack;
  runtime: BotRuntime;
  url: string;
  /** Sends `/papers <text>` as user U1 in channel C1 of team T1, signed, and returns Slack's view of the ack. */
  command(text: string, options?: { channel?: string; user?: string; team?: string; responseId?: string }): Promise<{ status: number; text: string; ms: number }>;
  /** Clicks a button of a message, as Slack posts a block_actions payload. */
  click(actionId: string, value: string, responseId: string): Promise<{ status: number }>;
  /** Waits until the response_url `id` has received `count` messages. */
  responsesTo(id: string, count?: number): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

export async function startSlackBot(options: { env?: Record<string, string>; now?: () => Date; extraPapers?: Paper[]; logger?: Logger } = {}): Promise<SlackBot> {
  const fake = await startFakeSlack();
  const config = {
    ...loadConfig({
      STORE_URL: 'memory://',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      HF_API_URL: 'http://127.0.0.1:1',
      ...options.env,
    }),
    port: 0,
  };
  const runtime = await createBotRuntime({
    config,
    logger: options.logger ?? silentLogger,
    online: false,
    now: options.now,
    slack: { retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 50 } },
  });
  const loaded = await loadPaperFiles([fixturePath('hf/daily')]);
  await runtime.core.archive.importPapers([...loaded.papers, ...(options.extraPapers ?? [])]);
  const port = await runtime.start();
  const url = `http://127.0.0.1:${port}/slack/events`;
  let counter = 0;
  return {
    fake,
    runtime,
    url,
    command(text, o = {}) {
      return postSigned(url, SIGNING_SECRET, {
        token: 'legacy',
        team_id: o.team ?? 'T1',
        team_domain: 'team',
        channel_id: o.channel ?? 'C1',
        channel_name: 'papers',
        user_id: o.user ?? 'U1',
        user_name: 'ada',
        command: '/papers',
        text,
        api_app_id: 'A1',
        response_url: fake.responseUrl(o.responseId ?? `r${++counter}`),
        trigger_id: `${Date.now()}.${++counter}.trigger`,
      });
    },
    async click(actionId, value, responseId) {
      const payload = {
        type: 'block_actions',
        team: { id: 'T1', domain: 'team' },
        user: { id: 'U1', username: 'ada', name: 'ada', team_id: 'T1' },
        api_app_id: 'A1',
        token: 'legacy',
        container: { type: 'message', message_ts: '1.1', channel_id: 'C1', is_ephemeral: true },
        trigger_id: `${Date.now()}.${++counter}.trigger`,
        channel: { id: 'C1', name: 'papers' },
        response_url: fake.responseUrl(responseId),
        actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, text: { type: 'plain_text', text: 'x' }, action_ts: '1.2' }],
      };
      return postSigned(url, SIGNING_SECRET, { payload: JSON.stringify(payload) });
    },
    async responsesTo(id, count = 1) {
      await expect.poll(() => fake.responses.filter((r) => r.id === id).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(count);
      return fake.responses.filter((r) => r.id === id).map((r) => r.body);
    },
    async stop() {
      await runtime.stop();
      await fake.close();
    },
  };
}
