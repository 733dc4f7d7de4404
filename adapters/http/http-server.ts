import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpLimits } from '../../config/config.js';
import type { Logger } from '../../src/log.js';
import type { Route } from '../../src/platform/port.js';

export type { Route };

/** How long a stopping server waits for requests in flight. */
const CLOSE_GRACE_MS = 3_000;

export interface HttpServerOptions {
  routes: Route[];
  port: number;
  host?: string;
  limits: HttpLimits;
  logger: Logger;
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

/** The request's path as a router reads it (`.`/`..` segments resolved), so no spelling of a path reaches another route. */
function routedPath(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return (url ?? '/').split('?')[0] ?? '/';
  }
}

/** Whether a route serves a request: its exact path (or any path under a `/*` prefix), and its method. */
function serves(route: Route, path: string, method: string | undefined): boolean {
  const pathMatches = route.path.endsWith('/*') ? path.startsWith(route.path.slice(0, -1)) : route.path === path;
  return pathMatches && (route.method === 'ANY' || route.method === method);
}

/**
 * The one HTTP server of the bot, in every mode: every route (the platforms' and the operations') runs contained, so
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
      const path = routedPath(req.url);
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      const route = routes.find((r) => serves(r, path, method));
      if (!route) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      try {
        Promise.resolve(route.handler(req, res)).catch((error: unknown) => contain(res, error, logger, req));
      } catch (error) {
        contain(res, error, logger, req);
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
