import type { PlatformCliCommand } from '../../src/platform/port.js';
import { UsageError } from '../../src/platform/usage-error.js';
import { discordInviteUrl } from './discord-invite.js';
import type { DiscordSettings } from './discord-settings.js';
import { discordRest } from './discord-target.js';
import { registerCommands } from './register-commands.js';

/** `papers-bot register-commands [--guild <id>]`: registers the command, then prints the bot's invite link. */
export const registerCommandsCommand: PlatformCliCommand<DiscordSettings> = {
  name: 'register-commands',
  usage: `  papers-bot register-commands [--guild <id>]
      put the slash command in place on Discord (guild: instant; else global)`,
  options: { guild: { type: 'string' } },
  async run({ values, settings, commandName, out }) {
    if (!settings?.token || !settings.appId) throw new UsageError('register-commands needs DISCORD_TOKEN and DISCORD_APP_ID in the environment.');
    const guild = typeof values.guild === 'string' ? values.guild : undefined;
    if (guild !== undefined && !/^\d{17,20}$/.test(guild)) throw new UsageError(`--guild takes a guild id (17 to 20 digits), got "${guild}".`);
    out(await registerCommands(discordRest(settings.token, settings.apiUrl, {}), settings.appId, commandName, guild));
    out(`Invite the bot${guild ? ' to that server' : ''} (bot and applications.commands, with the permissions its digests need): ${discordInviteUrl(settings.appId, guild)}`);
    return 0;
  },
};
