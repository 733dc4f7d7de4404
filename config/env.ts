import { z } from 'zod';
import { optionalText, url, wholeNumber } from '../src/platform/env-fields.js';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const storeSchemes = ['sqlite:', 'redis:', 'rediss:', 'postgres:', 'postgresql:', 'memory:'];

export const envSchema = z.object({
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value) => value || 'info')
    .pipe(z.enum(logLevels, { error: `one of ${logLevels.join(', ')}` })),
  STORE_URL: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return undefined;
      const scheme = /^[a-z]+:/i.exec(value)?.[0]?.toLowerCase();
      if (!scheme || !storeSchemes.includes(scheme)) {
        ctx.addIssue({
          code: 'custom',
          message: 'a store URL starting with sqlite://, redis://, postgres:// or memory://',
        });
        return z.NEVER;
      }
      return value;
    }),
  STORE_PREFIX: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || 'papers-bot')
    .pipe(z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, dots, dashes or underscores (at most 40)')),
  DIGEST_CONCURRENCY: wholeNumber(8, 1, 256, 'how many digests one replica delivers at once'),
  DIGEST_LOCK_MS: wholeNumber(30_000, 1_000, 600_000, 'how long a replica holds a digest job before another may take it over'),
  HF_API_URL: url('https://b-61j.pages.dev', 'the Hugging Face base URL'),
  HF_TOKEN: optionalText,
  HF_TIMEOUT_MS: wholeNumber(10_000, 100, 120_000, 'a request timeout in milliseconds'),
  HF_RETRIES: wholeNumber(4, 0, 10, 'how many times to retry a failed request'),
  HF_REQUEST_GAP_MS: wholeNumber(0, 0, 60_000, 'milliseconds between a backfill\'s requests (0: 600, or 300 with HF_TOKEN)'),
  INDEX_FILE: optionalText,
  REFRESH_RECENT_DAYS: wholeNumber(3, 0, 30, 'how many recent days to refetch because upvotes still grow'),
  REFRESH_AFTER_MINUTES: wholeNumber(60, 1, 10_080, 'minutes after which a recent day is refetched'),
  PORT: wholeNumber(3000, 1, 65_535, 'a TCP port'),
  STOP_DEADLINE_MS: wholeNumber(10_000, 100, 600_000, 'milliseconds a stop may take before the process exits anyway'),
  HTTP_HEADERS_TIMEOUT_MS: wholeNumber(10_000, 1_000, 120_000, 'milliseconds a client has to send its request headers'),
  HTTP_REQUEST_TIMEOUT_MS: wholeNumber(15_000, 1_000, 300_000, 'milliseconds a client has to send its whole request'),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: wholeNumber(5_000, 1, 120_000, 'milliseconds an idle keep-alive connection stays open'),
  HTTP_MAX_CONNECTIONS: wholeNumber(1_000, 1, 100_000, 'open connections the HTTP server accepts at once'),
  OPS_PORT: wholeNumber(0, 0, 65_535, 'a TCP port for /healthz and /metrics of their own (0: on PORT)'),
  OPS_HOST: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || '127.0.0.1'),
  METRICS_TOKEN: optionalText,
  COMMAND_NAME: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || '/papers')
    .pipe(z.string().regex(/^\/[a-z0-9_-]{1,31}$/, 'a slash command such as /papers')),
  COMMAND_RATE_PER_USER: wholeNumber(20, 0, 10_000, 'commands one member may send per minute in a channel (0: no limit)'),
  COMMAND_RATE_PER_CHANNEL: wholeNumber(60, 0, 100_000, 'commands one channel may send per minute (0: no limit)'),
  COMMAND_RATE_PER_MEMBER: wholeNumber(60, 0, 10_000, 'commands one member may send per minute across all channels (0: no limit)'),
});

export type Env = z.infer<typeof envSchema>;
