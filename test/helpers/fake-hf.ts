export { sendJson } from '../fakes/http.js';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sendJson } from '../fakes/http.js';
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

/**
 * Answers as Hugging Face would from the fixtures: `?month=` from `monthly_final/` (shared months
 * too, when `../shared` is here), `?date=` from `daily/`, or from `anyDay` for a date it lacks.
 */
export function fixtureAnswers(options: { monthDirs: string[]; dailyDir: string; anyDay?: string }): FakeHandler {
  return (url, _request, response) => {
    const month = url.searchParams.get('month');
    const date = url.searchParams.get('date');
    let items: unknown[] = [];
    if (month) {
      const file = options.monthDirs.map((dir) => join(dir, `daily_papers_${month}.json.gz`)).find((path) => existsSync(path));
      if (file) items = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as unknown[];
    } else if (date) {
      const own = join(options.dailyDir, `${date}.json`);
      if (existsSync(own)) items = JSON.parse(readFileSync(own, 'utf8')) as unknown[];
      else if (options.anyDay) {
        // Another day's papers, as if submitted on the day asked for.
        const day = JSON.parse(readFileSync(join(options.dailyDir, `${options.anyDay}.json`), 'utf8')) as { paper: Record<string, unknown> }[];
        items = day.map((item) => ({ ...item, paper: { ...item.paper, submittedOnDailyAt: `${date}T08:00:00.000Z` } }));
      }
    }
    sendJson(response, 200, pageOf(items, url));
  };
}

/** The flat paper `GET /api/papers/2512.23676` answers (a real paper: "Web World Models"). */
export const FIXTURE_PAPER_ID = '2512.23676';

/**
 * Answers `GET /api/papers/{id}` with `papers[id]` and 404 for any other id, as Hugging Face does;
 * every day of `/api/daily_papers` is empty.
 */
export function paperAnswers(papers: Record<string, unknown>): FakeHandler {
  return (url, _request, response) => {
    const id = /^\/api\/papers\/(.+)$/.exec(url.pathname)?.[1];
    if (id === undefined) return sendJson(response, 200, []);
    const paper = papers[decodeURIComponent(id)];
    if (paper) sendJson(response, 200, paper);
    else sendJson(response, 404, { error: 'Paper not found' });
  };
}

/** How many requests asked for the paper `id`. */
export function paperRequests(requests: { url: URL }[], id: string): number {
  return requests.filter((request) => request.url.pathname === `/api/papers/${id}`).length;
}
