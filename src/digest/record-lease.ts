/** Another run took the record over (this one was too slow or presumed dead): stop writing. */
export class LeaseLost extends Error {}

/**
 * Runs `work` while renewing the lease every third of it. `held()` turns false once the lease is
 * known lost, or could not be renewed for a whole lease (the store away): another run may own the
 * record by then, so no further post may go out. A lost lease is thrown after `work` ends.
 */
export async function whileHolding<T>(work: (held: () => boolean) => Promise<T>, renew: () => Promise<unknown>, leaseMs: number): Promise<T> {
  let lost: LeaseLost | undefined;
  let renewedAt = Date.now();
  const timer = setInterval(() => {
    renew().then(
      () => (renewedAt = Date.now()),
      (error: unknown) => {
        if (!(error instanceof LeaseLost)) return;
        lost = error;
        clearInterval(timer);
      },
    );
  }, Math.max(1_000, Math.floor(leaseMs / 3)));
  timer.unref();
  const held = () => !lost && Date.now() - renewedAt < leaseMs;
  try {
    return await work(held);
  } finally {
    clearInterval(timer);
    if (lost || !held()) throw lost ?? new LeaseLost();
  }
}
