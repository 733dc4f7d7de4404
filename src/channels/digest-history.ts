import { z } from 'zod';
import { addDays } from '../papers/days.js';

/**
 * Days of history kept, counted back from the newest Daily Papers day a digest covered. A digest
 * looks back at most `LATE_ADDITION_DAYS` (7) before that day, so older ids can never be offered
 * again and are dropped.
 */
export const HISTORY_DAYS = 30;

const idsByDay = z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.array(z.string()));

/** A channel's digest bookkeeping; written only by digests, read only by digests. */
export const digestHistorySchema = z.object({
  /** Paper ids posted here, by the paper's Daily Papers day. */
  sent: idsByDay,
  /** Paper ids a digest considered and passed over (not offered again), by Daily Papers day. */
  passed: idsByDay,
  /**
   * The last slot whose digest went out, the newest Daily Papers day it covered, and the first
   * day any digest here covered (older days are never looked at).
   */
  lastDigest: z
    .object({
      slot: z.string(),
      throughDay: z.string(),
      sinceDay: z.string(),
      /** How many papers the last slot's digest carried (absent in records older than the count). */
      papers: z.number().int().min(0).optional(),
    })
    .nullable(),
});

export type DigestHistory = z.infer<typeof digestHistorySchema>;

export function emptyHistory(): DigestHistory {
  return { sent: {}, passed: {}, lastDigest: null };
}

/** Every paper id the channel has been sent or has passed over. */
export function knownPaperIds(history: DigestHistory): Set<string> {
  const known = new Set<string>();
  for (const ids of [...Object.values(history.sent), ...Object.values(history.passed)]) for (const id of ids) known.add(id);
  return known;
}

/** What one digest did: its papers sent, the others it considered, and the days it covered. */
export interface DigestOutcome {
  slot: string;
  sent: [id: string, day: string][];
  considered: [id: string, day: string][];
  throughDay: string;
}

/** The history after a digest: safe to apply twice (sets, and the latest slot and day win). */
export function recordDigest(history: DigestHistory, outcome: DigestOutcome): DigestHistory {
  const sentIds = new Set(outcome.sent.map(([id]) => id));
  const sent = addIds(history.sent, outcome.sent);
  const passed = addIds(history.passed, outcome.considered.filter(([id]) => !sentIds.has(id)));
  const last = history.lastDigest;
  const newest = !last || outcome.slot >= last.slot;
  // The same slot recorded again (a part, then the whole) keeps its largest count.
  const papers = !last || outcome.slot > last.slot ? outcome.sent.length : outcome.slot === last.slot ? Math.max(last.papers ?? 0, outcome.sent.length) : last.papers;
  const lastDigest = {
    slot: newest ? outcome.slot : last.slot,
    papers,
    throughDay: last && last.throughDay > outcome.throughDay ? last.throughDay : outcome.throughDay,
    sinceDay: last?.sinceDay ?? outcome.throughDay,
  };
  const keepFrom = addDays(lastDigest.throughDay, -HISTORY_DAYS);
  return { sent: trim(sent, keepFrom), passed: trim(passed, keepFrom), lastDigest };
}

function addIds(byDay: Record<string, string[]>, ids: [string, string][]): Record<string, string[]> {
  const next: Record<string, Set<string>> = {};
  for (const [day, list] of Object.entries(byDay)) next[day] = new Set(list);
  for (const [id, day] of ids) (next[day] ??= new Set()).add(id);
  return Object.fromEntries(Object.entries(next).map(([day, set]) => [day, [...set]]));
}

function trim(byDay: Record<string, string[]>, keepFrom: string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(byDay).filter(([day]) => day >= keepFrom).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The history kept inside the channel record before it had a record of its own: ids by the day
 * they were sent (at or after their paper's day, so kept at least as long as needed).
 */
export function historyFromLegacy(stored: Record<string, unknown>): DigestHistory | undefined {
  const pairs = (value: unknown): [string, string][] =>
    Array.isArray(value) ? value.filter((p): p is [string, string] => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string') : [];
  const delivered = pairs(stored.delivered);
  const passedOver = pairs(stored.passedOver);
  const last = digestHistorySchema.shape.lastDigest.safeParse(stored.lastDigest ?? null);
  if (delivered.length === 0 && passedOver.length === 0 && !(last.success && last.data)) return undefined;
  const lastDigest = last.success ? last.data : null;
  const day = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? d : (lastDigest?.throughDay ?? '1970-01-01'));
  return {
    sent: addIds({}, delivered.map(([id, d]) => [id, day(d)])),
    passed: addIds({}, passedOver.map(([id, d]) => [id, day(d)])),
    lastDigest,
  };
}

export function hasLegacyHistory(stored: unknown): stored is Record<string, unknown> {
  return typeof stored === 'object' && stored !== null && ('delivered' in stored || 'passedOver' in stored || 'lastDigest' in stored);
}
