import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REST } from '@discordjs/rest';
import { InteractionResponseType, InteractionType, MessageFlags, Routes } from 'discord-api-types/v10';
import { z } from 'zod';
import type { Logger } from '../../src/log.js';
import { readBody } from '../../src/platform/read-body.js';
import { answerInteraction } from './answer-interaction.js';
import { answersPrivately, type DiscordAnswer, type InteractionHandler, type RawInteraction } from './interaction-handler.js';
import type { DiscordMessage } from './render-embeds.js';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the application's key is the 32 bytes after it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const MAX_BODY = 64 * 1024;

export function ed25519PublicKey(hex: string): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

/** Discord signs each interaction with its time; older or newer than this, it is refused. */
export const DISCORD_FRESHNESS_SECONDS = 300;

export interface HttpInteractionsOptions {
  publicKey: string;
  appId: string;
  apiUrl: string | undefined;
  handler: InteractionHandler;
  logger: Logger;
  /** True the first time an interaction id is seen (a replay runs once, on any replica). */
  firstTime(id: string): Promise<boolean>;
  now?: () => number;
}

/** The envelope every interaction has; anything else is refused before a handler sees it. */
const envelopeSchema = z.object({
  id: z.string().min(1),
  type: z.number().int(),
  token: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * `POST /discord/interactions`: verifies Discord's Ed25519 signature (401 otherwise), answers
 * PING and autocomplete, defers commands and buttons at once and edits the answer in through the
 * interaction webhook. It keeps no state, so any replica can take any interaction.
 */
export function discordInteractionsRoute(options: HttpInteractionsOptions) {
  const key = ed25519PublicKey(options.publicKey);
  const rest = new REST({ version: '10', ...(options.apiUrl ? { api: options.apiUrl } : {}) });
  const body = (message: DiscordMessage, flags?: number) => ({ ...message, ...(flags ? { flags } : {}) });

  /** Answers through the interaction's webhook (its token is the credential; no bot token). */
  const finish = (raw: RawInteraction & { token: string }, answer: DiscordAnswer | undefined) =>
    answerInteraction(answer, {
      edit: (message) => rest.patch(Routes.webhookMessage(options.appId, raw.token, '@original'), { body: body(message), auth: false }),
      followUp: (message, privately) => rest.post(Routes.webhook(options.appId, raw.token), { body: body(message, privately ? MessageFlags.Ephemeral : undefined), auth: false }),
      editComponents: (components) => rest.patch(Routes.webhookMessage(options.appId, raw.token, '@original'), { body: { components }, auth: false }),
    });

  const now = options.now ?? Date.now;
  // Decided before the answer goes out: a replay is acknowledged, and never starts any work.
  const firstTime = async (raw: { id: string }) => {
    const first = await options.firstTime(`discord:${raw.id}`);
    if (!first) options.logger.info({ interaction: raw.id }, 'a Discord interaction seen before: acknowledged, not run again');
    return first;
  };

  return async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req, MAX_BODY);
    const signature = req.headers['x-signature-ed25519'];
    const timestamp = req.headers['x-signature-timestamp'];
    const valid =
      raw !== undefined &&
      typeof signature === 'string' &&
      typeof timestamp === 'string' &&
      /^[0-9a-f]{128}$/i.test(signature) &&
      verify(null, Buffer.concat([Buffer.from(timestamp), raw]), key, Buffer.from(signature, 'hex'));
    if (!valid) return json(res, 401, { error: 'invalid request signature' });
    if (!(Math.abs(now() / 1000 - Number(timestamp)) <= DISCORD_FRESHNESS_SECONDS)) return json(res, 401, { error: 'stale or future request timestamp' });

    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return json(res, 400, { error: 'malformed JSON' });
    }
    const envelope = envelopeSchema.safeParse(parsed);
    if (!envelope.success) return json(res, 400, { error: 'not an interaction' });
    const interaction = parsed as RawInteraction & { id: string; type: number; token: string };
    const failed = (error: unknown) => options.logger.error({ error: String(error) }, 'Discord interaction failed');
    switch (interaction.type) {
      case InteractionType.Ping:
        return json(res, 200, { type: InteractionResponseType.Pong });
      case InteractionType.ApplicationCommandAutocomplete: {
        // Suggestions are only a help: when they cannot be made, the member sees none.
        const choices = await options.handler.autocomplete(interaction).catch((error: unknown) => {
          options.logger.warn({ error: String(error) }, 'Discord autocomplete failed; answering no suggestions');
          return [];
        });
        return json(res, 200, { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
      }
      case InteractionType.ApplicationCommand: {
        if (!interaction.token) return json(res, 400, { error: 'an interaction without a token' });
        const first = await firstTime(interaction);
        json(res, 200, { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
        if (first) void options.handler.command(interaction).then((answer) => finish(interaction, answer)).catch(failed);
        return;
      }
      case InteractionType.MessageComponent: {
        if (!interaction.token) return json(res, 400, { error: 'an interaction without a token' });
        const first = await firstTime(interaction);
        // More edits the message it is on; Similar opens a private answer, which the edit then fills in.
        json(res, 200, answersPrivately(interaction.data?.custom_id)
          ? { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } }
          : { type: InteractionResponseType.DeferredMessageUpdate });
        if (first) void options.handler.button(interaction).then((answer) => finish(interaction, answer)).catch(failed);
        return;
      }
      default:
        return json(res, 400, { error: `unsupported interaction type ${interaction.type}` });
    }
  };
}
