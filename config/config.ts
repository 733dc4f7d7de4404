import { envSchema, type Env } from './env.js';

export interface Config {
  logLevel: Env['LOG_LEVEL'];
  storeUrl: string | undefined;
  huggingFace: { baseUrl: string; token: string | undefined; timeoutMs: number; retries: number };
  archive: { refreshRecentDays: number; refreshAfterMs: number };
  port: number;
  commandName: string;
  terminal: boolean;
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
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every variable.`);
  }
  const e = parsed.data;
  return {
    logLevel: e.LOG_LEVEL,
    storeUrl: e.STORE_URL,
    huggingFace: {
      baseUrl: e.HF_API_URL ?? 'https://b-61j.pages.dev',
      token: e.HF_TOKEN,
      timeoutMs: e.HF_TIMEOUT_MS,
      retries: e.HF_RETRIES,
    },
    archive: { refreshRecentDays: e.REFRESH_RECENT_DAYS, refreshAfterMs: e.REFRESH_AFTER_MINUTES * 60_000 },
    port: e.PORT,
    commandName: e.COMMAND_NAME,
    terminal: e.TERMINAL,
  };
}

function isSecret(name: string): boolean {
  return /TOKEN|SECRET|KEY|PASSWORD/.test(name);
}
