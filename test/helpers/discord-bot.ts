import { expect } from 'vitest';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { BotRuntime } from '../../adapters/bot-runtime.js';
import type { Logger } from '../../src/log.js';
import type { Paper } from '../../src/papers/paper.js';
import { APP_ID, startFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';
import { startRuntime } from './start-runtime.js';

export interface DiscordBot {
  fake: FakeDiscord;
  runtime: BotRuntime;
  url: string | undefined;
  privateKey: KeyObject;
  stop(): Promise<void>;
}

/** Test keys: Discord signs with the application's Ed25519 key; the bot holds the public half. */
export function testKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  return { publicKeyHex: raw, privateKey };
}

export async function startDiscordBot(
  options: { gateway?: boolean; http?: boolean; now?: () => Date; extraPapers?: Paper[]; logger?: Logger; token?: string; env?: Record<string, string> } = {},
): Promise<DiscordBot> {
  const fake = await startFakeDiscord();
  const keys = testKeys();
  const { runtime, port } = await startRuntime({
    env: {
      DISCORD_TOKEN: options.token ?? 'discord-test-token',
      DISCORD_APP_ID: APP_ID,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GATEWAY: String(options.gateway ?? true),
      ...(options.http ? { DISCORD_PUBLIC_KEY: keys.publicKeyHex } : {}),
      ...options.env,
    },
    now: options.now,
    extraPapers: options.extraPapers,
    logger: options.logger,
  });
  return {
    fake,
    runtime,
    url: port ? `http://127.0.0.1:${port}/discord/interactions` : undefined,
    privateKey: keys.privateKey,
    async stop() {
      await runtime.stop();
      await fake.close();
    },
  };
}

/** POSTs an interaction as Discord does: Ed25519 over timestamp + body. */
export async function postInteraction(url: string, privateKey: KeyObject, interaction: unknown, options: { badSignature?: boolean; timestamp?: number } = {}) {
  const body = JSON.stringify(interaction);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  let signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
  if (options.badSignature) signature = `${signature.slice(0, -2)}${signature.endsWith('00') ? '11' : '00'}`;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp }, body });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined };
}

/** The edits of an interaction's deferred answer (`PATCH …/messages/@original`), once at least `count` have come. */
export async function editsOf<M = Record<string, unknown>>(bot: DiscordBot, token: string, count = 1): Promise<M[]> {
  const matching = () => bot.fake.requestsTo('PATCH', new RegExp(`/webhooks/${APP_ID}/${token}/messages/@original$`));
  await expect.poll(() => matching().length, { timeout: 5_000 }).toBeGreaterThanOrEqual(count);
  return matching().map((r) => r.body as M);
}
