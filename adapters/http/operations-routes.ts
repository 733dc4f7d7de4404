import type { Metrics } from '../../src/metrics.js';
import type { Store } from '../../src/store.js';
import type { Route } from './http-server.js';

/** `GET /healthz` (200 while the store answers, else 503) and Prometheus `GET /metrics`. */
export function operationsRoutes(store: Store, metrics: Metrics): Route[] {
  return [
    {
      path: '/healthz',
      method: 'GET',
      async handler(_req, res) {
        const ok = await store.ping().then(
          () => true,
          () => false,
        );
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ok ? 'ok' : 'store unavailable' }));
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      async handler(_req, res) {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(await metrics.registry.metrics());
      },
    },
  ];
}
