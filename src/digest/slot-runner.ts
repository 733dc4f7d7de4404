import type { SlotRunner } from '../scheduler/digest-scheduler.js';
import { createLocalQueue, type DeliveryQueue, type DigestJob } from './delivery-queue.js';
import { runDigest, type DigestRunResult, type DigestRunnerDeps } from './run-digest.js';
import { UnfinishedDeliveries } from './unfinished-deliveries.js';

/** Fresh votes are worth this long a wait before a slot's digests, not a late digest. */
export const REFRESH_DEADLINE_MS = 20_000;

export interface SlotRunnerOptions {
  /** Builds the queue that runs the jobs (BullMQ on Redis); an in-process one by default. */
  queue?: (job: DigestJob, onResult: (result: DigestRunResult) => void) => DeliveryQueue;
  concurrency?: number;
  onResult?: (result: DigestRunResult) => void;
  /** How long a slot waits for the recent days' refresh before composing from the archive; 20 s by default. */
  refreshDeadlineMs?: number;
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
  // Closing the queue (the bot stopping) ends the runs' retry waits; their digests are left unfinished.
  const stopping = new AbortController();
  const runDeps: DigestRunnerDeps = { ...deps, signal: deps.signal ? AbortSignal.any([deps.signal, stopping.signal]) : stopping.signal };
  const unfinished = new UnfinishedDeliveries(deps.deliveries);
  const job: DigestJob = async (channel, slot) => {
    try {
      return await runDigest(channel, slot, runDeps);
    } catch (error) {
      deps.logger.error({ channel, slot, error: String(error) }, 'digest run failed; a later pass resumes it');
      // Listed for the resume pass when the store allows: no layer above retries a failed run.
      await unfinished.add(channel, slot, deps.now()).catch(() => undefined);
      return 'failed';
    }
  };
  const built = options.queue?.(job, record) ?? createLocalQueue(job, options.concurrency ?? 8, record);
  const queue: DeliveryQueue = {
    ...built,
    close: () => {
      stopping.abort(new Error('the bot is stopping'));
      return built.close();
    },
  };
  const run = async (channels: string[], slot: Date) => {
    const refreshDeadlineMs = options.refreshDeadlineMs ?? REFRESH_DEADLINE_MS;
    const { failed } = await deps.archive.refreshRecent(AbortSignal.timeout(refreshDeadlineMs));
    if (failed.length > 0) deps.logger.warn({ slot, failed, refreshDeadlineMs }, 'composing digests from the archive: the source did not answer');
    await queue.enqueue(channels, slot);
  };
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
