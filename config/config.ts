import { envSchema, type Env } from './env.js';

export interface Config {
  logLevel: Env['LOG_LEVEL'];
  storeUrl: string | undefined;
  /** Prefix of every key this deployment writes, so several can share one Redis or database. */
  storePrefix: string;
  digests: { concurrency: number; lockMs: number };
  huggingFace: { baseUrl: string; token: string | undefined; timeoutMs: number; retries: number };
  /** Milliseconds between a backfill's requests, under Hugging Face's 500 (1,000 with a token) per 5 minutes. */
  backfillGapMs: number;
  archive: { refreshRecentDays: number; refreshAfterMs: number; indexFile: string | undefined };
  port: number;
  /** How long a graceful stop may take (after SIGINT or SIGTERM) before the process exits anyway. */
  stopDeadlineMs: number;
  /** Limits of the public HTTP server, against slow and piled-up connections. */
  http: HttpLimits;
  /** Where /healthz and /metrics are served: their own port and address, or PORT when `port` is 0. */
  ops: { port: number; host: string; metricsToken: string | undefined };
  commandName: string;
  terminal: boolean;
  commandLimits: { perUserPerMinute: number; perChannelPerMinute: number; perMemberPerMinute: number };
  slack: SlackConfig | undefined;
  discord: DiscordConfig | undefined;
}

export interface HttpLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

/** Discord: the gateway (one connection; one replica runs it) and/or stateless HTTP interactions. */
export interface DiscordConfig {
  token: string | undefined;
  appId: string | undefined;
  publicKey: string | undefined;
  apiUrl: string | undefined;
  /** Whether this replica holds the gateway connection. */
  gateway: boolean;
  /** Whether this replica serves POST /discord/interactions. */
  interactions: boolean;
}

/** How the Slack app runs: one workspace over HTTP, Socket Mode, or many workspaces through OAuth. */
export interface SlackConfig {
  mode: 'http' | 'socket' | 'oauth';
  signingSecret: string | undefined;
  botToken: string | undefined;
  appToken: string | undefined;
  oauth: { clientId: string; clientSecret: string; stateSecret: string } | undefined;
  apiUrl: string | undefined;
  adminOnlySettings: boolean;
  /** Messages to one workspace in any rolling second, across replicas (0: only Slack's 429s limit it). */
  workspaceRate: number;
  /** The pacing counts each post's second from Slack's answer; a post not answered this long after its start counts as arrived then. */
  paceMarginMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment once; a bad value names the variable, what it got, and what it should be. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const got = env[name];
      const shown = isSecret(name) ? '(hidden)' : JSON.stringify(got);
      return `  ${name}: got ${shown}; expected ${issue.message}`;
    });
    throw invalid(lines);
  }
  const e = parsed.data;
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    throw invalid([`  HTTP_HEADERS_TIMEOUT_MS: got ${e.HTTP_HEADERS_TIMEOUT_MS}; expected at most HTTP_REQUEST_TIMEOUT_MS (${e.HTTP_REQUEST_TIMEOUT_MS}): the headers are part of the request`]);
  }
  const slack = slackConfig(e);
  const discord = discordConfig(e);
  return {
    logLevel: e.LOG_LEVEL,
    storeUrl: e.STORE_URL,
    storePrefix: e.STORE_PREFIX,
    digests: { concurrency: e.DIGEST_CONCURRENCY, lockMs: e.DIGEST_LOCK_MS },
    huggingFace: {
      baseUrl: e.HF_API_URL ?? 'https://b-61j.pages.dev',
      token: e.HF_TOKEN,
      timeoutMs: e.HF_TIMEOUT_MS,
      retries: e.HF_RETRIES,
    },
    backfillGapMs: e.HF_REQUEST_GAP_MS || (e.HF_TOKEN ? 300 : 600),
    archive: { refreshRecentDays: e.REFRESH_RECENT_DAYS, refreshAfterMs: e.REFRESH_AFTER_MINUTES * 60_000, indexFile: e.INDEX_FILE },
    port: e.PORT,
    stopDeadlineMs: e.STOP_DEADLINE_MS,
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
    ops: { port: e.OPS_PORT, host: e.OPS_HOST, metricsToken: e.METRICS_TOKEN },
    commandName: e.COMMAND_NAME,
    terminal: e.TERMINAL,
    commandLimits: { perUserPerMinute: e.COMMAND_RATE_PER_USER, perChannelPerMinute: e.COMMAND_RATE_PER_CHANNEL, perMemberPerMinute: e.COMMAND_RATE_PER_MEMBER },
    slack,
    discord,
  };
}

