import { createHmac } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { readBody, sendJson } from './http.js';

export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
  token: string | undefined;
}

/** The one-time ticket in the Socket Mode URL, a secret the logs must never show. */
export const SOCKET_TICKET = 'a1b2c3d4-socket-ticket-e5f6';

type Answer = { status?: number; headers?: Record<string, string>; body: Record<string, unknown> };
type Override = (call: SlackCall) => Answer | undefined;

/**
 * A fake Slack on 127.0.0.1: the Web API (form or JSON bodies, as the real client sends them),
 * response_url endpoints, and a Socket Mode WebSocket.
 */
export async function startFakeSlack() {
  const calls: SlackCall[] = [];
  const responses: { id: string; body: Record<string, unknown> }[] = [];
  const overrides = new Map<string, Override>();
  const delays = new Map<string, number>();
  const sockets: WebSocket[] = [];
  let ts = 1_700_000_000;
  /** Each message's ts, given when the post arrives: a post whose answer is lost is still in the channel, with its ts. */
  const tsOf = new Map<SlackCall, string>();

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/commands/')) {
      responses.push({ id: decodeURIComponent(url.pathname.split('/').at(-1)!), body: JSON.parse(raw || '{}') as Record<string, unknown> });
      return send(res, { body: { ok: true } });
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const call: SlackCall = { method, params: parseParams(raw, req.headers['content-type']), token: req.headers.authorization?.replace(/^Bearer /, '') };
    calls.push(call);
    if (method === 'chat.postMessage') tsOf.set(call, `${ts++}.000100`);
    const answer = overrides.get(method)?.(call) ?? defaultAnswer(call);
    if (answer.body.ok === false) failed.add(call);
    const delay = delays.get(method);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    send(res, answer);
  });

  function defaultAnswer(call: SlackCall): Answer {
    switch (call.method) {
      case 'auth.test':
        return { body: { ok: true, user_id: 'UBOT', team_id: 'T1', bot_id: 'BBOT', user: 'papers', team: 'Team', url: 'https://team.slack.com/' } };
      case 'chat.postMessage': {
        const thread = call.params.thread_ts;
        if (thread !== undefined && !topLevel(String(call.params.channel)).some((c) => tsOf.get(c) === thread)) return { body: { ok: false, error: 'thread_not_found' } };
        return { body: { ok: true, channel: call.params.channel, ts: tsOf.get(call), message: { text: call.params.text, ...(thread ? { thread_ts: thread } : {}) } } };
      }
      case 'conversations.history':
        // As Slack's history: the channel's own messages, not the replies in their threads.
        return { body: { ok: true, messages: topLevel(String(call.params.channel)).map(asMessage) } };
      case 'conversations.replies': {
        const parent = topLevel(String(call.params.channel)).find((c) => tsOf.get(c) === call.params.ts);
        if (!parent) return { body: { ok: false, error: 'thread_not_found' } };
        return { body: { ok: true, has_more: false, messages: [parent, ...replies(String(call.params.channel), String(call.params.ts))].map(asMessage) } };
      }
      case 'apps.connections.open':
        return { body: { ok: true, url: `ws://127.0.0.1:${port}/socket?ticket=${SOCKET_TICKET}&app_id=A1` } };
      case 'oauth.v2.access':
        return {
          body: {
            ok: true,
            app_id: 'A1',
            authed_user: { id: 'UINSTALLER' },
            scope: 'commands,chat:write',
            token_type: 'bot',
            access_token: 'xoxb-installed-token',
            bot_user_id: 'UBOT2',
            team: { id: 'T2', name: 'Second Team' },
            enterprise: null,
            is_enterprise_install: false,
          },
        };
      default:
        return { body: { ok: true } };
    }
  }

  const posts = (channel: string) => calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === channel && fakeOk(c));
  const topLevel = (channel: string) => posts(channel).filter((c) => c.params.thread_ts === undefined);
  const replies = (channel: string, thread: string) => posts(channel).filter((c) => c.params.thread_ts === thread);
  const asMessage = (c: SlackCall) => ({
    type: 'message',
    ts: tsOf.get(c),
    text: c.params.text,
    metadata: parseMaybe(c.params.metadata),
    ...(c.params.thread_ts ? { thread_ts: c.params.thread_ts } : {}),
  });

  /** Calls the fake answered with an error are marked so history does not show them. */
  const failed = new WeakSet<SlackCall>();
  function fakeOk(call: SlackCall): boolean {
    return !failed.has(call);
  }

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws);
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A1' } }));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    apiUrl: `http://127.0.0.1:${port}/api`,
    /** Shaped as Slack's (hooks.slack.com/commands/<team>/<n>/<secret>), with `id` as its secret part. */
    responseUrl: (id: string) => `http://127.0.0.1:${port}/commands/T1/1/${encodeURIComponent(id)}`,
    calls,
    responses,
    sockets,
    /** Answers `method` with `answer` when it returns one; `failed` calls stay out of history. */
    on(method: string, override: (call: SlackCall) => Answer | undefined) {
      overrides.set(method, (call) => {
        const answer = override(call);
        if (answer && answer.body.ok === false) failed.add(call);
        return answer;
      });
    },
    /** Answers `method` only after `ms`: the call counts as made the moment it arrives, as on Slack. */
    delay(method: string, ms: number) {
      delays.set(method, ms);
    },
    callsOf: (method: string) => calls.filter((c) => c.method === method && fakeOk(c)),
    /** The messages posted in a channel itself (not in threads), in order, with their ts. */
    channelMessages: (channel: string) => topLevel(channel).map((call) => ({ ts: tsOf.get(call)!, call })),
    /** The replies in the thread of the message `ts`, in order. */
    threadReplies: (channel: string, thread: string) => replies(channel, thread),
    /** Direct messages the app sent a member: chat.postMessage with the member's user id as the channel. */
    directMessagesTo: (userId: string) => calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === userId && fakeOk(c)),
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

function send(res: ServerResponse, answer: Answer) {
  sendJson(res, answer.status ?? 200, answer.body, answer.headers);
}

function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) params[key] = parseMaybe(value);
  return params;
}

function parseMaybe(value: unknown): unknown {
  if (typeof value !== 'string' || !/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Signs a request body the way Slack does: v0=HMAC-SHA256(secret, `v0:{ts}:{body}`). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs a signed, form-encoded request to the app, as Slack does. */
export async function postSigned(url: string, secret: string, form: Record<string, string>, options: { timestamp?: number; signature?: string } = {}) {
  const body = new URLSearchParams(form).toString();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? slackSignature(secret, timestamp, body),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}
