import type { RetryOptions } from '@slack/web-api';
import { z } from 'zod';
import { flag, optionalText, url, wholeNumber } from '../../src/platform/env-fields.js';
import { invalidConfig, missingSetting } from '../../src/platform/settings-error.js';

export const slackEnv = z.object({
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  SLACK_API_URL: url(undefined, 'the Slack Web API base URL'),
  SLACK_ADMIN_ONLY_SETTINGS: flag,
  SLACK_WORKSPACE_RATE: wholeNumber(0, 0, 1_000, 'messages the bot sends one workspace in any rolling second, across replicas: the workspace\'s limit (0: only Slack\'s 429s limit it)'),
  SLACK_PACE_MARGIN_MS: wholeNumber(50, 0, 1_000, 'ms after its start by which a Slack post not yet answered counts as arrived, for the pacing (per workspace and per channel counts each post\'s second from Slack\'s answer)'),
});

/** How the Slack app runs: one workspace over HTTP, Socket Mode, or many workspaces through OAuth. */
export interface SlackSettings {
  mode: 'http' | 'socket' | 'oauth';
  signingSecret: string | undefined;
  botToken: string | undefined;
  appToken: string | undefined;
  oauth: { clientId: string; clientSecret: string; stateSecret: string } | undefined;
  apiUrl: string | undefined;
  adminOnlySettings: boolean;
  /** Messages to one workspace in any rolling second, across replicas (0: only Slack's 429s limit it). */
  workspaceRate: number;
  /** The pacing counts each post's second from Slack's answer; a post not answered this long after its start counts as arrived then. */
  paceMarginMs: number;
  /** Test seams: the Web API client's retry policy (Slack's default spans about 30 minutes), and how long Bolt waits for an ack before answering 404. */
  tuning?: { retryConfig?: RetryOptions; ackTimeoutMs?: number };
}

/** The Slack settings, undefined when no Slack variable is set; a half-set Slack is a ConfigError. */
export function slackSettings(e: z.infer<typeof slackEnv>): SlackSettings | undefined {
  const anySet = e.SLACK_BOT_TOKEN || e.SLACK_APP_TOKEN || e.SLACK_CLIENT_ID || e.SLACK_SIGNING_SECRET;
  if (!anySet) return undefined;
  const oauth = e.SLACK_CLIENT_ID || e.SLACK_CLIENT_SECRET || e.SLACK_STATE_SECRET;
  let mode: SlackSettings['mode'];
  if (oauth) {
    if (!e.SLACK_CLIENT_ID) throw missingSetting('SLACK_CLIENT_ID', 'the app\'s client id, needed for OAuth with SLACK_CLIENT_SECRET');
    if (!e.SLACK_CLIENT_SECRET) throw missingSetting('SLACK_CLIENT_SECRET', 'the app\'s client secret, needed for OAuth with SLACK_CLIENT_ID');
    if (!e.SLACK_STATE_SECRET) throw missingSetting('SLACK_STATE_SECRET', 'a random secret that signs OAuth state, needed for OAuth');
    if (!e.SLACK_SIGNING_SECRET) throw missingSetting('SLACK_SIGNING_SECRET', 'the app\'s signing secret, needed to verify requests');
    mode = 'oauth';
  } else if (e.SLACK_APP_TOKEN) {
    if (!e.SLACK_APP_TOKEN.startsWith('xapp-')) {
      throw invalidConfig(['  SLACK_APP_TOKEN: got (hidden) a token that does not start with xapp-; expected an app-level token starting with xapp-']);
    }
    if (!e.SLACK_BOT_TOKEN) throw missingSetting('SLACK_BOT_TOKEN', 'the bot token (xoxb-…), needed with SLACK_APP_TOKEN');
    mode = 'socket';
  } else {
    if (!e.SLACK_BOT_TOKEN) throw missingSetting('SLACK_BOT_TOKEN', 'the bot token (xoxb-…), needed with SLACK_SIGNING_SECRET');
    if (!e.SLACK_SIGNING_SECRET) throw missingSetting('SLACK_SIGNING_SECRET', 'the app\'s signing secret, needed with SLACK_BOT_TOKEN');
    mode = 'http';
  }
  return {
    mode,
    signingSecret: e.SLACK_SIGNING_SECRET,
    botToken: e.SLACK_BOT_TOKEN,
    appToken: e.SLACK_APP_TOKEN,
    oauth: oauth ? { clientId: e.SLACK_CLIENT_ID!, clientSecret: e.SLACK_CLIENT_SECRET!, stateSecret: e.SLACK_STATE_SECRET! } : undefined,
    apiUrl: e.SLACK_API_URL ? `${e.SLACK_API_URL}/` : undefined,
    adminOnlySettings: e.SLACK_ADMIN_ONLY_SETTINGS,
    workspaceRate: e.SLACK_WORKSPACE_RATE,
    paceMarginMs: e.SLACK_PACE_MARGIN_MS,
  };
}

export function slackSecrets(settings: SlackSettings): (string | undefined)[] {
  return [settings.botToken, settings.signingSecret, settings.appToken, settings.oauth?.clientSecret, settings.oauth?.stateSecret];
}
