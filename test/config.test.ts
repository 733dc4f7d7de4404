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

  it('strips a trailing slash from base URLs', () => {
    expect(loadConfig({ HF_API_URL: 'http://127.0.0.1:9/' }).huggingFace.baseUrl).toBe('http://127.0.0.1:9');
  });
});
