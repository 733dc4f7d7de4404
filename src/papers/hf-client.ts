import { setTimeout as wait } from 'node:timers/promises';
import PQueue from 'p-queue';
import pRetry, { AbortError } from 'p-retry';
import type { Logger } from '../log.js';
import { dedupeById, normalizeDailyItems, normalizePaperObject } from './normalize.js';
import type { Paper } from './paper.js';
import { rankDay } from './rank-day.js';

export interface HfClientOptions {
  baseUrl: string;
  token?: string | undefined;
  timeoutMs: number;
  retries: number;
  /**
   * The most one request may take, its tries and every wait between them (a 429's Retry-After
   * too) included: 5 minutes, Hugging Face's rate-limit window, by default.
   */
  deadlineMs?: number;
  /** The same for one paper looked up by id, which a member waits for. */
  lookupDeadlineMs?: number;
  /** First backoff delay; doubles each retry, with jitter. */
  backoffMs?: number;
  logger: Logger;
  /** Every wait between tries; injectable so tests can see a wait without spending it. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  fetch?: typeof fetch;
  /** At most one request starts per this many milliseconds (a backfill's politeness). */
  minIntervalMs?: number;
}

export type DailyQuery = { date: string } | { week: string } | { month: string };

export interface FetchedPapers {
  papers: Paper[];
  /** Items that failed validation and were left out. */
  skipped: number;
}

/** Raised once every try is spent, or at once for an answer that retrying cannot fix. */
export class HfSourceError extends Error {
  override name = 'HfSourceError';
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

class RetryableHttpError extends Error {
  constructor(message: string, readonly waitMs = 0) {
    super(message);
  }
}

const PAGE_LIMIT = 100;
const MAX_PAGES = 50;
export const HF_DEADLINE_MS = 5 * 60_000;
/** Chat platforms acknowledge a command at once and take its answer later, so a member can wait this long. */
export const HF_LOOKUP_DEADLINE_MS = 6_000;

export function createHfClient(options: HfClientOptions) {
  const doFetch = options.fetch ?? fetch;
  // A stop (the signal) cuts a rate-limit wait short: a 429 may ask for minutes.
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => wait(ms, undefined, { signal }));
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'papers-bot' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const paced = options.minIntervalMs ? new PQueue({ concurrency: 1, interval: options.minIntervalMs, intervalCap: 1 }) : undefined;
  const send = (url: string, init: RequestInit) => (paced ? paced.add(() => doFetch(url, init), { throwOnTimeout: true, signal: init.signal ?? undefined }) : doFetch(url, init));

