import { loadConfig } from '../../config/config.js';
import { UsageError, type CliArgs } from '../../src/cli/args.js';
import type { CliIo } from '../../src/cli/run-cli.js';
import { discordInviteUrl } from './discord-invite.js';
import { discordRest } from './discord-target.js';
import { registerCommands } from './register-commands.js';

/** `papers-bot register-commands [--guild <id>]`: registers the command, then prints the bot's invite link. */
export async function registerDiscordCommands(args: CliArgs, io: CliIo, env?: Record<string, string | undefined>): Promise<number> {
  const config = loadConfig(env);
  if (!config.discord?.token || !config.discord.appId) {
    throw new UsageError('register-commands needs DISCORD_TOKEN and DISCORD_APP_ID in the environment.');
  }
  if (args.guild !== undefined && !/^\d{17,20}$/.test(args.guild)) throw new UsageError(`--guild takes a guild id (17 to 20 digits), got "${args.guild}".`);
  io.out(await registerCommands(discordRest(config.discord.token, config.discord.apiUrl, {}), config.discord.appId, config.commandName, args.guild));
  io.out(`Invite the bot${args.guild ? ' to that server' : ''} (bot and applications.commands, with the permissions its digests need): ${discordInviteUrl(config.discord.appId, args.guild)}`);
  return 0;
}