function discordConfig(e: Env): DiscordConfig | undefined {
  if (!e.DISCORD_TOKEN && !e.DISCORD_PUBLIC_KEY && !e.DISCORD_APP_ID) return undefined;
  if (e.DISCORD_PUBLIC_KEY && !e.DISCORD_APP_ID) throw missing('DISCORD_APP_ID', 'the application id, needed with DISCORD_PUBLIC_KEY');
  if (e.DISCORD_APP_ID && !e.DISCORD_PUBLIC_KEY && !e.DISCORD_TOKEN) throw missing('DISCORD_TOKEN', 'the bot token, or DISCORD_PUBLIC_KEY for HTTP interactions');
  const gateway = e.DISCORD_GATEWAY ?? Boolean(e.DISCORD_TOKEN);
  if (gateway && !e.DISCORD_TOKEN) throw missing('DISCORD_TOKEN', 'the bot token, needed for the gateway (DISCORD_GATEWAY=true)');
  return {
    token: e.DISCORD_TOKEN,
    appId: e.DISCORD_APP_ID,
    publicKey: e.DISCORD_PUBLIC_KEY,
    apiUrl: e.DISCORD_API_URL,
    gateway,
    interactions: Boolean(e.DISCORD_PUBLIC_KEY),
  };
}

function slackConfig(e: Env): SlackConfig | undefined {
  const anySet = e.SLACK_BOT_TOKEN || e.SLACK_APP_TOKEN || e.SLACK_CLIENT_ID || e.SLACK_SIGNING_SECRET;
  if (!anySet) return undefined;
  const oauth = e.SLACK_CLIENT_ID || e.SLACK_CLIENT_SECRET || e.SLACK_STATE_SECRET;
  let mode: SlackConfig['mode'];
  if (oauth) {
    if (!e.SLACK_CLIENT_ID) throw missing('SLACK_CLIENT_ID', 'the app\'s client id, needed for OAuth with SLACK_CLIENT_SECRET');
    if (!e.SLACK_CLIENT_SECRET) throw missing('SLACK_CLIENT_SECRET', 'the app\'s client secret, needed for OAuth with SLACK_CLIENT_ID');
    if (!e.SLACK_STATE_SECRET) throw missing('SLACK_STATE_SECRET', 'a random secret that signs OAuth state, needed for OAuth');
    if (!e.SLACK_SIGNING_SECRET) throw missing('SLACK_SIGNING_SECRET', 'the app\'s signing secret, needed to verify requests');
    mode = 'oauth';
  } else if (e.SLACK_APP_TOKEN) {
    if (!e.SLACK_APP_TOKEN.startsWith('xapp-')) {
      throw invalid(['  SLACK_APP_TOKEN: got (hidden) a token that does not start with xapp-; expected an app-level token starting with xapp-']);
    }
    if (!e.SLACK_BOT_TOKEN) throw missing('SLACK_BOT_TOKEN', 'the bot token (xoxb-…), needed with SLACK_APP_TOKEN');
    mode = 'socket';
  } else {
    if (!e.SLACK_BOT_TOKEN) throw missing('SLACK_BOT_TOKEN', 'the bot token (xoxb-…), needed with SLACK_SIGNING_SECRET');
    if (!e.SLACK_SIGNING_SECRET) throw missing('SLACK_SIGNING_SECRET', 'the app\'s signing secret, needed with SLACK_BOT_TOKEN');
    mode = 'http';
  }
  return {
    mode,
    signingSecret: e.SLACK_SIGNING_SECRET,
    botToken: e.SLACK_BOT_TOKEN,
    appToken: e.SLACK_APP_TOKEN,
    oauth: oauth ? { clientId: e.SLACK_CLIENT_ID!, clientSecret: e.SLACK_CLIENT_SECRET!, stateSecret: e.SLACK_STATE_SECRET! } : undefined,
    apiUrl: e.SLACK_API_URL ? `${e.SLACK_API_URL}/` : undefined,
    adminOnlySettings: e.SLACK_ADMIN_ONLY_SETTINGS,
    workspaceRate: e.SLACK_WORKSPACE_RATE,
    paceMarginMs: e.SLACK_PACE_MARGIN_MS,
  };
}

/** One message for every configuration problem, naming each variable on a line of its own. */
function invalid(lines: string[]): ConfigError {
  return new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every variable.`);
}

/** A variable that another one needs, and that is not set. */
function missing(name: string, why: string): ConfigError {
  return invalid([`  ${name}: got nothing; expected ${why}`]);
}

function isSecret(name: string): boolean {
  return /TOKEN|SECRET|KEY|PASSWORD/.test(name);
}

/** Every secret of the configuration, for the log's redaction step. */
export function configSecrets(config: Config): (string | undefined)[] {
  const raw = config.storeUrl && URL.canParse(config.storeUrl) ? new URL(config.storeUrl).password : '';
  let storePassword = raw;
  try {
    storePassword = decodeURIComponent(raw);
  } catch {
    // A password with a stray `%` is used as it is.
  }
  return [
    config.huggingFace.token,
    config.slack?.botToken,
    config.slack?.signingSecret,
    config.slack?.appToken,
    config.slack?.oauth?.clientSecret,
    config.slack?.oauth?.stateSecret,
    config.discord?.token,
    config.ops.metricsToken,
    storePassword || undefined,
    raw || undefined,
  ];
}
