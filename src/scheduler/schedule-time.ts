import { DateTime, IANAZone } from 'luxon';
import type { DigestSchedule } from '../channels/channel-state.js';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The IANA name of a time zone (`europe/berlin` → `Europe/Berlin`), or null if there is none. */
export function canonicalTimeZone(input: string): string | null {
  if (/^(utc|gmt|z)$/i.test(input)) return 'UTC';
  if (!IANAZone.isValidZone(input)) return null;
  return new Intl.DateTimeFormat('en-US', { timeZone: input }).resolvedOptions().timeZone;
}

/** `09:00`, `9:00`, `9am`, `21:30` → `HH:MM`; null when it is not a time of day. */
export function parseTimeOfDay(input: string): string | null {
  const match = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(input.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  const half = match[3]?.toLowerCase();
  if (!match[2] && !half) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** `weekdays`, `daily`, `weekends`, `mon,wed,fri`, `mon-fri` → day numbers (0 = Sunday); null if unreadable. */
export function parseDays(input: string): number[] | null {
  const text = input.trim().toLowerCase();
  if (text === 'weekdays') return [1, 2, 3, 4, 5];
  if (text === 'daily' || text === 'everyday' || text === 'every-day') return [0, 1, 2, 3, 4, 5, 6];
  if (text === 'weekends') return [0, 6];
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const range = /^([a-z]{3})[a-z]*(?:-([a-z]{3})[a-z]*)?$/.exec(part.trim());
    if (!range) return null;
    const from = DAY_NAMES.indexOf(range[1]!);
    const to = range[2] ? DAY_NAMES.indexOf(range[2]) : from;
    if (from < 0 || to < 0) return null;
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

/** The cron expression node-cron runs the schedule with, in the schedule's own time zone. */
export function cronExpression(schedule: DigestSchedule): string {
  const [hour, minute] = schedule.time.split(':').map(Number);
  return `${minute} ${hour} * * ${schedule.days.join(',')}`;
}

/** The next slot strictly after `after`, as an instant. */
export function nextSlot(schedule: DigestSchedule, after: Date): Date | null {
  return slotsAround(schedule, after, 1).find((slot) => slot > after) ?? null;
}

/** The latest slot at or before `at`, as an instant. */
export function previousSlot(schedule: DigestSchedule, at: Date): Date | null {
  return slotsAround(schedule, at, -1).find((slot) => slot <= at) ?? null;
}

function slotsAround(schedule: DigestSchedule, at: Date, direction: 1 | -1): Date[] {
  if (schedule.days.length === 0) return [];
  const [hour, minute] = schedule.time.split(':').map(Number);
  const local = DateTime.fromJSDate(at, { zone: schedule.timeZone }).startOf('day');
  const slots: Date[] = [];
  for (let offset = -1; offset <= 8; offset++) {
    const day = local.plus({ days: offset * direction });
    if (!schedule.days.includes(day.weekday % 7)) continue;
    slots.push(day.set({ hour, minute }).toJSDate());
  }
  return direction === 1 ? slots.sort((a, b) => +a - +b) : slots.sort((a, b) => +b - +a);
}

/** `Mon 1 Dec, 09:00 CET` in the schedule's time zone. */
export function formatSlot(slot: Date, timeZone: string): string {
  return DateTime.fromJSDate(slot, { zone: timeZone }).toFormat('ccc d LLL, HH:mm ZZZZ');
}
