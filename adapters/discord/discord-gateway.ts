import { Client, Events, GatewayIntentBits, MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import type { Logger } from '../../src/log.js';
import { answerInteraction, type InteractionReplies } from './answer-interaction.js';
import type { InteractionOption } from './command-definition.js';
import { answersPrivately, type InteractionHandler, type RawInteraction } from './interaction-handler.js';
import type { DiscordMessage } from './render-embeds.js';

export interface GatewayOptions {
  token: string;
  apiUrl: string | undefined;
  commandName: string;
  handler: InteractionHandler;
  logger: Logger;
}

function toRaw(interaction: Interaction): RawInteraction {
  const user = { id: interaction.user.id, username: interaction.user.username, global_name: interaction.user.globalName };
  const data: RawInteraction['data'] = {};
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) data.options = interaction.options.data as unknown as InteractionOption[];
  if (interaction.isButton()) data.custom_id = interaction.customId;
  const message = interaction.isButton() ? { components: interaction.message.components.map((row) => row.toJSON()) } : undefined;
  return {
    ...(message && { message }),
    guild_id: interaction.guildId ?? undefined,
    channel_id: interaction.channelId ?? undefined,
    member: { user, permissions: interaction.memberPermissions?.bitfield.toString() },
    data,
  };
}

function asOptions(message: DiscordMessage) {
  return {
    content: message.content ?? '',
    embeds: message.embeds,
    components: message.components as never,
    allowedMentions: { parse: [] },
  };
}

/** Answers through the interaction: edits of the deferred reply, and follow-ups. */
function repliesOf(interaction: ChatInputCommandInteraction | ButtonInteraction): InteractionReplies {
  return {
    edit: (message) => interaction.editReply(asOptions(message)),
    followUp: (message, privately) => interaction.followUp(privately ? { ...asOptions(message), flags: MessageFlags.Ephemeral } : asOptions(message)),
    editComponents: (components) => interaction.editReply({ components: components as never }),
  };
}

/** The discord.js gateway client: one connection per shard, so one replica runs it. */
export function createDiscordGateway(options: GatewayOptions) {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: options.apiUrl ? { api: options.apiUrl, offset: 0 } : {},
    allowedMentions: { parse: [] },
  });

  client.on(Events.InteractionCreate, async (interaction) => {
    try {
      if (interaction.isAutocomplete() && interaction.commandName === options.commandName) {
        await interaction.respond(await options.handler.autocomplete(toRaw(interaction)));
        return;
      }
      if (interaction.isChatInputCommand() && interaction.commandName === options.commandName) {
        // Defer within Discord's 3 seconds, privately; changes are announced as a public follow-up.
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        await answerInteraction(await options.handler.command(toRaw(interaction)), repliesOf(interaction));
        return;
      }
      if (interaction.isButton()) {
        const raw = toRaw(interaction);
        if (!raw.data?.custom_id?.startsWith('papers:')) return;
        // Similar: a new message only the clicking member sees, the one clicked staying as it is; More edits the one clicked.
        if (answersPrivately(raw.data.custom_id)) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        else await interaction.deferUpdate();
        await answerInteraction(await options.handler.button(raw), repliesOf(interaction));
      }
    } catch (error) {
      options.logger.error({ error: String(error) }, 'Discord interaction failed');
    }
  });
  client.on(Events.Error, (error) => options.logger.error({ error: error.message }, 'Discord client error'));
  // discord.js's own account of the gateway session, for LOG_LEVEL=trace (the log's redaction applies).
  client.on(Events.Debug, (message) => options.logger.trace({ component: 'discord' }, message));
  client.rest.on('restDebug', (message) => options.logger.trace({ component: 'discord-rest' }, message));

  return {
    client,
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(options.token);
      await ready;
    },
    async stop() {
      await client.destroy();
    },
  };
}
