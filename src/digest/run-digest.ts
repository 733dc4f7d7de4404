import { randomUUID } from 'node:crypto';
import type { DigestStyle } from '../channels/channel-state.js';
import type { ChannelStore } from '../channels/channel-store.js';
import { recordDigest } from '../channels/digest-history.js';
import type { Reply } from '../commands/reply.js';
import type { Logger } from '../log.js';
import type { ChannelLikes } from '../likes/channel-likes.js';
import type { PaperArchive } from '../papers/archive.js';
import { isSlotOf } from '../scheduler/schedule-time.js';
import { paperKey } from '../search/paper-index.js';
import type { KeyValue } from '../store.js';
import { composeDigest, digestReply } from './compose-digest.js';
import type { DeliveryOptions, DeliveryOutcome, DeliveryTarget, FoundMessage } from './delivery.js';
import { followerNotice, sendFollowerNotices, type FollowerNotice } from './follower-notices.js';
import { DELIVERY_DEADLINE_MS, postWithRetries, type DeliveryRetryPolicy } from './delivery-retry.js';
import { LeaseLost, whileHolding } from './record-lease.js';
import { pauseChannel } from './pause-channel.js';
import { UnfinishedDeliveries } from './unfinished-deliveries.js';

/** How long a (channel, slot) record is kept: past the catch-up window and any queue's retries. */
export const DELIVERY_RECORD_TTL_MS = 14 * 86_400_000;

/**
 * One (channel, slot): composed once, then sent part by part. `sentParts` messages are known to
 * be in the channel; when `inFlight`, the next one may be too (the platform is asked).
 */
interface DeliveryRecord {
  status: 'sending' | 'sent' | 'empty' | 'paused';
  at: string;
  /** The run holding the record, until `leaseUntil` (ms); a run that lost it writes nothing more. */
  owner?: string;
  leaseUntil?: number;
  reply?: Reply;
  /** The channel's style when the digest was composed: its parts are counted and posted in it to the end. */
  style?: DigestStyle;
  /** A `thread` digest's headline, the platform's id of it once part 0 is in the channel: later parts reply to it. */
  thread?: string;
  sentParts?: number;
  inFlight?: boolean;
  sentIds?: [string, string][];
  consideredIds?: [string, string][];
  throughDay?: string | null;
  reason?: string;
  /** Direct messages to members whose `--dm` follows matched, sent once the digest is marked sent. */
  followerNotices?: FollowerNotice[];
}

export type DigestRunResult = 'sent' | 'already-done' | 'empty' | 'paused' | 'failed' | 'skipped' | 'busy';

export interface DigestRunnerDeps {
  archive: PaperArchive;
  channels: ChannelStore;
  /** Delivery records, one per (channel, slot). */
  deliveries: KeyValue;
  /** The channels' 👍, which shape a digest's ranking (its taste) and show on its buttons. */
  likes?: ChannelLikes;
  target: DeliveryTarget;
  logger: Logger;
  commandName: string;
  now: () => Date;
  /** More tries for a failure that may pass (5xx, network), and the first backoff; rate limits use none of them. */
  retries?: number;
  backoffMs?: number;
  /**
   * How long a run may spend on one digest, its waits (a 429's Retry-After included) too; past it the
   * digest is left unfinished for a later pass. 3 minutes by default.
   */
  deadlineMs?: number;
  /** Ends the run's waits at once (the bot stopping): the digest is left unfinished. */
  signal?: AbortSignal;
  /** How long a run holds a (channel, slot) before another replica may take it over; renewed while it works. */
  leaseMs?: number;
}

/**
 * Delivers one channel's digest for one slot, each message exactly once: the record is claimed
 * under a lease before anything is sent, each part is recorded as in flight before it is posted
 * and as sent after, so a failure or a crash resumes at the first part that did not arrive.
 */
export async function runDigest(channel: string, slot: Date, deps: DigestRunnerDeps): Promise<DigestRunResult> {
  const unfinished = new UnfinishedDeliveries(deps.deliveries);
  const result = await deliverDigest(channel, slot, deps);
  // A run that could not finish is listed for a later pass, on any replica, to resume.
  if (result === 'failed' || result === 'busy') await unfinished.add(channel, slot, deps.now());
  else await unfinished.remove(channel, slot);
  return result;
}

