import type { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { papersCommand } from './command-definition.js';

/**
 * Puts the `/papers` command in place: in one guild (instant, for development) or globally.
 * A PUT overwrites the whole set, so running it again changes nothing.
 */
export async function registerCommands(rest: REST, appId: string, commandName: string, guild?: string): Promise<string> {
  const route = guild ? Routes.applicationGuildCommands(appId, guild) : Routes.applicationCommands(appId);
  await rest.put(route, { body: [papersCommand(commandName.replace(/^\//, ''))] });
  return guild ? `Registered ${commandName} in guild ${guild}.` : `Registered ${commandName} globally (it can take up to an hour to show).`;
}
