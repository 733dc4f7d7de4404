import { setTimeout as wait } from 'node:timers/promises';
import pRetry from 'p-retry';
import type { DeliveryOutcome, FoundMessage } from './delivery.js';

/** How long one run may spend on a digest, waits included, before it leaves the rest to a later pass. */
export const DELIVERY_DEADLINE_MS = 3 * 60_000;
/** The least wait after a rate limit: one that asks for none is not retried in a tight loop (a platform may ban a client that sends many 429s). */
const RATE_LIMIT_FLOOR_MS = 500;

export interface DeliveryRetryPolicy {
  /** More tries after the first, for a failure (5xx, network); a rate limit is waited out as often as the deadline allows. */
  retries: number;
  /** First backoff between tries of a failure that says nothing of when to come back; doubles, with jitter. */
  backoffMs: number;
  /** Epoch ms: a wait that would end later is not started. */
  deadline: number;
  /** Ends a wait at once, and no further one starts (the bot is stopping). */
  signal?: AbortSignal;
  onRetry?: (outcome: TransientOutcome, waitMs: number, retriesLeft: number) => void;
}

/** One message of a digest, as the retry policy sees it. */
export interface PartPost {
  /** Posts the message once; throws when it must not be posted (the run lost its record). */
  post(): Promise<DeliveryOutcome>;
  /** Whether a try whose answer was a failure reached the channel after all (the message found, where the platform tells); asked before posting again. */
  arrived(): Promise<boolean | FoundMessage>;
}

export type TransientOutcome = Extract<DeliveryOutcome, { status: 'failed' | 'rate_limited' }>;

class TransientFailure extends Error {
  constructor(readonly outcome: TransientOutcome) {
    super(outcome.status === 'failed' ? outcome.reason : 'rate limited');
  }
}

/** A wait not started: the outcome, with why the run stopped trying. */
class GaveUp extends Error {
  constructor(readonly outcome: DeliveryOutcome) {
    super('gave up');
  }
}

/**
 * The one place a digest's message is retried: the platforms' clients are built not to retry nor
 * sleep on a 429 themselves, and the queue does not retry a failed run. A 429's Retry-After (else a
 * backoff) is waited when it ends within the deadline; otherwise the run gives up at once with the
 * last outcome, and the unfinished digest is resumed by a later pass.
 */
export async function postWithRetries(part: PartPost, policy: DeliveryRetryPolicy): Promise<DeliveryOutcome> {
  let uncertain = false;
  try {
    return await pRetry(
      async () => {
        // A failure may have come after the platform took the message: ask before posting it again.
        const found = uncertain ? await part.arrived() : false;
        if (found) return typeof found === 'object' ? ({ status: 'ok', ref: found.ref } as const) : ({ status: 'ok' } as const);
        const outcome = await part.post();
        if (outcome.status !== 'failed' && outcome.status !== 'rate_limited') return outcome;
        uncertain = outcome.status === 'failed';
        throw new TransientFailure(outcome);
      },
      {
        retries: policy.retries,
        // The waits are ours (below): a 429's or the backoff, one wait, bound by the deadline.
        minTimeout: 0,
        shouldRetry: ({ error }) => error instanceof TransientFailure,
        shouldConsumeRetry: ({ error }) => !(error instanceof TransientFailure && error.outcome.status === 'rate_limited'),
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (!(error instanceof TransientFailure) || retriesLeft === 0) return;
          const { outcome } = error;
          const waitMs = outcome.status === 'rate_limited' ? Math.max(outcome.retryAfterMs, RATE_LIMIT_FLOOR_MS) : Math.round((1 + Math.random()) * policy.backoffMs * 2 ** (attemptNumber - 1));
          if (policy.signal?.aborted) throw new GaveUp(stopped(outcome, policy.signal));
          if (Date.now() + waitMs > policy.deadline) throw new GaveUp(pastDeadline(outcome, waitMs));
          policy.onRetry?.(outcome, waitMs, retriesLeft);
          try {
            await wait(waitMs, undefined, { signal: policy.signal });
          } catch {
            throw new GaveUp(stopped(outcome, policy.signal));
          }
        },
      },
    );
  } catch (error) {
    if (error instanceof TransientFailure || error instanceof GaveUp) return error.outcome;
    throw error;
  }
}

function pastDeadline(outcome: TransientOutcome, waitMs: number): DeliveryOutcome {
  const seconds = `${Math.ceil(waitMs / 1000)} s`;
  const why = outcome.status === 'rate_limited' ? `rate limited for ${seconds}` : `${outcome.reason}; next try in ${seconds}`;
  return { status: 'failed', reason: `${why}, past this run's deadline` };
}

function stopped(outcome: TransientOutcome, signal: AbortSignal | undefined): DeliveryOutcome {
  const reason = signal?.reason instanceof Error ? signal.reason.message : 'stopped';
  return { status: 'failed', reason: `${outcome.status === 'failed' ? outcome.reason : 'rate limited'}; not retried: ${reason}` };
}
