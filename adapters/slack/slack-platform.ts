import type { z } from 'zod';
import type { PlatformPort } from '../../src/platform/port.js';
import { createSlackAdapter } from './slack-app.js';
import { SLACK } from './slack-channel.js';
import { pacedSlackTarget } from './slack-pacing.js';
import { slackEnv, slackSecrets, slackSettings, type SlackSettings } from './slack-settings.js';
import { SLACK_REDACTIONS } from './slack-redactions.js';
import { manifestCommand } from './manifest.js';

/** Slack: one workspace over HTTP, Socket Mode, or many workspaces through OAuth. */
export const slackPlatform = {
  name: SLACK,
  workspaces: true,
  title: 'Slack',
  libraries: ['@slack/bolt', '@slack/web-api', '@slack/oauth', '@slack/socket-mode', '@slack/types', '@slack/logger'],
  setup: 'SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)',
  env: slackEnv,
  settings: slackSettings,
  secrets: slackSecrets,
  redactions: SLACK_REDACTIONS,
  rateLimited: true,
  cli: [manifestCommand],
  create(settings, host) {
    const slack = createSlackAdapter(settings, host);
    return {
      target: pacedSlackTarget(slack.target, settings, host),
      routes: slack.routes,
      describe: () => ({ mode: settings.mode }),
      start: () => slack.start(),
      stop: () => slack.stop(),
    };
  },
} as const satisfies PlatformPort<SlackSettings, z.infer<typeof slackEnv>>;
