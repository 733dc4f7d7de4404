import { addRedactions } from '../src/log-redaction.js';
import type { AnyPlatformPort, SettingsOf } from '../src/platform/port.js';
import { discordPlatform } from './discord/discord-platform.js';
import { slackPlatform } from './slack/slack-platform.js';
import { terminalPlatform } from './terminal/terminal-platform.js';

/** Every platform the bot can run on. Adding one is a folder of its own and a line here. */
export const PLATFORMS = [slackPlatform, discordPlatform, terminalPlatform] as const;

// Every log line of this process is redacted of every platform's credential shapes, running or not.
for (const port of PLATFORMS as readonly AnyPlatformPort[]) addRedactions(port.redactions ?? []);

export type PlatformName = (typeof PLATFORMS)[number]['name'];

/** Each platform's settings by its name; absent when it is not configured. */
export type PlatformSettings = { [P in (typeof PLATFORMS)[number] as P['name']]?: SettingsOf<P> };
