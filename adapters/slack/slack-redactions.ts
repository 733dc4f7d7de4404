import type { Redaction } from '../../src/log-redaction.js';

/** Slack's credential shapes, which no log line may show (the library's messages included). */
export const SLACK_REDACTIONS: readonly Redaction[] = [
  // Bot, user, app-level and refresh tokens.
  [/xox[abposre]-[A-Za-z0-9-]+/g, 'xox…[redacted]'],
  [/xapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]'],
  // One-time OAuth codes wherever they appear (a JSON request body included).
  [/\b\d{6,}\.\d{6,}\.[0-9a-f]{16,}\b/g, '[redacted oauth code]'],
  // Response URLs: each is a credential for answering in its channel.
  [/(response_url(?:=|\\?"\s*:\s*\\?"))[^&"\\\s]+/gi, '$1[redacted]'],
  [/https:\/\/hooks\.slack\.com\/[^\s"\\]+/g, 'https://hooks.slack.com/[redacted]'],
  [/(\/(?:commands|actions)\/[A-Z0-9]+\/\d+\/)[^\s"\\/?]+/g, '$1[redacted]'],
];
