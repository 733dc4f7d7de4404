import type { SlotRunner } from '../scheduler/digest-scheduler.js';
import { createLocalQueue, type DeliveryQueue, type DigestJob } from './delivery-queue.js';
import { runDigest, type DigestRunResult, type DigestRunnerDeps } from './run-digest.js';
import { UnfinishedDeliveries } from './unfinished-deliveries.js';

const REFRESH_DEADLINE_MS = 20_000;

export interface SlotRunnerOptions {
  /** Builds the queue that runs the jobs (BullMQ on Redis); an in-process one by default. */
  queue?: (job: DigestJob, onResult: (result: DigestRunResult) => void) => DeliveryQueue;
  concurrency?: number;
  onResult?: (result: DigestRunResult) => void;
}

/**
 * Refreshes the recent days once (a failing source leaves the archive as it is), then queues each
 * channel's digest; one channel's failure never stops the others.
 */
export function createSlotRunner(
  deps: DigestRunnerDeps,
  options: SlotRunnerOptions = {},
): SlotRunner & { results: Map<DigestRunResult, number>; queue: DeliveryQueue; resumeUnfinished(): Promise<void> } {
  const results = new Map<DigestRunResult, number>();
  const record = (result: DigestRunResult) => {
    results.set(result, (results.get(result) ?? 0) + 1);
    options.onResult?.(result);
  };
  const job: DigestJob = async (channel, slot) => {
    try {
      return await runDigest(channel, slot, deps);
    } catch (error) {
      deps.logger.error({ channel, slot, error: String(error) }, 'digest run failed');
      return 'failed';
    }
  };
  const queue = options.queue?.(job, record) ?? createLocalQueue(job, options.concurrency ?? 8, record);
  const run = async (channels: string[], slot: Date) => {
    // Fresh votes are worth a short wait, not a late digest: past the deadline the archive serves.
    const { failed } = await deps.archive.refreshRecent(AbortSignal.timeout(REFRESH_DEADLINE_MS));
    if (failed.length > 0) deps.logger.warn({ slot, failed }, 'composing digests from the archive: the source did not answer');
    await queue.enqueue(channels, slot);
  };
  const unfinished = new UnfinishedDeliveries(deps.deliveries);
  /** Queues again the digests a run left unfinished (any replica's), once their holder's lease allows. */
  const resumeUnfinished = async () => {
    const now = deps.now();
    const { resume, givenUp } = await unfinished.due(now);
    if (givenUp.length > 0) deps.logger.error({ digests: givenUp }, 'gave up on digests still unfinished after a day');
    const bySlot = new Map<number, string[]>();
    for (const { channel, slot } of resume) bySlot.set(slot.getTime(), [...(bySlot.get(slot.getTime()) ?? []), channel]);
    const generation = String(Math.floor(now.getTime() / 60_000));
    for (const [slot, channels] of bySlot) await queue.enqueue(channels, new Date(slot), generation);
  };
  return Object.assign(run, { results, queue, resumeUnfinished });
}
