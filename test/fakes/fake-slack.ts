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
    const answer = overrides.get(method)?.(call) ?? defaultAnswer(call);
    const delay = delays.get(method);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    send(res, answer);
  });

  function defaultAnswer(call: SlackCall): Answer {
    switch (call.method) {
      case 'auth.test':
        return { body: { ok: true, user_id: 'UBOT', team_id: 'T1', bot_id: 'BBOT', user: 'papers', team: 'Team', url: 'https://team.slack.com/' } };
      case 'chat.postMessage':
        return { body: { ok: true, channel: call.params.channel, ts: `${ts++}.000100`, message: { text: call.params.text } } };
      case 'conversations.history': {
        const messages = calls
          .filter((c) => c.method === 'chat.postMessage' && c.params.channel === call.params.channel && fakeOk(c))
          .map((c) => ({ type: 'message', text: c.params.text, metadata: parseMaybe(c.params.metadata) }));
        return { body: { ok: true, messages } };
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
