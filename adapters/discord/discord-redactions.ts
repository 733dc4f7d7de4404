import type { Redaction } from '../../src/log-redaction.js';

/** Discord's credential shapes, which no log line may show (discord.js's messages included). */
export const DISCORD_REDACTIONS: readonly Redaction[] = [
  // Bot tokens: three base64url parts (user id, time, HMAC).
  [/[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g, '[redacted discord token]'],
  // Interaction tokens in webhook and callback paths.
  [/(\/(?:webhooks|interactions)\/\d+\/)[A-Za-z0-9._-]{20,}/g, '$1[redacted]'],
];
