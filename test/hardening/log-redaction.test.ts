import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/log-redaction.js';
import '../../adapters/platforms.js';

describe('the log redaction step', () => {
  const redact = createRedactor(['s3cr"et\\value', 'xoxb-configured-token']);

  it('hides secrets given to it however a message escaped them, and credential-shaped text', () => {
    const line = JSON.stringify({ msg: `body ${JSON.stringify({ client_secret: 's3cr"et\\value', token: 'xoxb-configured-token' })}` });
    const out = redact(line);
    expect(out).not.toContain('s3cr');
    expect(out).not.toContain('xoxb-configured-token');
    expect(redact('GET /slack/oauth_redirect?code=1234.5678.abcdef&state=st4te-value')).toBe('GET /slack/oauth_redirect?code=[redacted]&state=[redacted]');
    expect(redact('wss://wss.slack.com/link/?ticket=0f1e2d3c&app_id=A1')).toBe('wss://wss.slack.com/link/?ticket=[redacted]&app_id=A1');
    expect(redact('{"code":"4724469134.4644010092847.232b4e6d82c333b475fc"}')).not.toContain('4724469134.4644010092847');
    expect(redact('connecting to redis://user:pa55word@cache:6379')).toBe('connecting to redis://user:[redacted]@cache:6379');
    expect(redact('https://hooks.slack.com/commands/T1/123/AbCdEf')).toBe('https://hooks.slack.com/[redacted]');
  });

  it('keeps what is not secret: error codes and states in JSON fields stay readable', () => {
    const line = '{"level":50,"code":"slack_webapi_rate_limited_error","state":"open","msg":"Slack handler failed"}';
    expect(redact(line)).toBe(line);
  });

  it('handles a very long line of URL-like text in one pass (no backtracking blow-up)', () => {
    const long = `${'a-'.repeat(100_000)}://x`;
    expect(redact(long)).toBe(long);
  });
});