async function deliverDigest(channel: string, slot: Date, deps: DigestRunnerDeps): Promise<DigestRunResult> {
  const recordKey = `${channel}|${slot.toISOString()}`;
  const owner = randomUUID();
  const leaseMs = deps.leaseMs ?? 30_000;
  const startedAt = deps.now().toISOString();
  const retry: Omit<DeliveryRetryPolicy, 'onRetry'> = {
    retries: deps.retries ?? 4,
    backoffMs: deps.backoffMs ?? 1_000,
    deadline: Date.now() + (deps.deadlineMs ?? DELIVERY_DEADLINE_MS),
    signal: deps.signal,
  };
  const found = await deps.deliveries.get<DeliveryRecord>(recordKey);
  if (found && found.status !== 'sending') return 'already-done';
  if (found) {
    // A digest being resumed: not into a channel whose digests were turned off or paused since.
    const state = await deps.channels.get(channel);
    if (!state.schedule.enabled || state.paused) return 'skipped';
  }

  let fresh: DeliveryRecord | undefined;
  if (!found) {
    const state = await deps.channels.get(channel);
    if (!state.schedule.enabled || state.paused) return 'skipped';
    if (!isSlotOf(state.schedule, slot)) {
      deps.logger.info({ channel, slot }, 'the schedule changed since this slot was due; not posting');
      return 'skipped';
    }
    const digest = composeDigest(state, await deps.channels.history(channel), deps.archive, slot, (await deps.likes?.of(channel)) ?? []);
    const reply = digestReply(digest, deps.commandName);
    fresh =
      digest.papers.length === 0
        ? { status: 'empty', at: deps.now().toISOString() }
        : {
            status: 'sending',
            at: deps.now().toISOString(),
            reply,
            style: state.style ?? 'cards',
            followerNotices: digest.followerMessages.map((message) => followerNotice(message, reply.heading, deps.commandName)),
            sentParts: 0,
            sentIds: digest.papers.map(({ paper }) => [paperKey(paper), paper.dailyDate ?? '']),
            consideredIds: digest.considered.map((paper) => [paperKey(paper), paper.dailyDate ?? '']),
            throughDay: digest.throughDay,
          };
  }

  let claim = 'done' as 'claimed' | 'empty' | 'done' | 'busy';
  const claimed = await deps.deliveries.update<DeliveryRecord>(
    recordKey,
    (current) => {
      const base = current ?? fresh;
      if (!base || base.status === 'sent' || base.status === 'paused' || (current && current.status === 'empty')) {
        claim = 'done';
        return undefined;
      }
      if (base.status === 'empty') {
        claim = 'empty';
        return base;
      }
      if (base.owner && (base.leaseUntil ?? 0) > deps.now().getTime()) {
        claim = 'busy';
        return undefined;
      }
      claim = 'claimed';
      return { ...base, owner, leaseUntil: deps.now().getTime() + leaseMs };
    },
    { ttlMs: DELIVERY_RECORD_TTL_MS },
  );
  if (claim === 'empty') {
    deps.logger.info({ channel, slot }, 'nothing new for this digest; not posting');
    return 'empty';
  }
  if (claim !== 'claimed' || !claimed?.reply) return claim === 'busy' ? 'busy' : 'already-done';
  let record: DeliveryRecord = claimed;

  // Every write after the claim is fenced: it lands only while this run still holds the record.
  const write = async (change: (current: DeliveryRecord) => DeliveryRecord) => {
    let lost = false;
    const saved = await deps.deliveries.update<DeliveryRecord>(
      recordKey,
      (current) => {
        lost = current?.owner !== owner;
        return lost ? undefined : change(current!);
      },
      { ttlMs: DELIVERY_RECORD_TTL_MS },
    );
    if (lost) throw new LeaseLost();
    return saved!;
  };
  const renewed = () => deps.now().getTime() + leaseMs;
  const remember = (sent: DeliveryRecord) =>
    deps.channels.updateHistory(channel, (history) =>
      recordDigest(history, {
        slot: slot.toISOString(),
        sent: sent.sentIds ?? [],
        considered: sent.consideredIds ?? [],
        throughDay: sent.throughDay ?? history.lastDigest?.throughDay ?? deps.now().toISOString().slice(0, 10),
      }),
    );

  try {
    const reply = record.reply!;
    const style = record.style ?? 'cards';
    const parts = deps.target.partCount(channel, reply, style);
    for (let part = record.sentParts ?? 0; part < parts; part++) {
      const partId = `${recordKey}#${part + 1}`;
      const options: DeliveryOptions = { style, ...(part > 0 && record.thread ? { thread: record.thread } : {}) };
      // The headline of a thread is only done once its id is known: the rest of the digest replies to it.
      const opensThread = style === 'thread' && part === 0 && parts > 1;
      const sent = (ref: string | undefined) => (r: DeliveryRecord): DeliveryRecord => ({
        ...r,
        sentParts: part + 1,
        inFlight: false,
        leaseUntil: renewed(),
        ...(opensThread && ref ? { thread: ref } : {}),
      });
      if (record.inFlight) {
        const found = await reachedChannel(channel, partId, new Date(record.at), deps, true, options);
        const ref = typeof found === 'object' ? found.ref : undefined;
        if (found && (ref || !opensThread)) {
          record = await write(sent(ref));
          continue;
        }
      }
      record = await write((r) => ({ ...r, inFlight: true, leaseUntil: renewed() }));
      const outcome = await whileHolding((held) => sendPart(channel, reply, part, partId, new Date(record.at), deps, held, retry, options), () => write((r) => ({ ...r, leaseUntil: renewed() })), leaseMs);
      if (outcome.status === 'ok') {
        record = await write(sent(outcome.ref));
        continue;
      }
      if (outcome.status === 'gone' || outcome.status === 'forbidden') {
        if (part > 0) await remember(record);
        await pauseChannel(channel, outcome, startedAt, deps);
        await write((r) => ({ ...r, status: 'paused', reason: outcome.reason, reply: undefined, owner: undefined }));
        deps.logger.warn({ channel, reason: outcome.reason }, 'channel cannot receive digests; paused its schedule');
        return 'paused';
      }
      const reason = outcome.status === 'failed' ? outcome.reason : 'rate limited';
      // Part of it is in the channel: the next digest must not offer its papers again, whether or not this one is resumed.
      if (part > 0) await remember(record);
      // Released at once: a retry (or another replica) resumes at this part.
      await write((r) => ({ ...r, owner: undefined, leaseUntil: 0, reason }));
      deps.logger.error({ channel, slot, part: part + 1, parts, reason }, 'digest delivery failed; a later pass resumes it');
      return 'failed';
    }
    await remember(record);
    await write((r) => ({ ...r, status: 'sent', reply: undefined, followerNotices: undefined, owner: undefined }));
    // Only the run that marked the digest sent gets here, once: a resumed or repeated run finds it sent.
    await sendFollowerNotices(channel, record.followerNotices ?? [], deps);
    return 'sent';
  } catch (error) {
    if (error instanceof LeaseLost) {
      deps.logger.warn({ channel, slot }, 'another run took this digest over; leaving the rest to it');
      return 'busy';
    }
    // The store or the platform could not answer (e.g. whether a part arrived): hand the record back for a retry.
    deps.logger.error({ channel, slot, error: String(error) }, 'digest delivery stopped; it resumes on the next try');
    await write((r) => ({ ...r, owner: undefined, leaseUntil: 0, reason: String(error) })).catch(() => undefined);
    return 'failed';
  }
}