  /**
   * One GET with one retry policy: up to `retries` more tries, each wait the longer of the backoff
   * and what a 429 asks for. A wait that would end past the deadline is not started (the request
   * fails at once), and every wait and request ends when `signal` aborts.
   */
  async function getJson(path: string, signal?: AbortSignal, deadlineMs = options.deadlineMs ?? HF_DEADLINE_MS): Promise<unknown> {
    const url = `${options.baseUrl}${path}`;
    const deadline = Date.now() + deadlineMs;
    let waiting: string | undefined;
    const attempt = async () => {
      let response: Response;
      // A try never outlasts the deadline either.
      const timeoutMs = Math.min(options.timeoutMs, deadline - Date.now());
      try {
        const timeout = AbortSignal.timeout(Math.max(1, timeoutMs));
        response = await send(url, { headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      } catch (error) {
        if (signal?.aborted) throw new AbortError('cancelled');
        throw new RetryableHttpError(describeNetworkError(error, timeoutMs));
      }
      if (response.status === 429) {
        await response.body?.cancel();
        throw new RetryableHttpError('429 Too Many Requests', rateLimitWaitMs(response.headers));
      }
      if (response.status >= 500) {
        await response.body?.cancel();
        throw new RetryableHttpError(`${response.status} ${response.statusText}`.trim());
      }
      if (!response.ok) {
        const body = (await response.text().catch(() => '')).slice(0, 200);
        throw new AbortError(new HfSourceError(`GET ${path} answered ${response.status}: ${body}`, response.status));
      }
      const body = await response.text().catch((error: unknown) => {
        throw new RetryableHttpError(describeNetworkError(error, timeoutMs));
      });
      try {
        return JSON.parse(body) as unknown;
      } catch {
        throw new RetryableHttpError(`malformed JSON (${body.length} bytes)`);
      }
    };

    try {
      return await pRetry(attempt, {
        retries: options.retries,
        // The waits are ours (below), so that a 429's and the backoff are one wait, bound by the deadline.
        minTimeout: 0,
        signal,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          options.logger.warn({ path, attempt: attemptNumber, retriesLeft, error: error.message }, 'Hugging Face request failed');
          if (retriesLeft === 0 || !(error instanceof RetryableHttpError)) return;
          const backoff = Math.round((1 + Math.random()) * (options.backoffMs ?? 500) * 2 ** (attemptNumber - 1));
          const waitMs = Math.max(error.waitMs, backoff);
          const left = deadline - Date.now();
          if (waitMs >= left) {
            const asked = error.waitMs > 0 ? `Hugging Face asks to wait ${seconds(error.waitMs)}` : `the next try is due in ${seconds(waitMs)}`;
            throw new HfSourceError(`GET ${path} gave up after ${attemptNumber === 1 ? 'one attempt' : `${attemptNumber} attempts`} (${error.message}): ${asked}, past the request's deadline (${seconds(Math.max(0, left))} left)`);
          }
          waiting = `while waiting ${seconds(waitMs)} after ${error.message}`;
          await sleep(waitMs, signal);
          waiting = undefined;
        },
      });
    } catch (error) {
      if (error instanceof HfSourceError) throw error;
      if (signal?.aborted) throw new HfSourceError(`GET ${path} stopped by its caller${waiting ? ` ${waiting}` : ''}: ${describeReason(signal.reason)}`);
      const reason = error instanceof Error ? error.message : String(error);
      throw new HfSourceError(`GET ${path} failed after ${options.retries + 1} attempts: ${reason}`);
    }
  }

  /** Every page of one day, week or month, de-duplicated on id and ranked. */
  async function fetchDaily(query: DailyQuery, signal?: AbortSignal): Promise<FetchedPapers> {
    const [key, value] = Object.entries(query)[0] as [string, string];
    const askedDate = 'date' in query ? query.date : undefined;
    const all: Paper[] = [];
    let skipped = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const params = new URLSearchParams({ [key]: value, limit: String(PAGE_LIMIT), p: String(page) });
      const items = await getJson(`/api/daily_papers?${params}`, signal);
      if (!Array.isArray(items)) {
        throw new HfSourceError(`GET /api/daily_papers?${params} answered with ${typeof items === 'object' ? 'an object' : typeof items}, not a list of papers`);
      }
      if (items.length === 0) break;
      const normalized = normalizeDailyItems(items, askedDate);
      for (const skip of normalized.skipped) {
        options.logger.warn({ query, page, index: skip.index, reason: skip.reason }, 'skipped a Daily Papers item');
      }
      skipped += normalized.skipped.length;
      all.push(...normalized.papers);
    }
    return { papers: rankDay(dedupeById(all)), skipped };
  }

  /** One paper by arXiv id (without version), normalised; null when Hugging Face does not have it (a 404, not retried). */
  async function fetchPaper(id: string, signal?: AbortSignal): Promise<Paper | null> {
    const path = `/api/papers/${id}`;
    let raw: unknown;
    try {
      raw = await getJson(path, signal, options.lookupDeadlineMs ?? HF_LOOKUP_DEADLINE_MS);
    } catch (error) {
      if (error instanceof HfSourceError && error.status === 404) return null;
      throw error;
    }
    const paper = normalizePaperObject(raw);
    if ('reason' in paper) throw new HfSourceError(`GET ${path} answered with a paper that does not parse (${paper.reason})`);
    return paper;
  }

  return { fetchDaily, fetchPaper, getJson };
}

export type HfClient = ReturnType<typeof createHfClient>;

/** `RateLimit: "api";r=0;t=55` (seconds until the window resets), else `Retry-After`. */
export function rateLimitWaitMs(headers: Headers): number {
  const reset = /(?:^|;)\s*t=(\d+)/.exec(headers.get('ratelimit') ?? '')?.[1];
  if (reset !== undefined) return Number(reset) * 1000;
  const retryAfter = headers.get('retry-after');
  if (retryAfter && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
  if (retryAfter) {
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - Date.now());
  }
  return 0;
}

function seconds(ms: number): string {
  return `${Math.ceil(ms / 1000)} s`;
}

function describeReason(reason: unknown): string {
  if (reason instanceof Error && reason.name === 'TimeoutError') return 'its deadline passed';
  return reason instanceof Error ? reason.message : String(reason ?? 'aborted');
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}
