import type { z } from 'zod';
import type { PlatformPort, Route } from '../../src/platform/port.js';
import { DISCORD } from './discord-channel.js';
import { createDiscordGateway } from './discord-gateway.js';
import { discordEnv, discordSettings, type DiscordSettings } from './discord-settings.js';
import { discordRest, discordTarget } from './discord-target.js';
import { discordInteractionsRoute } from './http-interactions.js';
import { createInteractionHandler } from './interaction-handler.js';
import { DISCORD_REDACTIONS } from './discord-redactions.js';
import { registerCommandsCommand } from './register-cli.js';

/** Discord: the gateway (one connection; one replica holds it) and/or stateless HTTP interactions, and digests through REST. */
export const discordPlatform = {
  name: DISCORD,
  workspaces: true,
  title: 'Discord',
  libraries: ['discord.js', '@discordjs/rest', '@discordjs/builders', '@discordjs/ws', 'discord-api-types', 'discord-interactions'],
  setup: 'DISCORD_TOKEN with DISCORD_APP_ID',
  env: discordEnv,
  settings: discordSettings,
  secrets: (settings) => [settings.token],
  redactions: DISCORD_REDACTIONS,
  rateLimited: true,
  cli: [registerCommandsCommand],
  create(settings, host) {
    const handler = createInteractionHandler({
      run: host.run,
      like: host.like,
      channels: host.channels,
      buttons: host.store('discord-buttons', { expiring: true }),
    });
    const routes: Route[] = settings.interactions
      ? [{
          path: '/discord/interactions',
          method: 'POST',
          handler: discordInteractionsRoute({ publicKey: settings.publicKey!, appId: settings.appId!, apiUrl: settings.apiUrl, handler, logger: host.logger, firstTime: host.firstTime }),
        }]
      : [];
    const gateway = settings.gateway
      ? createDiscordGateway({ token: settings.token!, apiUrl: settings.apiUrl, commandName: host.commandName.replace(/^\//, ''), handler, logger: host.logger })
      : undefined;
    return {
      target: settings.token ? discordTarget(discordRest(settings.token, settings.apiUrl)) : undefined,
      routes,
      describe: () => ({ gateway: settings.gateway, interactions: settings.interactions }),
      start: async () => gateway?.start(),
      stop: async () => gateway?.stop(),
    };
  },
} as const satisfies PlatformPort<DiscordSettings, z.infer<typeof discordEnv>>;
