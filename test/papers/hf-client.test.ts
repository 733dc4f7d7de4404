import { setTimeout as wait } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createHfClient, HfSourceError } from '../../src/papers/hf-client.js';
import { silentLogger } from '../../src/log.js';
import { pageOf, sendJson, startFakeHf, type FakeHandler } from '../helpers/fake-hf.js';
import { readFixtureJson } from '../helpers/fixtures.js';

const day = readFixtureJson('hf/raw_daily/2025-10-10.json') as unknown[];
let fake: Awaited<ReturnType<typeof startFakeHf>> | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

async function clientFor(handle: FakeHandler, options: { retries?: number; timeoutMs?: number; token?: string; deadlineMs?: number; sleep?: Sleep } = {}) {
  fake = await startFakeHf(handle);
  const waits: number[] = [];
  const client = createHfClient({
    baseUrl: fake.baseUrl,
    token: options.token,
    timeoutMs: options.timeoutMs ?? 2_000,
    retries: options.retries ?? 3,
    deadlineMs: options.deadlineMs,
    backoffMs: 1,
    logger: silentLogger,
    sleep: async (ms, signal) => {
      waits.push(ms);
      await options.sleep?.(ms, signal);
    },
  });
  return { client, waits, requests: fake.requests };
}

describe('Hugging Face client against a fake API on 127.0.0.1', () => {
  it('pages with limit=100 until an empty page, sends the token, and ranks the day', async () => {
    const big = [...day, ...day, ...day].map((item, i) => {
      const paper = (item as { paper: Record<string, unknown> }).paper;
      return { ...(item as object), paper: { ...paper, id: `2510.${String(10000 + i)}` } };
    });
    const { client, requests } = await clientFor((url, _req, res) => sendJson(res, 200, pageOf(big, url)), { token: 'hf_secret' });
    const { papers, skipped } = await client.fetchDaily({ date: '2025-10-10' });
    expect(papers).toHaveLength(114);
    expect(skipped).toBe(0);
    expect(requests.map((r) => r.url.searchParams.get('p'))).toEqual(['0', '1', '2']);
    expect(requests.every((r) => r.url.searchParams.get('limit') === '100' && r.authorization === 'Bearer hf_secret')).toBe(true);
    expect(papers.map((p) => p.upvotes)).toEqual([...papers.map((p) => p.upvotes)].sort((a, b) => b - a));
  });

  it('de-duplicates a paper that a month answer repeats across pages', async () => {
    const { client } = await clientFor((url, _req, res) => {
      const page = Number(url.searchParams.get('p'));
      sendJson(res, 200, page === 0 ? day.slice(0, 20) : page === 1 ? day.slice(10, 38) : []);
    });
    const { papers } = await client.fetchDaily({ month: '2025-10' });
    expect(papers).toHaveLength(38);
  });

  it('retries 500s with backoff and succeeds', async () => {
    let calls = 0;
    const { client, requests } = await clientFor((url, _req, res) => {
      calls++;
      if (calls <= 2) return sendJson(res, 500, { error: 'boom' });
      sendJson(res, 200, pageOf(day, url));
    });
    const { papers } = await client.fetchDaily({ date: '2025-10-10' });
    expect(papers).toHaveLength(38);
    expect(requests).toHaveLength(4); // two 500s, the page, the empty page
  });

  it('waits what the RateLimit header says on a 429, then retries', async () => {
    let limited = false;
    const { client, waits } = await clientFor((url, _req, res) => {
      if (!limited) {
        limited = true;
        return sendJson(res, 429, { error: 'rate limited' }, { RateLimit: '"api";r=0;t=1' });
      }
      sendJson(res, 200, pageOf(day, url));
    });
    const { papers } = await client.fetchDaily({ date: '2025-10-10' });
    expect(papers).toHaveLength(38);
    expect(waits).toEqual([1000]);
  });

  it('gives up on a hung server after its tries with a clear error', async () => {
    const { client, requests } = await clientFor(() => 'hang', { retries: 1, timeoutMs: 200 });
    const error = await client.fetchDaily({ date: '2025-10-10' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HfSourceError);
    expect((error as Error).message).toMatch(/failed after 2 attempts: no answer within 200 ms/);
    expect(requests).toHaveLength(2);
  });

  it('retries malformed JSON and reports it when it persists', async () => {
    const { client, requests } = await clientFor((_url, _req, res) => sendJson(res, 200, '[{"paper": {"id": "25'), { retries: 2 });
    const error = await client.fetchDaily({ date: '2025-10-10' }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/failed after 3 attempts: malformed JSON/);
    expect(requests).toHaveLength(3);
  });

  it('does not retry a 400 and says what the API answered', async () => {
    const { client, requests } = await clientFor((_url, _req, res) => sendJson(res, 400, { error: 'Invalid date' }));
    const error = await client.fetchDaily({ date: '2025-13-45' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HfSourceError);
    expect((error as HfSourceError).status).toBe(400);
    expect((error as Error).message).toMatch(/answered 400: .*Invalid date/);
    expect(requests).toHaveLength(1);
  });
});

describe('Hugging Face client: every wait within the request\'s deadline', () => {
  /** A 429 asking to wait `seconds` on the first request, then the day. */
  const limitedOnce = (seconds: number): FakeHandler => {
    let limited = false;
    return (url, _req, res) => {
      if (limited) return sendJson(res, 200, pageOf(day, url));
      limited = true;
      sendJson(res, 429, { error: 'rate limited' }, { 'Retry-After': String(seconds) });
    };
  };

  it('gives up at once, without waiting, when a 429 asks for longer than the deadline leaves', async () => {
    const { client, waits, requests } = await clientFor(limitedOnce(3600), { deadlineMs: 20_000 });
    const error = await client.fetchDaily({ date: '2025-10-10' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HfSourceError);
    expect((error as Error).message).toMatch(/gave up after one attempt \(429 Too Many Requests\): Hugging Face asks to wait 3600 s, past the request's deadline \(20 s left\)/);
    expect(waits).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('waits out a Retry-After that fits within the deadline, then retries', async () => {
    const { client, waits, requests } = await clientFor(limitedOnce(5), { deadlineMs: 20_000 });
    const { papers } = await client.fetchDaily({ date: '2025-10-10' });
    expect(papers).toHaveLength(38);
    expect(waits).toEqual([5000]);
    expect(requests).toHaveLength(3); // the 429, the page, the empty page
  });

  it('stops a wait at once when its caller aborts, with an error that says so', async () => {
    let started!: () => void;
    const waiting = new Promise<void>((resolve) => (started = resolve));
    // A real, abortable wait of an hour: only the abort can end it.
    const sleep: Sleep = (ms, signal) => {
      started();
      return wait(ms, undefined, { signal });
    };
    const { client, waits } = await clientFor(limitedOnce(3600), { deadlineMs: 2 * 3600_000, sleep });
    const caller = new AbortController();
    const fetching = client.fetchDaily({ date: '2025-10-10' }, caller.signal).catch((e: unknown) => e);
    await waiting;
    caller.abort(new Error('the bot is stopping'));
    const error = await fetching;
    expect(error).toBeInstanceOf(HfSourceError);
    expect((error as Error).message).toMatch(/stopped by its caller while waiting 3600 s after 429 Too Many Requests: the bot is stopping/);
    expect(waits).toEqual([3_600_000]);
  });

  it('says the deadline passed when a deadline signal ends the wait', async () => {
    const sleep: Sleep = (ms, signal) => wait(ms, undefined, { signal });
    const { client } = await clientFor(limitedOnce(3600), { deadlineMs: 2 * 3600_000, sleep });
    const error = await client.fetchDaily({ date: '2025-10-10' }, AbortSignal.timeout(50)).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/stopped by its caller while waiting 3600 s after 429 Too Many Requests: its deadline passed/);
  });
});
