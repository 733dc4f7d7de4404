import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppsManifestValidateArguments } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_BOT_SCOPES } from '../../adapters/slack/slack-app.js';

const manifest = parse(readFileSync(join(import.meta.dirname, '..', '..', 'adapters', 'slack', 'manifest.yml'), 'utf8')) as AppsManifestValidateArguments['manifest'];

describe('the Slack app manifest', () => {
  it('creates the /papers command, the scopes the app asks for, its events and interactivity in one paste', () => {
    expect(manifest.features?.slash_commands?.map((c: { command: string; url?: string }) => [c.command, c.url])).toEqual([['/papers', 'https://papers-bot.example.com/slack/events']]);
    expect([...(manifest.oauth_config?.scopes?.bot ?? [])].sort()).toEqual([...SLACK_BOT_SCOPES].sort());
    expect(manifest.settings?.event_subscriptions?.bot_events).toEqual(['link_shared', 'app_uninstalled', 'tokens_revoked']);
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    expect(manifest.oauth_config?.redirect_urls).toEqual(['https://papers-bot.example.com/slack/oauth_redirect']);
  });
});
