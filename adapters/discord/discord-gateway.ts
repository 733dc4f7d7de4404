import { Client, Events, GatewayIntentBits, MessageFlags, type Interaction } from 'discord.js';
import type { Logger } from '../../src/log.js';
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
  return {
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
        const answer = await options.handler.command(toRaw(interaction));
        const [first, ...rest] = answer.reply;
        await interaction.editReply(asOptions(first!));
        for (const message of rest) await interaction.followUp({ ...asOptions(message), flags: MessageFlags.Ephemeral });
        for (const message of answer.channelPost) await interaction.followUp(asOptions(message));
        return;
      }
      if (interaction.isButton()) {
        const raw = toRaw(interaction);
        if (!raw.data?.custom_id?.startsWith('papers:')) return;
        if (answersPrivately(raw.data.custom_id)) {
          // Similar: a new message only the clicking member sees; the one clicked stays as it is.
          await interaction.deferReply({ flags: MessageFlags.Ephemeral });
          const answer = await options.handler.button(raw);
          const [first, ...rest] = answer?.reply ?? [];
          if (first) await interaction.editReply(asOptions(first));
          for (const message of rest) await interaction.followUp({ ...asOptions(message), flags: MessageFlags.Ephemeral });
          return;
        }
        await interaction.deferUpdate();
        const answer = await options.handler.button(raw);
        if (answer) await interaction.editReply(asOptions(answer.reply[0]!));
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
