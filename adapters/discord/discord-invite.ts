import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField } from 'discord.js';

/**
 * Every permission the bot itself uses in a channel, with the feature that needs it. Answers to
 * commands and buttons go through the interaction (its webhook) and need none; these are for the
 * scheduled digests, which the bot posts through REST as itself.
 */
export const DISCORD_BOT_PERMISSIONS = [
  { flag: PermissionFlagsBits.ViewChannel, label: 'View Channels', why: 'see the channel a digest goes to (every request on a channel needs it)' },
  { flag: PermissionFlagsBits.SendMessages, label: 'Send Messages', why: 'post the scheduled digests in a text channel' },
  { flag: PermissionFlagsBits.SendMessagesInThreads, label: 'Send Messages in Threads', why: 'post the digests of a thread: a schedule set from inside a thread delivers there' },
  { flag: PermissionFlagsBits.CreatePublicThreads, label: 'Create Public Threads', why: 'start the thread on a digest headline for the thread style, each paper a reply in it' },
  { flag: PermissionFlagsBits.EmbedLinks, label: 'Embed Links', why: 'a digest shows each paper as an embed, which Discord leaves out of a bot message without it' },
  { flag: PermissionFlagsBits.ReadMessageHistory, label: 'Read Message History', why: "read the channel's latest messages, only to find a digest already posted after a crash or a lost answer, so it is never posted twice" },
] as const;

/** The OAuth2 scopes of the invite: the bot user, and the slash command. */
export const DISCORD_INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

/** The permissions integer of the invite. */
export function discordBotPermissions(): bigint {
  return new PermissionsBitField(DISCORD_BOT_PERMISSIONS.map((p) => p.flag)).bitfield;
}

/** The link that adds the bot to a server with its permissions; with a guild id, to that server only. */
export function discordInviteUrl(applicationId: string, guild?: string): string {
  if (!/^\d{17,20}$/.test(applicationId)) throw new TypeError(`an application id is a 17 to 20 digit snowflake, got "${applicationId}"`);
  const query = [
    `client_id=${applicationId}`,
    `scope=${DISCORD_INVITE_SCOPES.map(encodeURIComponent).join('%20')}`,
    `permissions=${discordBotPermissions()}`,
    ...(guild ? [`guild_id=${encodeURIComponent(guild)}`, 'disable_guild_select=true'] : []),
  ];
  return `https://discord.com/oauth2/authorize?${query.join('&')}`;
}
