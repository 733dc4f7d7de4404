import { PLATFORMS, type PlatformSettings } from '../adapters/platforms.js';
import type { CoreConfig } from '../src/core.js';
import type { AnyPlatformPort } from '../src/platform/port.js';
import { ConfigError, invalidConfig, readVariables } from '../src/platform/settings-error.js';
import { envSchema, type Env } from './env.js';

export { ConfigError };

export interface Config extends CoreConfig {
  logLevel: Env['LOG_LEVEL'];
  digests: { concurrency: number; lockMs: number };
  /** Milliseconds between a backfill's requests, under Hugging Face's 500 (1,000 with a token) per 5 minutes. */
  backfillGapMs: number;
  port: number;
  /** How long a graceful stop may take (after SIGINT or SIGTERM) before the process exits anyway. */
  stopDeadlineMs: number;
  /** Limits of the public HTTP server, against slow and piled-up connections. */
  http: HttpLimits;
  /** Where /healthz and /metrics are served: their own port and address, or PORT when `port` is 0. */
  ops: { port: number; host: string; metricsToken: string | undefined };
  commandLimits: { perUserPerMinute: number; perChannelPerMinute: number; perMemberPerMinute: number };
  /** Each configured platform's settings, by its name (`adapters/platforms.ts`). */
  platforms: PlatformSettings;
}

export interface HttpLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

/**
 * Reads the environment once, the core's variables and every platform's (`ports`, the registry); a
 * bad value names the variable, what it got, and what it should be.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, ports: readonly AnyPlatformPort[] = PLATFORMS): Config {
  const core = readVariables(envSchema, env);
  const platforms = ports.map((port) => ({ port, read: readVariables<unknown>(port.env, env) }));
  const lines = [core, ...platforms.map((p) => p.read)].flatMap((read) => (read.ok ? [] : read.lines));
  if (!core.ok || lines.length > 0) throw invalidConfig(lines);
  const e = core.values;
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    throw invalidConfig([`  HTTP_HEADERS_TIMEOUT_MS: got ${e.HTTP_HEADERS_TIMEOUT_MS}; expected at most HTTP_REQUEST_TIMEOUT_MS (${e.HTTP_REQUEST_TIMEOUT_MS}): the headers are part of the request`]);
  }
  const settings: Record<string, unknown> = {};
  for (const { port, read } of platforms) if (read.ok) settings[port.name] = port.settings(read.values);
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
    commandLimits: { perUserPerMinute: e.COMMAND_RATE_PER_USER, perChannelPerMinute: e.COMMAND_RATE_PER_CHANNEL, perMemberPerMinute: e.COMMAND_RATE_PER_MEMBER },
    platforms: settings as PlatformSettings,
  };
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
    ...PLATFORMS.flatMap((port) => {
      const settings = config.platforms[port.name as keyof PlatformSettings];
      return settings === undefined ? [] : port.secrets(settings as never);
    }),
    config.ops.metricsToken,
    storePassword || undefined,
    raw || undefined,
  ];
}
