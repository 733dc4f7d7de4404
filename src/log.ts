import { pino, type Logger, type DestinationStream } from 'pino';
import { createRedactor } from './log-redaction.js';

export type { Logger };

/** Any field with one of these names is replaced before a line is written. */
const SECRET_PATHS = [
  'token',
  '*.token',
  'headers.authorization',
  '*.headers.authorization',
  'authorization',
  'botToken',
  '*.botToken',
  'signingSecret',
  '*.signingSecret',
  'clientSecret',
  '*.clientSecret',
];

/**
 * Structured JSON logs, one line per event, on stderr so stdout stays the user's. Every line passes
 * one redaction step before it is written: the `secrets` given and anything shaped like a credential.
 */
export function createLogger(level: string, destination: DestinationStream = pino.destination(2), secrets: (string | undefined)[] = []): Logger {
  const redact = createRedactor(secrets);
  return pino(
    { level, base: undefined, redact: { paths: SECRET_PATHS, censor: '[redacted]' }, hooks: { streamWrite: redact } },
    destination,
  );
}

/** Where an interactive session (the console, a backfill on a TTY) writes its logs, so lines never cross the prompt or the bar. */
export const TERMINAL_LOG_FILE = './data/papers-bot.log';

/** The same logs, appended to a file (its folder made if missing). */
export function createFileLogger(level: string, path: string, secrets: (string | undefined)[] = []): Logger {
  return createLogger(level, pino.destination({ dest: path, mkdir: true, sync: true, append: true }), secrets);
}

export const silentLogger: Logger = pino({ level: 'silent' });
