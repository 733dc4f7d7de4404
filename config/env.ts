import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const storeSchemes = ['sqlite:', 'redis:', 'rediss:', 'postgres:', 'postgresql:', 'memory:'];

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const wholeNumber = (fallback: number, min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        ctx.addIssue({ code: 'custom', message: `${what}, a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return parsed;
    });

const url = (fallback: string | undefined, what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      if (!URL.canParse(value)) {
        ctx.addIssue({ code: 'custom', message: `${what}, an absolute URL such as ${fallback ?? 'https://example.com'}` });
        return z.NEVER;
      }
      return value.replace(/\/+$/, '');
    });

/** `true`/`false` (or yes/no, on/off, 1/0); unset gives `fallback`. */
const optionalFlag = <T extends boolean | undefined>(fallback: T) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): boolean | T => {
      if (value === undefined || value === '') return fallback;
      if (/^(1|true|yes|on)$/i.test(value)) return true;
      if (/^(0|false|no|off)$/i.test(value)) return false;
      ctx.addIssue({ code: 'custom', message: 'true or false' });
      return z.NEVER;
    });
const flag = optionalFlag(false);

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
  TERMINAL: flag,
  COMMAND_RATE_PER_USER: wholeNumber(20, 0, 10_000, 'commands one member may send per minute in a channel (0: no limit)'),
  COMMAND_RATE_PER_CHANNEL: wholeNumber(60, 0, 100_000, 'commands one channel may send per minute (0: no limit)'),
  COMMAND_RATE_PER_MEMBER: wholeNumber(60, 0, 10_000, 'commands one member may send per minute across all channels (0: no limit)'),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  SLACK_API_URL: url(undefined, 'the Slack Web API base URL'),
  SLACK_ADMIN_ONLY_SETTINGS: flag,
  SLACK_WORKSPACE_RATE: wholeNumber(0, 0, 1_000, 'messages the bot sends one workspace in any rolling second, across replicas: the workspace\'s limit (0: only Slack\'s 429s limit it)'),
  SLACK_PACE_MARGIN_MS: wholeNumber(50, 0, 1_000, 'ms after its start by which a Slack post not yet answered counts as arrived, for the pacing (per workspace and per channel counts each post\'s second from Slack\'s answer)'),
  DISCORD_TOKEN: optionalText,
  DISCORD_APP_ID: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.string().regex(/^\d{17,20}$/, 'the application id, a 17 to 20 digit snowflake').optional()),
  DISCORD_PUBLIC_KEY: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.string().regex(/^[0-9a-f]{64}$/i, "the application's public key, 64 hex characters").optional()),
  DISCORD_API_URL: url(undefined, 'the Discord REST base URL'),
  DISCORD_GATEWAY: optionalFlag(undefined),
});

export type Env = z.infer<typeof envSchema>;
