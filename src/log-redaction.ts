/**
 * One redaction step for every log line, whatever wrote it (our structured fields, or Bolt's,
 * the Slack client's and discord.js's messages flattened to strings): the secrets this process was
 * given are replaced wherever they appear, and so is anything shaped like a credential.
 */
const PATTERNS: [RegExp, string][] = [
  // Slack bot, user, app-level and refresh tokens.
  [/xox[abposre]-[A-Za-z0-9-]+/g, 'xox…[redacted]'],
  [/xapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]'],
  // Hugging Face tokens.
  [/hf_[A-Za-z0-9]{8,}/g, 'hf_[redacted]'],
  // Discord bot tokens: three base64url parts (user id, time, HMAC).
  [/[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g, '[redacted discord token]'],
  // Secrets in query strings, form bodies and JSON (escaped once or twice, as flattened messages carry them).
  [/\b(client_secret|token|access_token|refresh_token|signing_secret|bot_token|app_token)(=|\\*"\s*:\s*\\*"|:\s*')([^&"'\\\s]+)/gi, '$1$2[redacted]'],
  // Slack's one-time OAuth codes wherever they appear (a JSON request body included).
  [/\b\d{6,}\.\d{6,}\.[0-9a-f]{16,}\b/g, '[redacted oauth code]'],
  // One-time values, in URLs and form bodies only (a JSON `code` or `state` field is an error code or a status).
  [/([?&](?:code|state|ticket)=)[^&"'\\\s]+/gi, '$1[redacted]'],
  // Slack response URLs and Discord interaction tokens in webhook and callback paths.
  [/(response_url(?:=|\\?"\s*:\s*\\?"))[^&"\\\s]+/gi, '$1[redacted]'],
  [/https:\/\/hooks\.slack\.com\/[^\s"\\]+/g, 'https://hooks.slack.com/[redacted]'],
  [/(\/(?:commands|actions)\/[A-Z0-9]+\/\d+\/)[^\s"\\/?]+/g, '$1[redacted]'],
  [/(\/(?:webhooks|interactions)\/\d+\/)[A-Za-z0-9._-]{20,}/g, '$1[redacted]'],
  // Passwords in connection URLs.
  [/(\b[a-z][a-z0-9+.-]{0,31}:\/\/[^:/\s"@]{0,256}:)[^@\s"/]{1,256}@/gi, '$1[redacted]@'],
];

export function createRedactor(secrets: (string | undefined)[]): (line: string) => string {
  // Longest first, so that a secret containing another is replaced whole.
  // Each secret as it is, and as it appears inside a JSON string (once and twice escaped).
  const escaped = (secret: string) => [secret, JSON.stringify(secret).slice(1, -1), JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1)];
  const known = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6).flatMap(escaped))].sort((a, b) => b.length - a.length);
  return (line) => {
    let out = line;
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}
