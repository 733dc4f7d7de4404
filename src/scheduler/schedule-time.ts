import { DateTime, IANAZone } from 'luxon';
import type { DigestSchedule } from '../channels/channel-state.js';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const EXTRA_SHORT: Record<number, string[]> = { 2: ['tues'], 3: ['weds'], 4: ['thur', 'thurs'] };
/** A day's name, its three letters, a common short form, or its plural; `monthly` is none of them. */
const DAY_WORDS: Record<string, number> = Object.fromEntries(
  ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].flatMap((name, day) =>
    [name, `${name}s`, name.slice(0, 3), ...(EXTRA_SHORT[day] ?? [])].map((word) => [word, day]),
  ),
);

/** The IANA name of a time zone (`europe/berlin` → `Europe/Berlin`), or null if there is none. */
export function canonicalTimeZone(input: string): string | null {
  if (/^(utc|gmt|z)$/i.test(input)) return 'UTC';
  if (!IANAZone.isValidZone(input)) return null;
  return new Intl.DateTimeFormat('en-US', { timeZone: input }).resolvedOptions().timeZone;
}

/** `weekdays`, `daily`, `weekends`, `mon,wed,fri`, `mon-fri` → day numbers (0 = Sunday); null if unreadable. */
export function parseDays(input: string): number[] | null {
  const text = input.trim().toLowerCase();
  if (text === 'weekdays') return [1, 2, 3, 4, 5];
  if (text === 'daily' || text === 'everyday' || text === 'every-day') return [0, 1, 2, 3, 4, 5, 6];
  if (text === 'weekends') return [0, 6];
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const range = /^([a-z]+)(?:-([a-z]+))?$/.exec(part.trim());
    if (!range) return null;
    const from = DAY_WORDS[range[1]!];
    const to = range[2] ? DAY_WORDS[range[2]] : from;
    if (from === undefined || to === undefined) return null;
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

export function describeDays(days: number[]): string {
  const key = days.join(',');
  if (key === '1,2,3,4,5') return 'weekdays';
  if (key === '0,1,2,3,4,5,6') return 'every day';
  if (key === '0,6') return 'weekends';
  return days.map((d) => DAY_NAMES[d]![0]!.toUpperCase() + DAY_NAMES[d]!.slice(1)).join(', ');
}

/**
 * The one clock of digests: when a schedule's slot falls on a local date, as an instant. Slots are
 * fired, caught up, checked and shown from this function alone. DST rules:
 * - a local time that does not exist that day (spring forward) is due at the first minute after
 *   the gap, the same day (02:30 in Berlin on the last Sunday of March → 03:00 CEST);
 * - a local time that occurs twice (fall back) is due once, at its first occurrence.
 * Written on luxon because the cron libraries tried disagree with both rules (bench/README.md).
 */
export function slotOn(schedule: DigestSchedule, date: { year: number; month: number; day: number }): Date | null {
  const [hour, minute] = schedule.time.split(':').map(Number) as [number, number];
  const zone = IANAZone.create(schedule.timeZone);
  if (!zone.isValid) return null;
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // The offsets in force a day either side cover a change at any hour, midnight included.
  const offsets = [...new Set([zone.offset(wall - 86_400_000), zone.offset(wall), zone.offset(wall + 86_400_000)])].sort((a, b) => a - b);
  const occurrences = offsets
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => {
      const local = DateTime.fromMillis(instant, { zone });
      return local.year === date.year && local.month === date.month && local.day === date.day && local.hour === hour && local.minute === minute;
    });
  if (occurrences.length > 0) return new Date(Math.min(...occurrences));
  // In a gap: the instant the clocks jumped, found among the minutes the gap can span.
  let lo = wall - offsets.at(-1)! * 60_000;
  let hi = wall - offsets[0]! * 60_000;
  const offsetBefore = zone.offset(lo);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (zone.offset(mid) === offsetBefore) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/** The next slot strictly after `after`. */
export function nextSlot(schedule: DigestSchedule, after: Date): Date | null {
  return slotsFrom(schedule, after, 1).find((slot) => slot > after) ?? null;
}

/** The latest slot at or before `at`. */
export function previousSlot(schedule: DigestSchedule, at: Date): Date | null {
  return slotsFrom(schedule, at, -1).find((slot) => slot <= at) ?? null;
}

/** Whether `instant` is a slot of the schedule: a slot fired for an older schedule is not. */
export function isSlotOf(schedule: DigestSchedule, instant: Date): boolean {
  return previousSlot(schedule, instant)?.getTime() === instant.getTime();
}

/** The slots of the local days around `at`, nearest first in `direction`. */
function slotsFrom(schedule: DigestSchedule, at: Date, direction: 1 | -1): Date[] {
  if (schedule.days.length === 0) return [];
  const local = DateTime.fromJSDate(at, { zone: schedule.timeZone }).startOf('day');
  if (!local.isValid) return [];
  const slots: Date[] = [];
  for (let offset = -1; offset <= 8; offset++) {
    const day = local.plus({ days: offset * direction });
    if (!schedule.days.includes(day.weekday % 7)) continue;
    const slot = slotOn(schedule, { year: day.year, month: day.month, day: day.day });
    if (slot) slots.push(slot);
  }
  return slots.sort((a, b) => direction * (a.getTime() - b.getTime()));
}

/** `Mon 1 Dec, 09:00 CET` in the schedule's time zone. */
export function formatSlot(slot: Date, timeZone: string): string {
  return DateTime.fromJSDate(slot, { zone: timeZone }).toFormat('ccc d LLL, HH:mm ZZZZ');
}
