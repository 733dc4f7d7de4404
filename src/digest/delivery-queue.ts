import PQueue from 'p-queue';
import type { DigestRunResult } from './run-digest.js';

/** Hands each (channel, slot) digest to whichever worker is free, once. */
export interface DeliveryQueue {
  /**
   * Queues these channels' digests for the slot; one already queued or done is not queued again.
   * A `generation` (a resume pass) makes jobs of their own, for digests an earlier job left unfinished.
   */
  enqueue(channels: string[], slot: Date, generation?: string): Promise<void>;
  /** Digest jobs waiting or running. */
  depth(): Promise<number>;
  /** Stops taking work and lets what is running finish (or hands it back, on Redis). */
  close(): Promise<void>;
}

export type DigestJob = (channel: string, slot: Date) => Promise<DigestRunResult>;

/** The embedded default: an in-process queue; the delivery records keep it idempotent across restarts. */
export function createLocalQueue(run: DigestJob, concurrency: number, onResult: (result: DigestRunResult) => void): DeliveryQueue {
  const queue = new PQueue({ concurrency });
  const queued = new Set<string>();
  return {
    async enqueue(channels, slot, generation) {
      const jobs = channels.map((channel) => {
        const id = `${channel}|${slot.toISOString()}|${generation ?? ''}`;
        if (queued.has(id)) return Promise.resolve();
        queued.add(id);
        return queue
          .add(async () => onResult(await run(channel, slot)))
          .catch(() => onResult('failed'))
          .finally(() => queued.delete(id));
      });
      await Promise.all(jobs);
    },
    async depth() {
      return queue.size + queue.pending;
    },
    async close() {
      queue.clear();
      await queue.onIdle();
    },
  };
}
