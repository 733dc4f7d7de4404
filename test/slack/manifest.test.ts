import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppsManifestValidateArguments } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runPlatformCommand } from '../../adapters/platform-commands.js';
import { renderSlackManifest } from '../../adapters/slack/manifest.js';
import { SLACK_BOT_SCOPES } from '../../adapters/slack/slack-app.js';
import { SLACK_SCOPE_NAMES } from '../../adapters/slack/slack-scopes.js';
import { UsageError } from '../../src/platform/usage-error.js';

const slackDir = join(import.meta.dirname, '..', '..', 'adapters', 'slack');
const committed = readFileSync(join(slackDir, 'manifest.yml'), 'utf8');
type Manifest = AppsManifestValidateArguments['manifest'];
const read = (text: string) => parse(text) as Manifest;

/** What each Web API method the adapter calls needs, from its page on docs.slack.dev (public and private channels). */
const METHOD_SCOPES: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.unfurl': ['links:write'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'conversations.info': ['channels:read', 'groups:read'],
  'users.info': ['users:read'],
};
/** What each event the adapter listens to needs. */
const EVENT_SCOPES: Record<string, string[]> = { link_shared: ['links:read'], app_uninstalled: [], tokens_revoked: [] };

function slackSources(): string {
  return readdirSync(slackDir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(slackDir, file), 'utf8'))
    .join('\n');
}

/** `papers-bot manifest [--url <url>]` with this environment; what it printed and its exit code. */
function run(url: string | undefined, env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const exit = runPlatformCommand(['manifest', ...(url === undefined ? [] : ['--url', url])], { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return exit.then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

describe('the Slack app manifest', () => {
  it('is committed exactly as `papers-bot manifest` prints it for COMMAND_NAME=/papers', async () => {
    expect(committed).toBe(renderSlackManifest({ commandName: '/papers' }));
    const printed = await run(undefined);
    expect({ code: printed.code, text: `${printed.out}\n` }).toEqual({ code: 0, text: committed });
  });

  it('by default creates /papers in Socket Mode: no request URL, no redirect, events and buttons over the socket', () => {
    const manifest = read(committed);
    expect(manifest.features?.slash_commands).toEqual([expect.objectContaining({ command: '/papers', should_escape: false })]);
    expect(manifest.features?.slash_commands?.[0]).not.toHaveProperty('url');
    expect(manifest.settings?.socket_mode_enabled).toBe(true);
    expect(manifest.settings?.event_subscriptions).toEqual({ bot_events: ['link_shared', 'app_uninstalled', 'tokens_revoked'] });
    expect(manifest.settings?.interactivity).toEqual({ is_enabled: true });
    expect(manifest.oauth_config?.redirect_urls).toBeUndefined();
    expect(manifest.features?.unfurl_domains).toEqual(['huggingface.co', 'arxiv.org']);
  });

  it('with --url sends the command, events and buttons to <url>/slack/events and OAuth back to <url>/slack/oauth_redirect', async () => {
    const { code, out, err } = await run('https://bot.example.com/');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const manifest = read(out);
    const events = 'https://bot.example.com/slack/events';
    expect(manifest.features?.slash_commands?.map((c: { command: string; url?: string }) => [c.command, c.url])).toEqual([['/papers', events]]);
    expect(manifest.settings?.event_subscriptions?.request_url).toBe(events);
    expect(manifest.settings?.interactivity).toEqual({ is_enabled: true, request_url: events });
    expect(manifest.oauth_config?.redirect_urls).toEqual(['https://bot.example.com/slack/oauth_redirect']);
    expect(manifest.settings?.socket_mode_enabled).toBe(false);
  });

  it('names the command after COMMAND_NAME, so renaming it needs no hand edit', async () => {
    const { code, out } = await run(undefined, { COMMAND_NAME: '/arxiv' });
    expect(code).toBe(0);
    expect(read(out).features?.slash_commands?.map((c: { command: string }) => c.command)).toEqual(['/arxiv']);
    await expect(run(undefined, { COMMAND_NAME: 'papers' })).rejects.toThrow(/COMMAND_NAME: got "papers"; expected a slash command such as \/papers/);
  });

  it('needs no Slack token, and notes on stderr when the configuration runs the other mode', async () => {
    const http = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' };
    const socketManifest = await run(undefined, http);
    expect(socketManifest.code).toBe(0);
    expect(socketManifest.err).toMatch(/runs Slack over HTTP .* Add --url/);
    const socket = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
    expect((await run(undefined, socket)).err).toBe('');
    expect((await run('https://bot.example.com', socket)).err).toMatch(/runs Slack in Socket Mode .* Leave out --url/);
  });

  it('refuses a --url Slack cannot call: not https, or with a query', () => {
    for (const url of ['http://bot.example.com', 'bot.example.com', 'https://bot.example.com/?a=1']) {
      expect(() => renderSlackManifest({ commandName: '/papers', url })).toThrow(UsageError);
    }
    expect(() => renderSlackManifest({ commandName: '/papers', url: 'http://bot.example.com' })).toThrow(/--url takes the bot's public HTTPS base URL/);
  });

  it('asks for exactly the scopes that the Web API calls and events in adapters/slack/ need', () => {
    const source = slackSources();
    const methods = [...new Set([...source.matchAll(/\bclient\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`))].sort();
    const events = [...new Set([...source.matchAll(/\bapp\.event\('(\w+)'/g)].map((m) => m[1]!))].sort();
    // A new call or event fails here until its scopes are known (and added to slack-scopes.ts).
    expect(methods).toEqual(Object.keys(METHOD_SCOPES).sort());
    expect(events).toEqual(Object.keys(EVENT_SCOPES).sort());
    expect(source).toMatch(/\bapp\.command\(/);
    const needed = new Set([...methods.flatMap((m) => METHOD_SCOPES[m]!), ...events.flatMap((e) => EVENT_SCOPES[e]!), 'commands']);
    // Digests go to whichever channel scheduled them, and the bot never joins one: chat.postMessage
    // reaches a public channel it is not in only with chat:write.public.
    expect(source).not.toMatch(/conversations\.join/);
    needed.add('chat:write.public');
    expect([...(read(committed).oauth_config?.scopes?.bot ?? [])].sort()).toEqual([...needed].sort());
    expect([...SLACK_SCOPE_NAMES].sort()).toEqual([...needed].sort());
  });

  it('says on every scope and event which feature uses it', () => {
    const lines = committed.split('\n');
    for (const item of [...SLACK_SCOPE_NAMES, 'link_shared', 'app_uninstalled', 'tokens_revoked']) {
      const at = lines.findIndex((line) => line.trim() === `- ${item}`);
      expect(lines[at - 1], item).toMatch(/^\s+# \S.{10,}/);
    }
    const commentOn = (item: string) => lines[lines.findIndex((line) => line.trim() === `- ${item}`) - 1];
    expect(commentOn('groups:read')).toMatch(/conversations\.info: a private channel's creator/);
    expect(commentOn('channels:history')).toMatch(/only to find a digest already posted/);
    expect(commentOn('groups:history')).toMatch(/earlier digest, in private channels/);
  });

  it('and OAuth installs (/slack/install) ask for the same scopes as the manifest', () => {
    expect([...SLACK_BOT_SCOPES].sort()).toEqual([...SLACK_SCOPE_NAMES].sort());
  });
});
