import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { readBody, sendJson } from './http.js';

export const APP_ID = '100000000000000001';
export const GUILD_ID = '200000000000000002';
export const BOT_ID = '300000000000000003';
/** The text channel interactions come from unless told, and its channel key. */
export const CHANNEL_ID = '400000000000000004';
export const CHANNEL_KEY = `discord:${GUILD_ID}:${CHANNEL_ID}`;

export interface DiscordRequest {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
  auth: string | undefined;
}

type Answer = { status: number; headers?: Record<string, string>; body?: unknown };

let snowflake = 900000000000000000n;
export const nextId = () => String(++snowflake);

/** A fake Discord on 127.0.0.1: the REST API under /api/v10 and a gateway that speaks HELLO, READY, GUILD_CREATE. */
export async function startFakeDiscord() {
  const requests: DiscordRequest[] = [];
  const overrides: ((req: DiscordRequest) => Answer | undefined)[] = [];
  const sockets: WebSocket[] = [];
  /** Requests answered with an earlier message (same nonce): they created nothing. */
  const deduplicated = new WeakSet<DiscordRequest>();
  const rejected = new WeakSet<DiscordRequest>();
  /** Each message's id, given when its post arrives: a post whose answer is lost still made the message. */
  const messageIds = new Map<DiscordRequest, string>();
  /** Threads started on messages: a thread takes the id of its message. */
  const threads = new Map<string, { parent: string; name: string }>();
  let sequence = 0;

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/^\/api\/v10/, '');
    const request: DiscordRequest = { method: req.method ?? 'GET', path, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined, auth: req.headers.authorization };
    requests.push(request);
    if (request.method === 'POST' && /^\/channels\/\d+\/messages$/.test(path)) messageIds.set(request, nextId());
    // As Discord does: a second message with an enforced nonce from the same author returns the first.
    const nonce = request.method === 'POST' && request.body?.enforce_nonce === true ? request.body.nonce : undefined;
    const first = nonce === undefined ? undefined : requests.find((r) => r !== request && r.method === 'POST' && r.path === request.path && r.body?.nonce === nonce && !deduplicated.has(r) && !rejected.has(r));
    if (first) {
      deduplicated.add(request);
      return send(res, { status: 200, body: { ...first.body, id: messageIds.get(first) } });
    }
    for (const override of overrides) {
      const answer = override(request);
      if (answer) return send(res, answer);
    }
    send(res, defaultAnswer(request));
  });

  function defaultAnswer(req: DiscordRequest): Answer {
    if (req.method === 'GET' && req.path === '/gateway/bot') {
      return { status: 200, body: { url: `ws://127.0.0.1:${port}`, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } } };
    }
    if (req.method === 'GET' && req.path === '/gateway') return { status: 200, body: { url: `ws://127.0.0.1:${port}` } };
    if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(req.path)) return { status: 204 };
    const startThread = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(req.path);
    if (req.method === 'POST' && startThread) {
      const [, parent, message] = startThread as unknown as [string, string, string];
      if (!messagesIn(parent).some((r) => messageIds.get(r) === message)) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      if (threads.has(message)) return { status: 400, body: { message: 'A thread has already been created for this message', code: 160004 } };
      if (threads.has(parent)) return { status: 400, body: { message: 'Cannot execute action on this channel type', code: 50024 } };
      const name = String(req.body?.name ?? '');
      threads.set(message, { parent, name });
      return { status: 201, body: { id: message, type: 11, guild_id: GUILD_ID, parent_id: parent, name, owner_id: BOT_ID, thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false } } };
    }
    const channelOf = /^\/channels\/(\d+)\/messages$/.exec(req.path)?.[1];
    // A message's id is a channel only once a thread was started on it.
    if (channelOf && !threads.has(channelOf) && [...messageIds.values()].includes(channelOf)) {
      rejected.add(req);
      return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    }
    if (req.method === 'GET' && channelOf) {
      return { status: 200, body: messagesIn(channelOf).filter((r) => r !== req).map((r) => ({ ...r.body, id: messageIds.get(r), channel_id: channelOf })) };
    }
    if (req.method === 'POST' && req.path === '/users/@me/channels') {
      const recipient = String(req.body?.recipient_id);
      return { status: 200, body: { id: dmChannelOf(recipient), type: 1, recipients: [{ id: recipient, username: 'member', discriminator: '0' }] } };
    }
    if (req.method === 'POST' || req.method === 'PATCH') {
      return { status: 200, body: { id: messageIds.get(req) ?? nextId(), channel_id: channelOf ?? '1', type: 0, content: '', embeds: [], author: { id: BOT_ID, username: 'papers', discriminator: '0' }, timestamp: new Date().toISOString(), ...req.body } };
    }
    if (req.method === 'PUT') return { status: 200, body: req.body };
    return { status: 404, body: { message: 'Unknown', code: 0 } };
  }

  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 } }));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { op: number; d: unknown };
      if (message.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (message.op === 2) {
        ws.send(JSON.stringify({
          op: 0, t: 'READY', s: ++sequence,
          d: { v: 10, user: { id: BOT_ID, username: 'papers', discriminator: '0', bot: true }, guilds: [{ id: GUILD_ID, unavailable: true }], session_id: 'session', resume_gateway_url: `ws://127.0.0.1:${port}`, application: { id: APP_ID, flags: 0 } },
        }));
        ws.send(JSON.stringify({
          op: 0, t: 'GUILD_CREATE', s: ++sequence,
          d: { id: GUILD_ID, name: 'Guild', icon: null, owner_id: '1', roles: [], emojis: [], features: [], members: [], channels: [], threads: [], presences: [], voice_states: [], stickers: [], member_count: 1, unavailable: false, large: false, joined_at: new Date().toISOString() },
        }));
      }
    });
  });

  /** Messages that exist in a channel: posts that were not answered with an earlier one, nor failed. */
  const messagesIn = (channel: string) =>
    requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages` && !deduplicated.has(r) && !rejected.has(r));

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    requests,
    sockets,
    on(override: (req: DiscordRequest) => Answer | undefined) {
      overrides.push(override);
    },
    /** Pushes an INTERACTION_CREATE dispatch to every connected client. */
    dispatchInteraction(interaction: Record<string, unknown>) {
      for (const ws of sockets) ws.send(JSON.stringify({ op: 0, t: 'INTERACTION_CREATE', s: ++sequence, d: interaction }));
    },
    /** Messages posted in the bot's direct-message channel with `userId`. */
    directMessagesTo: (userId: string) => requests.filter((r) => r.method === 'POST' && r.path === `/channels/${dmChannelOf(userId)}/messages` && !rejected.has(r)),
    requestsTo: (method: string, pattern: RegExp) => requests.filter((r) => r.method === method && pattern.test(r.path)),
    /** Messages that exist in a channel (or a thread, by its id): posts that were not answered with an earlier one, nor failed. */
    messagesIn,
    /** The id of a message that exists, as its post was answered. */
    idOf: (request: DiscordRequest) => messageIds.get(request),
    /** The thread started on a message, if any: its id is the message's. */
    threadOn: (messageId: string) => threads.get(messageId),
    /** Marks a request as refused by Discord: it created no message. */
    reject(request: DiscordRequest) {
      rejected.add(request);
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;

/** The bot's direct-message channel with a member: one per member, as on Discord (a made-up snowflake). */
function dmChannelOf(userId: string): string {
  return `7${userId.slice(1)}`;
}

function send(res: ServerResponse, answer: Answer) {
  // A 204 must carry no JSON content type, or @discordjs/rest tries to parse its empty body.
  if (answer.status === 204) {
    res.writeHead(204, answer.headers);
    res.end();
    return;
  }
  sendJson(res, answer.status, answer.body ?? {}, answer.headers);
}

/** The member an interaction comes from: Ada with Manage Channels (permissions 16) unless told. */
function memberOf(o: { permissions?: string; userId?: string; userName?: string }) {
  const user = { id: o.userId ?? '500000000000000005', username: o.userName?.toLowerCase() ?? 'ada', discriminator: '0', global_name: o.userName ?? 'Ada' };
  return { user, roles: [], permissions: o.permissions ?? '16', joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 };
}

/** A chat-input interaction for `/papers <subcommand>` from a member with the given permissions. */
export function commandInteraction(subcommand: string, options: { name: string; type: number; value: unknown }[], o: { channel?: string; permissions?: string; userId?: string; userName?: string } = {}) {
  return {
    id: nextId(), application_id: APP_ID, type: 2, token: `token-${nextId()}`, version: 1,
    guild_id: GUILD_ID, channel_id: o.channel ?? '400000000000000004',
    channel: { id: o.channel ?? '400000000000000004', type: 0, guild_id: GUILD_ID, name: 'papers' },
    member: memberOf(o),
    app_permissions: '2048', locale: 'en-US', guild_locale: 'en-US', entitlements: [], authorizing_integration_owners: {}, context: 0,
    data: { id: '600000000000000006', name: 'papers', type: 1, options: [{ name: subcommand, type: 1, options }] },
  };
}

export function buttonInteraction(customId: string, o: { channel?: string; permissions?: string; userId?: string; userName?: string } = {}) {
  const channel = o.channel ?? '400000000000000004';
  return {
    id: nextId(), application_id: APP_ID, type: 3, token: `token-${nextId()}`, version: 1,
    guild_id: GUILD_ID, channel_id: channel, channel: { id: channel, type: 0, guild_id: GUILD_ID, name: 'papers' },
    member: memberOf(o),
    app_permissions: '2048', locale: 'en-US', guild_locale: 'en-US', entitlements: [], authorizing_integration_owners: {}, context: 0,
    message: { id: nextId(), channel_id: channel, type: 0, content: '', embeds: [], components: [], author: { id: BOT_ID, username: 'papers', discriminator: '0' }, timestamp: new Date().toISOString(), flags: 64 },
    data: { custom_id: customId, component_type: 2 },
  };
}
