import { randomUUID } from 'node:crypto';
import { setTimeout as wait } from 'node:timers/promises';
import type { KeyValue } from '../store.js';

interface Held {
  owner: string;
  until: number;
}

/**
 * One holder at a time for `key`, across every replica sharing the store, by the store's own
 * compare-and-set (the primitive channel changes and digest records use, on every store). A lease
 * lapses after `ms`, so a holder that dies holds nothing up for longer.
 */
export class Lease {
  private readonly owner = randomUUID();

  constructor(private readonly kv: KeyValue, private readonly key: string, private readonly ms: number, private readonly now: () => number = Date.now) {}

  /** Takes the lease if it is free or lapsed (or already ours); resolves whether we hold it. */
  async tryTake(): Promise<boolean> {
    const at = this.now();
    const held = await this.kv.update<Held>(this.key, (current) => (current && current.owner !== this.owner && current.until > at ? undefined : { owner: this.owner, until: at + this.ms }), { ttlMs: this.ms });
    return held?.owner === this.owner;
  }

  /**
   * Takes the lease, waiting while another holder has it, checking every `pollMs`; resolves false
   * when `signal` aborts first.
   */
  async take(signal?: AbortSignal, pollMs = 250): Promise<boolean> {
    for (;;) {
      if (signal?.aborted) return false;
      if (await this.tryTake()) return true;
      try {
        await wait(pollMs, undefined, { signal });
      } catch {
        return false;
      }
    }
  }

  /** Gives the lease up, if still ours. */
  async release(): Promise<void> {
    await this.kv.update<Held>(this.key, (current) => (current?.owner === this.owner ? { owner: '', until: 0 } : undefined), { ttlMs: 1_000 });
  }
}
