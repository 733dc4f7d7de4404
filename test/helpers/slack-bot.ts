import { expect } from 'vitest';
import type { BotRuntime } from '../../adapters/bot-runtime.js';
import type { Logger } from '../../src/log.js';
import type { Paper } from '../../src/papers/paper.js';
import { startFakeSlack, postSigned, type FakeSlack } from '../fakes/fake-slack.js';
import { startRuntime } from './start-runtime.js';

export const SIGNING_SECRET = 'test-signing-secret';

export interface SlackBot {
  fake: FakeSlack;
  runtime: BotRuntime;
  url: string;
  /** Sends `/papers <text>` as user U1 in channel C1 of team T1, signed, and returns Slack's view of the ack. */
  command(text: string, options?: { channel?: string; user?: string; userName?: string; team?: string; responseId?: string }): Promise<{ status: number; text: string; ms: number }>;
  /**
   * Clicks a button of a message, as Slack posts a block_actions payload (by U1 in C1 unless told):
   * of an ephemeral message unless `message` is given, which Slack then sends along.
   */
  click(actionId: string, value: string, responseId: string, options?: { channel?: string; user?: string; userName?: string; message?: { text: string; blocks: unknown[] } }): Promise<{ status: number }>;
  /** Waits until the response_url `id` has received `count` messages. */
  responsesTo(id: string, count?: number): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

export async function startSlackBot(options: { env?: Record<string, string>; now?: () => Date; extraPapers?: Paper[]; logger?: Logger } = {}): Promise<SlackBot> {
  const fake = await startFakeSlack();
  const { runtime, port } = await startRuntime({
    env: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, ...options.env },
    now: options.now,
    extraPapers: options.extraPapers,
    logger: options.logger,
    // A Web API call is retried twice, within 100 ms, not over Slack's default half hour.
    configure: (config) => {
      const slack = config.platforms.slack && { ...config.platforms.slack, tuning: { retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 50 } } };
      return { ...config, platforms: { ...config.platforms, slack } };
    },
  });
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
        user_name: o.userName ?? 'ada',
        command: '/papers',
        text,
        api_app_id: 'A1',
        response_url: fake.responseUrl(o.responseId ?? `r${++counter}`),
        trigger_id: `${Date.now()}.${++counter}.trigger`,
      });
    },
    async click(actionId, value, responseId, o = {}) {
      const channel = o.channel ?? 'C1';
      const user = { id: o.user ?? 'U1', name: o.userName ?? 'ada' };
      const payload = {
        type: 'block_actions',
        team: { id: 'T1', domain: 'team' },
        user: { id: user.id, username: user.name, name: user.name, team_id: 'T1' },
        api_app_id: 'A1',
        token: 'legacy',
        container: { type: 'message', message_ts: '1.1', channel_id: channel, is_ephemeral: !o.message },
        trigger_id: `${Date.now()}.${++counter}.trigger`,
        channel: { id: channel, name: 'papers' },
        ...(o.message && { message: { type: 'message', ts: '1.1', text: o.message.text, blocks: o.message.blocks } }),
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
