import { formatChannelKey, parseChannelKey } from '../../src/channels/channel-key.js';

export const DISCORD = 'discord';

/** A Discord channel's key: `discord:<guild id, or dm>:<channel id>`. */
export function discordChannel(guild: string | undefined, channel: string): string {
  return formatChannelKey({ platform: DISCORD, workspace: guild ?? 'dm', channel });
}

/** The channel id of a Discord channel key; undefined for another platform's key. */
export function discordChannelId(key: string): string | undefined {
  const address = parseChannelKey(key);
  return address?.platform === DISCORD ? address.channel : undefined;
}
