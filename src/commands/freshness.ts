import { addDays, dayOf } from '../papers/days.js';

/** Newest papers older than this many days (counted in UTC days before `now`) get a notice. */
export const STALE_AFTER_DAYS = 2;

/**
 * Why the newest papers are old, or undefined while they are fresh or Hugging Face has none newer. `sourceReachable` is the
 * archive's: false when the last refresh failed, undefined with offline data (or before any refresh).
 */
export function staleDataNotice(newestDay: string, now: Date, sourceReachable: boolean | undefined): string | undefined {
  if (newestDay >= addDays(dayOf(now), -STALE_AFTER_DAYS)) return undefined;
  if (sourceReachable === false) return `Newest papers are from ${newestDay}; the bot cannot reach Hugging Face.`;
  if (sourceReachable === undefined) return `Newest papers are from ${newestDay} (offline data).`;
  // Reached, with nothing newer (a weekend, a holiday): the papers are as new as there are.
  return undefined;
}
