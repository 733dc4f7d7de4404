import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Metrics } from '../../src/metrics.js';
import type { Store } from '../../src/store.js';
import type { Route } from './http-server.js';

/** A health answer is reused this long: a load balancer polling every second costs the store nothing. */
const HEALTH_CACHE_MS = 5_000;

export interface OperationsOptions {
  /** When set, `/metrics` needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  now?: () => number;
}

/** `GET`/`HEAD /healthz` (200 while the store answers, else 503) and Prometheus `GET /metrics`. */
export function operationsRoutes(store: Store, metrics: Metrics, options: OperationsOptions = {}): Route[] {
  const now = options.now ?? Date.now;
  let checked: { at: number; ok: Promise<boolean> } | undefined;
  const healthy = () => {
    if (!checked || now() - checked.at > HEALTH_CACHE_MS) {
      checked = { at: now(), ok: store.ping().then(() => true, () => false) };
    }
    return checked.ok;
  };
  const authorized = (req: IncomingMessage) => {
    if (!options.metricsToken) return true;
    const given = Buffer.from(req.headers.authorization ?? '');
    const wanted = Buffer.from(`Bearer ${options.metricsToken}`);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  };
  return [
    {
      path: '/healthz',
      method: 'GET',
      async handler(req, res) {
        const ok = await healthy();
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ status: ok ? 'ok' : 'store unavailable' }));
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      async handler(req, res) {
        if (!authorized(req)) {
          res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' });
          res.end('unauthorized');
          return;
        }
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(req.method === 'HEAD' ? undefined : await metrics.registry.metrics());
      },
    },
  ];
}
