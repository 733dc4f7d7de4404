import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { DeliveryQueue, DigestJob } from './delivery-queue.js';
import type { DigestRunResult } from './run-digest.js';

export interface RedisQueueOptions {
  redis: Redis;
  prefix: string;
  run: DigestJob;
  concurrency: number;
  /** How long a worker holds a job before another replica may take it over (after a crash). */
  lockMs: number;
  logger: Logger;
  onResult(result: DigestRunResult): void;
}

interface DigestJobData {
  channel: string;
  slot: string;
}

/** BullMQ job ids cannot hold `:`; the id stays one per (channel, slot) whichever replica adds it. */
export function digestJobId(channel: string, slot: Date, generation?: string): string {
  return `digest-${Buffer.from(`${channel}|${slot.toISOString()}`).toString('base64url')}${generation ? `-r${generation}` : ''}`;
}

/**
 * Digest delivery on BullMQ: every replica's scheduler may add the jobs of a slot, but a job id per
 * (channel, slot) makes each one job, which any free replica runs; a job whose replica died is taken
 * over once its lock lapses, and one held by another run is tried again with backoff.
 */
export function createRedisQueue(options: RedisQueueOptions): DeliveryQueue {
  const name = 'digests';
  const queue = new Queue<DigestJobData>(name, { connection: options.redis, prefix: options.prefix });
  const workerConnection = options.redis.duplicate({ maxRetriesPerRequest: null });
  const worker = new Worker<DigestJobData, DigestRunResult>(
    name,
    async (job) => {
      const result = await options.run(job.data.channel, new Date(job.data.slot));
      // A busy digest (another run holds it) is tried again with BullMQ's backoff, once its holder is
      // done or gone. A failed one is not: the run retried the platform within its deadline already,
      // and listed the digest for the resume pass.
      if (result === 'busy') throw new Error(`digest for ${job.data.channel} is held by another run`);
      return result;
    },
    {
      connection: workerConnection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockMs,
      stalledInterval: Math.max(1_000, Math.floor(options.lockMs / 2)),
      maxStalledCount: 5,
    },
  );
  worker.on('completed', (_job, result) => options.onResult(result));
  worker.on('failed', (job, error) => {
    options.onResult('failed');
    options.logger.warn({ channel: job?.data.channel, attempts: job?.attemptsMade, error: error.message }, 'digest job failed');
  });
  worker.on('error', (error) => options.logger.error({ error: error.message }, 'digest worker error'));
  queue.on('error', (error) => options.logger.error({ error: error.message }, 'digest queue error'));

  return {
    async enqueue(channels, slot, generation) {
      await queue.addBulk(
        channels.map((channel) => ({
          name: 'digest',
          data: { channel, slot: slot.toISOString() },
          opts: {
            jobId: digestJobId(channel, slot, generation),
            attempts: 6,
            backoff: { type: 'exponential', delay: 2_000 },
            // Kept for two days so that a replica firing late for the same slot adds nothing.
            removeOnComplete: { age: 2 * 86_400 },
            removeOnFail: { age: 7 * 86_400 },
          },
        })),
      );
    },
    async depth() {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).reduce((sum, n) => sum + n, 0);
    },
    async close() {
      await worker.close();
      await queue.close();
      await workerConnection.quit().catch(() => undefined);
    },
  };
}
