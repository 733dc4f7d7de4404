import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpLimits } from '../../config/config.js';
import type { Logger } from '../../src/log.js';

/** How long a stopping server waits for requests in flight. */
const CLOSE_GRACE_MS = 3_000;

export interface Route {
  path: string;
  method: 'GET' | 'POST';
  handler(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

/** Handles what no route matched (Bolt's listener for Slack); may throw for an unknown path. */
export type Fallback = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServerOptions {
  routes: Route[];
  port: number;
  host?: string;
  limits: HttpLimits;
  logger: Logger;
  fallback?: Fallback;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** Answers a failure that reached the server: the request gets a status, the process goes on. */
function contain(res: ServerResponse, error: unknown, logger: Logger, req: IncomingMessage): void {
  logger.error({ method: req.method, path: (req.url ?? '/').split('?')[0], error: String(error), stack: (error as Error)?.stack }, 'HTTP request failed');
  if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
  if (!res.writableEnded) res.end(JSON.stringify({ error: 'internal error' }));
}

/**
 * The one HTTP server of the bot: every route (and Bolt's listener behind them) runs contained, so
 * a request that fails gets a 500 and never takes the process down; slow or piled-up connections
 * are cut by the configured limits. `HEAD` is answered like `GET`, without a body.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { routes, limits, logger } = options;
  const server: Server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node looks for requests past their timeouts (its default, 30 s, would let them overstay).
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      const route = routes.find((r) => r.path === path && r.method === method);
      const notFound = () => {
        if (res.headersSent) return;
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      };
      try {
        const handled = route ? route.handler(req, res) : options.fallback ? options.fallback(req, res) : notFound();
        Promise.resolve(handled).catch((error: unknown) => contain(res, error, logger, req));
      } catch (error) {
        // Bolt's listener throws for a path it does not serve.
        if (!route && options.fallback) notFound();
        else contain(res, error, logger, req);
      }
    },
  );
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    // Requests in flight are answered (a Slack ack, a Discord deferral) for up to a few seconds; idle
    // connections close at once, the rest after that.
    close: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
