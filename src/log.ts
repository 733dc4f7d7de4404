import { pino, type Logger, type DestinationStream } from 'pino';

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

/** Structured JSON logs, one line per event, on stderr so stdout stays the user's. */
export function createLogger(level: string, destination: DestinationStream = pino.destination(2)): Logger {
  return pino({ level, base: undefined, redact: { paths: SECRET_PATHS, censor: '[redacted]' } }, destination);
}

export const silentLogger: Logger = pino({ level: 'silent' });
