import { expect } from 'vitest';
import { APP_ID, buttonInteraction, commandInteraction, nextId } from '../fakes/fake-discord.js';
import { startDiscordBot, type DiscordBot } from '../helpers/discord-bot.js';
import { discordOptions } from './discord-options.js';
import { commandText, memberOf, type Attempt, type Button, type Driver, type DriverFactory, type Member, type Seen, type SendOptions } from './driver.js';
import { discordAsSeen } from './text-as-seen.js';

interface Message {
  content?: string;
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  components?: { components: { label?: string; custom_id?: string }[] }[];
  /** 64: only the member who asked sees it. */
  flags?: number;
}

const EPHEMERAL = 64;
/** Discord's Manage Channels permission bit: a member who may change the channel has it. */
const MANAGE_CHANNELS = '16';

function messageText(message: Message): string[] {
  const embeds = (message.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`)]);
  return [message.content ?? '', ...embeds].filter(Boolean);
}

function seenOf(edits: Message[], followUps: Message[], channel: string, names: ReadonlyMap<string, string>): Seen {
  const messages = [...edits, ...followUps];
  return {
    text: discordAsSeen(messages.flatMap(messageText).join('\n'), names),
    visibility: followUps.some((m) => ((m.flags ?? 0) & EPHEMERAL) === 0) ? 'channel' : 'ephemeral',
    buttons: messages.flatMap((m) => (m.components ?? []).flatMap((row) => row.components)).map((c) => ({ label: c.label ?? '', customId: c.custom_id, channel })),
    raw: messages,
  };
}

/**
 * What the interaction with `token` showed: the deferred answer as edited, and its follow-ups. A
 * change the channel should see is answered "Posted to the channel", and is complete once that post came.
 */
async function answerTo(bot: DiscordBot, token: string, channel: string, names: ReadonlyMap<string, string>): Promise<Seen> {
  const edits = () => bot.fake.requestsTo('PATCH', new RegExp(`^/webhooks/${APP_ID}/${token}/messages/@original$`)).map((r) => r.body as Message);
  const followUps = () => bot.fake.requestsTo('POST', new RegExp(`^/webhooks/${APP_ID}/${token}$`)).map((r) => r.body as Message);
  await expect.poll(() => edits().length).toBeGreaterThanOrEqual(1);
  if (edits().some((m) => /Posted to the channel/.test(m.content ?? ''))) {
    await expect.poll(() => followUps().filter((m) => ((m.flags ?? 0) & EPHEMERAL) === 0).length).toBeGreaterThanOrEqual(1);
  }
  return seenOf(edits(), followUps(), channel, names);
}

/** A stable snowflake for each name a script uses, as Discord gives every channel and user one. */
function snowflakes() {
  const ids = new Map<string, string>();
  return (name: string) => ids.get(name) ?? ids.set(name, nextId()).get(name)!;
}

/**
 * Discord over the gateway: the real discord.js client, interactions pushed by the fake gateway,
 * answers read from the fake's REST log. Members without Manage Channels have permissions '0'.
 */
export const discordDriver: DriverFactory = {
  name: 'Discord',
  async start(): Promise<Driver> {
    const bot = await startDiscordBot();
    const userId = snowflakes();
    const channelId = snowflakes();
    const names = new Map<string, string>();
    const who = (as: Member | undefined) => {
      const member = memberOf(as);
      names.set(userId(member.id), member.name);
      return { userId: userId(member.id), userName: member.name, permissions: member.canManage ? MANAGE_CHANNELS : '0' };
    };
    return {
      name: 'Discord',
      async send(command, options: SendOptions = {}) {
        const { subcommand, options: typed } = discordOptions(commandText(command));
        const channel = channelId(options.channel ?? 'papers');
        const interaction = commandInteraction(subcommand, typed, { ...who(options.as), channel });
        bot.fake.dispatchInteraction(interaction);
        return answerTo(bot, interaction.token, channel, names);
      },
      async click(button: Button, options: SendOptions = {}) {
        const channel = String(button.channel);
        const interaction = buttonInteraction(String(button.customId), { ...who(options.as), channel });
        bot.fake.dispatchInteraction(interaction);
        return answerTo(bot, interaction.token, channel, names);
      },
      cannot: (attempt: Attempt) =>
        ({
          'refused-member': undefined,
          'unknown-subcommand': "Discord's command picker offers only the registered subcommands",
          'empty-search': 'Discord does not send /papers search until its required query is filled in',
          'share-button': "on Discord sharing is the search's share option, not a button",
          'similar-button': undefined,
        })[attempt],
      stop: () => bot.stop(),
    };
  },
};
