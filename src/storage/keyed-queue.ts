import PQueue from 'p-queue';

/**
 * Runs tasks one at a time per key, in arrival order, and different keys in parallel. Writers of
 * one process then take turns instead of racing each other's compare-and-set; the store's
 * compare-and-set still settles races with other processes.
 */
export function createKeyedQueue() {
  const queues = new Map<string, PQueue>();
  return async <T>(key: string, task: () => Promise<T>): Promise<T> => {
    let queue = queues.get(key);
    if (!queue) {
      queue = new PQueue({ concurrency: 1 });
      queues.set(key, queue);
    }
    try {
      return (await queue.add(task)) as T;
    } finally {
      if (queue.size === 0 && queue.pending === 0 && queues.get(key) === queue) queues.delete(key);
    }
  };
}
