import type { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** One message for every configuration problem, naming each variable on a line of its own. */
export function invalidConfig(lines: string[]): ConfigError {
  return new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every variable.`);
}

/** A variable that another one needs, and that is not set. */
export function missingSetting(name: string, why: string): ConfigError {
  return invalidConfig([`  ${name}: got nothing; expected ${why}`]);
}

export function isSecretName(name: string): boolean {
  return /TOKEN|SECRET|KEY|PASSWORD/.test(name);
}

/** The variables a schema reads, or one line per bad variable (its value hidden when it is a secret). */
export function readVariables<T>(schema: z.ZodType<T>, env: Record<string, string | undefined>): { ok: true; values: T } | { ok: false; lines: string[] } {
  const parsed = schema.safeParse(env);
  if (parsed.success) return { ok: true, values: parsed.data };
  return {
    ok: false,
    lines: parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const shown = isSecretName(name) ? '(hidden)' : JSON.stringify(env[name]);
      return `  ${name}: got ${shown}; expected ${issue.message}`;
    }),
  };
}
