import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import { readBody } from '../../src/platform/read-body.js';

/** Slack signs each request with its time; older or newer than this, it is refused. */
export const SLACK_FRESHNESS_SECONDS = 300;
const BODY_LIMIT = 1024 * 1024;

export interface SlackFrontDoorOptions {
  receiver: HTTPReceiver;
  signingSecret: string;
  /** True the first time a request id is seen, on any replica; `forget` undoes it for a request that failed. */
  firstTime: ((id: string) => Promise<boolean>) & { forget?(id: string): Promise<void> };
  logger: Logger;
  now?: () => number;
}

type Outcome = { status: number; reason: string } | { body: Buffer; id: string | undefined };

/** The request's path once `.`/`..` segments, escapes and backslashes are resolved, as Bolt sees it; null when it is no URL. */
function routedPath(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request's own id (`trigger_id` of a command or action, `event_id` of an event), or an error for a malformed body. */
function requestId(body: Buffer, contentType: string | undefined): { id: string | undefined } | { error: string } {
  const text = body.toString('utf8');
  try {
    if (contentType?.includes('application/json')) {
      const parsed: unknown = JSON.parse(text);
      if (!isObject(parsed)) return { error: 'the body is not a JSON object' };
      return { id: typeof parsed.event_id === 'string' ? `event:${parsed.event_id}` : undefined };
    }
    const form = new URLSearchParams(text);
    const payload = form.get('payload');
    if (payload !== null) {
      const parsed: unknown = JSON.parse(payload);
      if (!isObject(parsed)) return { error: 'the payload is not a JSON object' };
      return { id: typeof parsed.trigger_id === 'string' ? `trigger:${parsed.trigger_id}` : undefined };
    }
    if (form.get('ssl_check') === '1') return { id: undefined };
    if (!form.get('command')) return { error: 'neither a command, a payload nor an event' };
    const trigger = form.get('trigger_id');
    return { id: trigger ? `trigger:${trigger}` : undefined };
  } catch {
    return { error: 'the body is not valid JSON' };
  }
}

/**
 * What stands before Bolt for `POST /slack/events`: the signature and its freshness (five minutes
 * either way), the body's shape (Bolt would throw on a signed `null`), and replays — a request whose
 * id was already seen, or one Slack retries, is acknowledged and not run again. The body is handed
 * to Bolt already read (`rawBody`, which Bolt's receiver takes as it is); Bolt verifies it again.
 */
export function slackFrontDoor(options: SlackFrontDoorOptions) {
  const now = options.now ?? Date.now;

  async function check(req: IncomingMessage): Promise<Outcome> {
    const body = await readBody(req, BODY_LIMIT);
    if (!body) return { status: 413, reason: 'body too large' };
    // Slack's SSL check comes unsigned and asks only for a 200.
    if (!req.headers['content-type']?.includes('json') && new URLSearchParams(body.toString('utf8')).get('ssl_check') === '1') return { status: 200, reason: 'ssl check' };
    const signature = req.headers['x-slack-signature'];
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (typeof signature !== 'string' || !Number.isInteger(timestamp)) return { status: 401, reason: 'unsigned' };
    if (Math.abs(now() / 1000 - timestamp) > SLACK_FRESHNESS_SECONDS) return { status: 401, reason: 'stale or future timestamp' };
    const expected = Buffer.from(`v0=${createHmac('sha256', options.signingSecret).update(`v0:${timestamp}:${body.toString('utf8')}`).digest('hex')}`);
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { status: 401, reason: 'bad signature' };
    const parsed = requestId(body, req.headers['content-type']);
    if ('error' in parsed) return { status: 400, reason: parsed.error };
    return { body, id: parsed.id };
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // The path as Bolt will route it (`/slack/./events` is `/slack/events` to Bolt): nothing reaches
    // Bolt's events endpoint any other way than through the checks below.
    const path = routedPath(req.url);
    if (req.method === 'POST' && path === '/slack/events') {
      req.url = '/slack/events';
      const outcome = await check(req);
      if ('status' in outcome) {
        if (outcome.status >= 400) options.logger.warn({ status: outcome.status, reason: outcome.reason }, 'refused a Slack request');
        res.writeHead(outcome.status, { 'content-type': 'text/plain' });
        res.end(outcome.reason);
        return;
      }
      if (outcome.id && !(await options.firstTime(outcome.id))) {
        options.logger.info({ retry: req.headers['x-slack-retry-num'] }, 'a Slack request seen before: acknowledged, not run again');
        res.writeHead(200);
        res.end();
        return;
      }
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = outcome.body;
      // A request Bolt did not serve (an error, no ack in time, a stop) is forgotten: Slack's retry of it runs.
      const id = outcome.id;
      if (id) res.on('close', () => (res.statusCode >= 400 || !res.writableFinished) && void options.firstTime.forget?.(id));
    }
    try {
      options.receiver.requestListener(req, res);
    } catch {
      // Bolt throws for a path it does not serve.
      if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' });
      if (!res.writableEnded) res.end('not found');
    }
  };
}
