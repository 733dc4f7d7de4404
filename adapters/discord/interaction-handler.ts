import { randomUUID } from 'node:crypto';
import type { ChannelStore } from '../../src/channels/channel-store.js';
import type { Command } from '../../src/commands/command.js';
import { similarButtonCommand } from '../../src/commands/parse-command.js';
import type { Reply } from '../../src/commands/reply.js';
import type { LikeOutcome } from '../../src/likes/toggle-like.js';
import type { Member } from '../../src/platform/port.js';
import type { KeyValue } from '../../src/store.js';
import { autocompleteChoices, type Choice } from './autocomplete.js';
import { commandOf, focusedOption, type InteractionOption } from './command-definition.js';
import { DISCORD_LIMITS } from './discord-limits.js';
import { likeAnswer, parseLikeId } from './like-click.js';
import { LIKE_PREFIX, renderDiscordMessages, SIMILAR_PREFIX, type DiscordMessage } from './render-embeds.js';
import { discordChannel } from './discord-channel.js';

/** Discord's Manage Channels permission bit. */
const MANAGE_CHANNELS = 1n << 4n;
const MORE_PREFIX = 'papers:more:';
const STORED_PREFIX = 'papers:k:';

/**
 * Whether a button answers in a new message only the clicking member sees (Similar), rather than
 * by editing the message it is on (More): a click on a digest must not replace the channel's post.
 */
export function answersPrivately(customId: string | undefined): boolean {
  return customId?.startsWith(SIMILAR_PREFIX) ?? false;
}

/** The parts of an interaction payload this adapter reads (the same over the gateway and HTTP). */
export interface RawInteraction {
  guild_id?: string;
  channel_id?: string;
  member?: { user: { id: string; username: string; global_name?: string | null }; permissions?: string };
  user?: { id: string; username: string; global_name?: string | null };
  data?: { options?: InteractionOption[]; custom_id?: string };
  /** The message a button is on: its action rows, as Discord sends them. */
  message?: { components?: unknown[] };
}

export interface DiscordAnswer {
  /** The answer for the person who asked (the deferred reply is edited to it). */
  reply: DiscordMessage[];
  /** Posted to the channel as a follow-up, for changes the channel should see. */
  channelPost: DiscordMessage[];
  /** The clicked message's new buttons (a 👍 count): only they change, its text and embeds stay. */
  components?: unknown[];
  /** Follow-ups only the member sees, the message clicked staying as it is. */
  privately?: DiscordMessage[];
}

/** How long a stored More button keeps working: a week of scrolling back through a channel. */
export const BUTTON_TTL_MS = 7 * 86_400_000;

export interface InteractionHandlerOptions {
  /** Runs a command for a member (the runtime's pipeline). */
  run(input: string | Command, member: Member): Promise<Reply>;
  /** Toggles a member's 👍 on a paper (the runtime's). */
  like(member: Member, paperId: string): Promise<LikeOutcome>;
  channels: ChannelStore;
  /** Holds the commands behind More buttons too long for a custom_id, for `BUTTON_TTL_MS`. */
  buttons: KeyValue;
}

/** Turns a command or button interaction into what to show, and answers autocomplete. */
export function createInteractionHandler(options: InteractionHandlerOptions) {
  const channelKey = (raw: RawInteraction) => discordChannel(raw.guild_id, raw.channel_id ?? '');

  async function moreId(command: string): Promise<string> {
    if (MORE_PREFIX.length + command.length <= DISCORD_LIMITS.customId) return `${MORE_PREFIX}${command}`;
    const id = randomUUID();
    await options.buttons.set(id, command, { ttlMs: BUTTON_TTL_MS });
    return `${STORED_PREFIX}${id}`;
  }

  function memberOf(raw: RawInteraction): Member {
    const person = raw.member?.user ?? raw.user;
    const permissions = raw.member?.permissions;
    return {
      channel: channelKey(raw),
      user: { id: person?.id ?? 'unknown', name: person?.global_name ?? person?.username ?? 'someone' },
      canManage: typeof permissions === 'string' && /^\d+$/.test(permissions) && (BigInt(permissions) & MANAGE_CHANNELS) === MANAGE_CHANNELS,
      managePermission: 'Manage Channels',
    };
  }

  const note = (content: string): DiscordAnswer => ({ reply: [{ content, embeds: [], allowed_mentions: { parse: [] } }], channelPost: [] });

  async function like(raw: RawInteraction, customId: string): Promise<DiscordAnswer> {
    const { paperId, channelId } = parseLikeId(customId);
    const member = memberOf(raw);
    // A 👍 in a digest's thread names the channel the digest is for: the like counts there.
    const outcome = await options.like(channelId ? { ...member, channel: discordChannel(raw.guild_id, channelId) } : member, paperId);
    const answer = likeAnswer(outcome, raw.message?.components);
    if ('components' in answer) return { reply: [], channelPost: [], components: answer.components };
    return { reply: [], channelPost: [], privately: note(answer.note).reply };
  }

  async function run(input: string | Command, raw: RawInteraction): Promise<DiscordAnswer> {
    const reply = await options.run(input, memberOf(raw));
    const messages = renderDiscordMessages(reply, { moreId: reply.more ? await moreId(reply.more.command) : undefined });
    if (reply.visibility === 'channel') {
      return { reply: [{ content: '✅ Posted to the channel.', embeds: [], allowed_mentions: { parse: [] } }], channelPost: messages };
    }
    return { reply: messages, channelPost: [] };
  }

  return {
    /** A `/papers` slash command. */
    command(raw: RawInteraction): Promise<DiscordAnswer> {
      return run(commandOf(raw.data?.options), raw);
    },

    /** A More button (the next page, or a note when the button has expired) or a Similar button. */
    async button(raw: RawInteraction): Promise<DiscordAnswer | undefined> {
      const id = raw.data?.custom_id ?? '';
      if (id.startsWith(LIKE_PREFIX)) return like(raw, id);
      let command: string | Command | undefined;
      if (id.startsWith(SIMILAR_PREFIX)) command = similarButtonCommand(id.slice(SIMILAR_PREFIX.length));
      else if (id.startsWith(MORE_PREFIX)) command = id.slice(MORE_PREFIX.length);
      else if (id.startsWith(STORED_PREFIX)) command = await options.buttons.get<string>(id.slice(STORED_PREFIX.length));
      else return undefined;
      if (!command) return note('This button has expired; run the search again.');
      return run(command, raw);
    },

    async autocomplete(raw: RawInteraction): Promise<Choice[]> {
      const focused = focusedOption(raw.data?.options);
      return focused ? autocompleteChoices(focused, channelKey(raw), options.channels) : [];
    },
  };
}

export type InteractionHandler = ReturnType<typeof createInteractionHandler>;