/**
 * Whether a part reached the channel; `unknown` is what to assume where the platform cannot tell.
 * A platform that fails to answer throws: nothing is assumed, the run stops and is retried.
 */
async function reachedChannel(channel: string, partId: string, since: Date, deps: DigestRunnerDeps, unknown: boolean, options: DeliveryOptions): Promise<boolean | FoundMessage> {
  return (await deps.target.wasDelivered?.(channel, partId, since, options)) ?? unknown;
}

async function sendPart(
  channel: string,
  reply: Reply,
  part: number,
  partId: string,
  since: Date,
  deps: DigestRunnerDeps,
  held: () => boolean,
  retry: Omit<DeliveryRetryPolicy, 'onRetry'>,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  try {
    return await postWithRetries(
      {
        post: async () => {
          if (!held()) throw new LeaseLost();
          return deps.target.deliver(channel, reply, part, partId, options);
        },
        arrived: () => reachedChannel(channel, partId, since, deps, false, options),
      },
      {
        ...retry,
        onRetry: (outcome, waitMs, retriesLeft) =>
          outcome.status === 'rate_limited'
            ? deps.logger.info({ channel, part: part + 1, waitMs }, 'digest delivery rate limited; retrying after the wait asked for')
            : deps.logger.warn({ channel, part: part + 1, retriesLeft, waitMs, reason: outcome.reason }, 'digest delivery failed; retrying'),
      },
    );
  } catch (error) {
    if (error instanceof LeaseLost) throw error;
    return { status: 'failed', reason: String(error) };
  }
}
