/** A credential's shape, and what replaces it in a log line. */
export type Redaction = [pattern: RegExp, replacement: string];

/**
 * One redaction step for every log line, whatever wrote it (our structured fields, or the platform
 * libraries' messages flattened to strings): the secrets this process was given are replaced
 * wherever they appear, and so is anything shaped like a credential — the core's shapes below, and
 * each platform's (`addRedactions`, from the platform registry).
 */
const PATTERNS: Redaction[] = [
  // Hugging Face tokens.
  [/hf_[A-Za-z0-9]{8,}/g, 'hf_[redacted]'],
  // Secrets in query strings, form bodies and JSON (escaped once or twice, as flattened messages carry them).
  [/\b(client_secret|token|access_token|refresh_token|signing_secret|bot_token|app_token)(=|\\*"\s*:\s*\\*"|:\s*')([^&"'\\\s]+)/gi, '$1$2[redacted]'],
  // One-time values, in URLs and form bodies only (a JSON `code` or `state` field is an error code or a status).
  [/([?&](?:code|state|ticket)=)[^&"'\\\s]+/gi, '$1[redacted]'],
  // Passwords in connection URLs.
  [/(\b[a-z][a-z0-9+.-]{0,31}:\/\/[^:/\s"@]{0,256}:)[^@\s"/]{1,256}@/gi, '$1[redacted]@'],
];

const added: Redaction[] = [];

/** Adds credential shapes of a platform to every redactor, made before or after. */
export function addRedactions(redactions: readonly Redaction[]): void {
  for (const redaction of redactions) if (!added.includes(redaction)) added.push(redaction);
}

export function createRedactor(secrets: (string | undefined)[]): (line: string) => string {
  // Longest first, so that a secret containing another is replaced whole.
  // Each secret as it is, and as it appears inside a JSON string (once and twice escaped).
  const escaped = (secret: string) => [secret, JSON.stringify(secret).slice(1, -1), JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1)];
  const known = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6).flatMap(escaped))].sort((a, b) => b.length - a.length);
  return (line) => {
    let out = line;
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    for (const [pattern, replacement] of [...added, ...PATTERNS]) out = out.replace(pattern, replacement);
    return out;
  };
}
