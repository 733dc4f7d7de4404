import type { KeyValue } from '../store.js';

const KEY = 'unfinished';
/** A digest still unfinished after this long is given up (its slot is a day old). */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

/**
 * The (channel, slot) digests a run left unfinished (a platform outage past a run's retries or deadline, a holder
 * that disappeared), in the shared store, so that a later pass on any replica resumes them.
 */
export class UnfinishedDeliveries {
  constructor(private readonly kv: KeyValue) {}

  async add(channel: string, slot: Date, now: Date): Promise<void> {
    const id = `${channel}|${slot.toISOString()}`;
    await this.kv.update<Record<string, string>>(KEY, (current = {}) => (id in current ? undefined : { ...current, [id]: now.toISOString() }));
  }

  async remove(channel: string, slot: Date): Promise<void> {
    const id = `${channel}|${slot.toISOString()}`;
    await this.kv.update<Record<string, string>>(KEY, (current) => {
      if (!current || !(id in current)) return undefined;
      const { [id]: _done, ...rest } = current;
      return rest;
    });
  }

  /** The digests to resume, oldest first; those past `GIVE_UP_AFTER_MS` are dropped and returned apart. */
  async due(now: Date): Promise<{ resume: { channel: string; slot: Date }[]; givenUp: string[] }> {
    const current = (await this.kv.get<Record<string, string>>(KEY)) ?? {};
    const givenUp = Object.entries(current).filter(([, since]) => now.getTime() - Date.parse(since) > GIVE_UP_AFTER_MS).map(([id]) => id);
    if (givenUp.length > 0) {
      await this.kv.update<Record<string, string>>(KEY, (latest = {}) => Object.fromEntries(Object.entries(latest).filter(([id]) => !givenUp.includes(id))));
    }
    const resume = Object.keys(current)
      .filter((id) => !givenUp.includes(id))
      .map((id) => {
        const cut = id.lastIndexOf('|');
        return { channel: id.slice(0, cut), slot: new Date(id.slice(cut + 1)) };
      });
    return { resume, givenUp };
  }
}
