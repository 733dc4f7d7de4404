export { sendJson } from '../fakes/http.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeHandler = (url: URL, request: IncomingMessage, response: ServerResponse) => void | 'hang';

/** A fake Hugging Face API on 127.0.0.1 that records every request and answers with `handle`. */
export async function startFakeHf(handle: FakeHandler) {
  const requests: { url: URL; authorization: string | undefined }[] = [];
  const hung: ServerResponse[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push({ url, authorization: request.headers.authorization });
    if (handle(url, request, response) === 'hang') hung.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      for (const response of hung) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Serves `items` for `?date=` in pages of `limit` (p from 0), as the real API does. */
export function pageOf(items: unknown[], url: URL): unknown[] {
  const limit = Number(url.searchParams.get('limit') ?? 50);
  const page = Number(url.searchParams.get('p') ?? 0);
  return items.slice(page * limit, (page + 1) * limit);
}
