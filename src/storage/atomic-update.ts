import type Keyv from 'keyv';
import pRetry from 'p-retry';
import type { Change } from '../store.js';
import type { CompareAndSet } from './compare-and-set.js';

/** Another writer changed the key between our read and our write. */
class WriteConflict extends Error {}

/** The change itself threw (a bug or an invalid value), not the store: passed on as it is. */
export class ChangeFailed extends Error {
  constructor(readonly original: unknown) {
    super(String(original));
  }
}

/** Tries before giving up on a key that other writers keep changing: far more than a burst of commands needs. */
const MAX_TRIES = 60;

/**
 * Read, apply, compare-and-set, and on a conflict read again: optimistic concurrency on the raw
 * value, so no lock is held and a writer that dies holds nothing up.
 */
export async function atomicUpdate<T>(keyv: Keyv, cas: CompareAndSet, rawKey: string, change: Change<T>, ttlMs: number | undefined): Promise<T | undefined> {
  return pRetry(
    async () => {
      const raw = await cas.read(rawKey);
      const current = raw === undefined ? undefined : await keyv.deserializeData<T>(raw);
      const live = current && !(typeof current.expires === 'number' && current.expires < Date.now()) ? current.value : undefined;
      let next: T | undefined;
      try {
        next = change(live);
      } catch (error) {
        throw new ChangeFailed(error);
      }
      if (next === undefined) return live;
      const serialized = (await keyv.serializeData({ value: next, expires: ttlMs ? Date.now() + ttlMs : undefined })) as string;
      if (serialized === raw) return next;
      if (!(await cas.swap(rawKey, raw, serialized, ttlMs))) throw new WriteConflict();
      return next;
    },
    {
      retries: MAX_TRIES,
      minTimeout: 1,
      maxTimeout: 40,
      factor: 1.6,
      randomize: true,
      shouldRetry: ({ error }) => error instanceof WriteConflict,
    },
  ).catch((error: unknown) => {
    if (error instanceof WriteConflict) throw new Error(`gave up on ${rawKey} after ${MAX_TRIES} conflicting writes`);
    throw error;
  });
}
