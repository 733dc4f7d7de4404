import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.js';

describe('configuration from the environment', () => {
  it('runs on embedded defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      storeUrl: undefined,
      logLevel: 'info',
      port: 3000,
      commandName: '/papers',
      huggingFace: { baseUrl: 'https://b-61j.pages.dev', token: undefined, timeoutMs: 10_000, retries: 4 },
      archive: { refreshRecentDays: 3, refreshAfterMs: 3_600_000 },
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: got "eighty"; expected a TCP port, a whole number from 1 to 65535/],
    [{ STORE_URL: 'mysql://x' }, /STORE_URL: got "mysql:\/\/x"; expected a store URL starting with sqlite:\/\/, redis:\/\//],
    [{ HF_API_URL: 'not a url' }, /HF_API_URL: got "not a url"; expected the Hugging Face base URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL: got "loud"; expected one of fatal, error/],
    [{ COMMAND_NAME: 'papers' }, /COMMAND_NAME: got "papers"; expected a slash command such as \/papers/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /SLACK_SIGNING_SECRET: got nothing; expected the app's signing secret/],
    [{ SLACK_APP_TOKEN: 'xoxb-wrong', SLACK_BOT_TOKEN: 'xoxb-1' }, /SLACK_APP_TOKEN: got \(hidden\) a token that does not start with xapp-; expected an app-level token/],
    [{ SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 's', SLACK_SIGNING_SECRET: 'x' }, /SLACK_STATE_SECRET: got nothing/],
    [{ DISCORD_PUBLIC_KEY: 'ab'.repeat(32) }, /DISCORD_APP_ID: got nothing; expected the application id/],
    [{ DISCORD_APP_ID: '12' }, /DISCORD_APP_ID: got "12"; expected the application id, a 17 to 20 digit snowflake/],
    [{ DISCORD_GATEWAY: 'maybe', DISCORD_TOKEN: 't' }, /DISCORD_GATEWAY: got "maybe"; expected true or false/],
    [{ COMMAND_RATE_PER_USER: 'lots' }, /COMMAND_RATE_PER_USER: got "lots"/],
  ])('stops on %j, naming the variable, the value and what it should be', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('names every bad variable at once', () => {
    const both = () => loadConfig({ PORT: '0', HF_RETRIES: '-1' });
    expect(both).toThrow(/PORT: got "0"/);
    expect(both).toThrow(/HF_RETRIES: got "-1"/);
  });

  it('never prints a secret value it rejects', () => {
    expect(() => loadConfig({ HF_TOKEN: 'hf_abc', PORT: 'x', COMMAND_NAME: 'x' })).not.toThrow(/hf_abc/);
  });

  it('picks Slack and Discord modes from what is set', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).platforms.slack?.mode).toBe('http');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).platforms.slack?.mode).toBe('socket');
    expect(loadConfig({ SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 's', SLACK_STATE_SECRET: 't', SLACK_SIGNING_SECRET: 'x' }).platforms.slack?.mode).toBe('oauth');
    expect(loadConfig({ DISCORD_TOKEN: 't' }).platforms.discord).toMatchObject({ gateway: true, interactions: false });
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_GATEWAY: 'false', DISCORD_APP_ID: '123456789012345678', DISCORD_PUBLIC_KEY: 'ab'.repeat(32) }).platforms.discord).toMatchObject({ gateway: false, interactions: true });
    expect(loadConfig({}).platforms.slack).toBeUndefined();
  });

  it('strips a trailing slash from base URLs', () => {
    expect(loadConfig({ HF_API_URL: 'http://127.0.0.1:9/' }).huggingFace.baseUrl).toBe('http://127.0.0.1:9');
  });
});
