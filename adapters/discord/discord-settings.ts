import { z } from 'zod';
import { optionalFlag, optionalText, url } from '../../src/platform/env-fields.js';
import { missingSetting } from '../../src/platform/settings-error.js';

export const discordEnv = z.object({
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

/** Discord: the gateway (one connection; one replica runs it) and/or stateless HTTP interactions. */
export interface DiscordSettings {
  token: string | undefined;
  appId: string | undefined;
  publicKey: string | undefined;
  apiUrl: string | undefined;
  /** Whether this replica holds the gateway connection. */
  gateway: boolean;
  /** Whether this replica serves POST /discord/interactions. */
  interactions: boolean;
}

/** The Discord settings, undefined when no Discord variable is set; a half-set Discord is a ConfigError. */
export function discordSettings(e: z.infer<typeof discordEnv>): DiscordSettings | undefined {
  if (!e.DISCORD_TOKEN && !e.DISCORD_PUBLIC_KEY && !e.DISCORD_APP_ID) return undefined;
  if (e.DISCORD_PUBLIC_KEY && !e.DISCORD_APP_ID) throw missingSetting('DISCORD_APP_ID', 'the application id, needed with DISCORD_PUBLIC_KEY');
  if (e.DISCORD_APP_ID && !e.DISCORD_PUBLIC_KEY && !e.DISCORD_TOKEN) throw missingSetting('DISCORD_TOKEN', 'the bot token, or DISCORD_PUBLIC_KEY for HTTP interactions');
  const gateway = e.DISCORD_GATEWAY ?? Boolean(e.DISCORD_TOKEN);
  if (gateway && !e.DISCORD_TOKEN) throw missingSetting('DISCORD_TOKEN', 'the bot token, needed for the gateway (DISCORD_GATEWAY=true)');
  return {
    token: e.DISCORD_TOKEN,
    appId: e.DISCORD_APP_ID,
    publicKey: e.DISCORD_PUBLIC_KEY,
    apiUrl: e.DISCORD_API_URL,
    gateway,
    interactions: Boolean(e.DISCORD_PUBLIC_KEY),
  };
}
