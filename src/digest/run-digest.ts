import pRetry, { AbortError } from 'p-retry';
import type { ChannelStore } from '../channels/channel-store.js';
import { MAX_DELIVERED, type ChannelState } from '../channels/channel-state.js';
import type { Reply } from '../commands/reply.js';
import type { Logger } from '../log.js';
import type { PaperArchive } from '../papers/archive.js';
import { addDays, dayOf } from '../papers/days.js';
import { paperKey } from '../search/paper-index.js';
import type { KeyValue } from '../store.js';
import { composeDigest, digestReply } from './compose-digest.js';
import type { DeliveryOutcome, DeliveryTarget } from './delivery.js';

/** How long passed-over papers are remembered: longer than the late-addition window. */
const PASSED_OVER_DAYS = 14;
const DELIVERED_DAYS = 400;

interface DeliveryRecord {
  status: 'sending' | 'sent' | 'empty' | 'paused' | 'failed';
  at: string;
  reply?: Reply;
  sentIds?: [string, string][];
  consideredIds?: [string, string][];
  throughDay?: string | null;
  reason?: string;
}

export type DigestRunResult = 'sent' | 'already-done' | 'empty' | 'paused' | 'failed' | 'skipped';

export interface DigestRunnerDeps {
  archive: PaperArchive;
  channels: ChannelStore;
  /** Delivery records, one per (channel, slot). */
  deliveries: KeyValue;
  target: DeliveryTarget;
  logger: Logger;
  commandName: string;
  now: () => Date;
  /** Tries for a transient failure, and the first backoff. */
  retries?: number;
  backoffMs?: number;
}

class TransientDeliveryError extends Error {
  constructor(readonly outcome: DeliveryOutcome) {
    super(outcome.status === 'failed' ? outcome.reason : 'rate limited');
  }
}

/**
 * Delivers one channel's digest for one slot, at most once: the record is written before the
 * send, so a crash in between never posts twice, and a restart finishes what is left.
 */
export async function runDigest(channel: string, slot: Date, deps: DigestRunnerDeps): Promise<DigestRunResult> {
  const recordKey = `${channel}|${slot.toISOString()}`;
  const deliveryId = recordKey;
  const record = await deps.deliveries.get<DeliveryRecord>(recordKey);
  if (record && record.status !== 'sending' && record.status !== 'failed') return 'already-done';
  const state = await deps.channels.get(channel);
  if (!state.schedule.enabled || state.paused) return 'skipped';

  let pending: DeliveryRecord;
  if (record?.status === 'sending') {
    const reached = deps.target.wasDelivered ? await deps.target.wasDelivered(channel, deliveryId) : true;
    if (reached) {
      if (!deps.target.wasDelivered) {
        deps.logger.warn({ channel, slot }, 'a digest was being sent when the process stopped; not sending again to avoid a duplicate');
      }
      await finish(channel, slot, record, deps);
      return 'sent';
    }
    pending = record;
  } else {
    const digest = composeDigest(state, deps.archive, slot);
    if (digest.papers.length === 0) {
      deps.logger.info({ channel, slot }, 'nothing new for this digest; not posting');
      await deps.deliveries.set(recordKey, { status: 'empty', at: deps.now().toISOString() } satisfies DeliveryRecord);
      return 'empty';
    }
    pending = {
      status: 'sending',
      at: deps.now().toISOString(),
      reply: digestReply(digest, deps.commandName),
      sentIds: digest.papers.map(({ paper }) => [paperKey(paper), paper.dailyDate ?? '']),
      consideredIds: digest.considered.map((paper) => [paperKey(paper), paper.dailyDate ?? '']),
      throughDay: digest.throughDay,
    };
    await deps.deliveries.set(recordKey, pending);
  }

  let outcome: DeliveryOutcome;
  try {
    outcome = await sendWithRetries(channel, pending.reply!, deliveryId, deps);
  } catch (error) {
    outcome = error instanceof TransientDeliveryError ? error.outcome : { status: 'failed', reason: String(error) };
  }
  if (outcome.status === 'ok') {
    await finish(channel, slot, pending, deps);
    return 'sent';
  }
  if (outcome.status === 'gone' || outcome.status === 'forbidden') {
    await deps.channels.update(channel, (current) => ({ ...current, paused: { reason: outcome.reason, at: deps.now().toISOString() } }));
    await deps.deliveries.set(recordKey, { status: 'paused', at: deps.now().toISOString(), reason: outcome.reason } satisfies DeliveryRecord);
    deps.logger.warn({ channel, reason: outcome.reason }, 'channel cannot receive digests; paused its schedule');
    return 'paused';
  }
  const reason = outcome.status === 'failed' ? outcome.reason : 'rate limited';
  await deps.deliveries.set(recordKey, { status: 'failed', at: deps.now().toISOString(), reason } satisfies DeliveryRecord);
  deps.logger.error({ channel, slot, reason }, 'digest delivery failed after retries');
  return 'failed';
}

async function sendWithRetries(channel: string, reply: Reply, deliveryId: string, deps: DigestRunnerDeps): Promise<DeliveryOutcome> {
  return pRetry(
    async () => {
      const outcome = await deps.target.deliver(channel, reply, deliveryId);
      if (outcome.status === 'ok' || outcome.status === 'gone' || outcome.status === 'forbidden') return outcome;
      throw new TransientDeliveryError(outcome);
    },
    {
      retries: deps.retries ?? 4,
      minTimeout: deps.backoffMs ?? 1_000,
      randomize: true,
      onFailedAttempt: async ({ error, retriesLeft }) => {
        if (!(error instanceof TransientDeliveryError)) throw new AbortError(error);
        deps.logger.warn({ channel, retriesLeft, reason: error.message }, 'digest delivery failed; retrying');
        if (error.outcome.status === 'rate_limited' && retriesLeft > 0) {
          await new Promise((resolve) => setTimeout(resolve, error.outcome.status === 'rate_limited' ? error.outcome.retryAfterMs : 0));
        }
      },
    },
  );
}

/** Records what was sent in the channel, then marks the slot done; both steps are safe to repeat. */
async function finish(channel: string, slot: Date, record: DeliveryRecord, deps: DigestRunnerDeps): Promise<void> {
  const today = dayOf(deps.now());
  await deps.channels.update(channel, (state) => remember(state, record, slot, today));
  await deps.deliveries.set(`${channel}|${slot.toISOString()}`, { ...record, status: 'sent', reply: undefined } satisfies DeliveryRecord);
}

function remember(state: ChannelState, record: DeliveryRecord, slot: Date, today: string): ChannelState {
  const sent = new Set((record.sentIds ?? []).map(([id]) => id));
  const deliveredSince = addDays(today, -DELIVERED_DAYS);
  const passedSince = addDays(today, -PASSED_OVER_DAYS);
  const delivered = new Map(state.delivered.filter(([, day]) => day >= deliveredSince));
  for (const id of sent) delivered.set(id, today);
  const passedOver = new Map(state.passedOver.filter(([, day]) => day >= passedSince));
  for (const [id, day] of record.consideredIds ?? []) if (!sent.has(id)) passedOver.set(id, day);
  const throughDay = record.throughDay ?? state.lastDigest?.throughDay ?? today;
  const last = state.lastDigest;
  return {
    ...state,
    delivered: [...delivered].slice(-MAX_DELIVERED),
    passedOver: [...passedOver],
    lastDigest: {
      slot: last && last.slot > slot.toISOString() ? last.slot : slot.toISOString(),
      throughDay: last && last.throughDay > throughDay ? last.throughDay : throughDay,
      sinceDay: last?.sinceDay ?? throughDay,
    },
  };
}
