import { canonicalTimeZone } from '../scheduler/schedule-time.js';

/** `9`, `09`, `9:30`, `9.30`, `21`, `21:00`, `9am`, `9:30pm` → `HH:MM`; null when it is not a time of day. */
export function readTimeOfDay(input: string): string | null {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm|a\.m\.|p\.m\.)?$/i.exec(input.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  const half = match[3]?.toLowerCase().replace(/\./g, '');
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * Abbreviations members type, as the zone they most likely mean: a zone that follows daylight
 * saving time, not the fixed-offset legacy zone of the same name (IANA's `CET` and `EST` now point
 * at Brussels and Panama).
 */
const ABBREVIATIONS: Record<string, string> = {
  CET: 'Europe/Berlin', CEST: 'Europe/Berlin', MET: 'Europe/Berlin', MEST: 'Europe/Berlin',
  WET: 'Europe/Lisbon', WEST: 'Europe/Lisbon',
  EET: 'Europe/Athens', EEST: 'Europe/Athens',
  MSK: 'Europe/Moscow',
  PST: 'America/Los_Angeles', PDT: 'America/Los_Angeles', PT: 'America/Los_Angeles',
  MDT: 'America/Denver', MT: 'America/Denver',
  CDT: 'America/Chicago', CT: 'America/Chicago',
  EST: 'America/New_York', EDT: 'America/New_York', ET: 'America/New_York',
  ADT: 'America/Halifax',
  NST: 'America/St_Johns', NDT: 'America/St_Johns',
  AKST: 'America/Anchorage', AKDT: 'America/Anchorage',
  HST: 'Pacific/Honolulu',
  BRT: 'America/Sao_Paulo',
  ART: 'America/Argentina/Buenos_Aires',
  WAT: 'Africa/Lagos', CAT: 'Africa/Maputo', EAT: 'Africa/Nairobi', SAST: 'Africa/Johannesburg',
  PKT: 'Asia/Karachi', ICT: 'Asia/Bangkok', WIB: 'Asia/Jakarta', SGT: 'Asia/Singapore', HKT: 'Asia/Hong_Kong',
  PHT: 'Asia/Manila', JST: 'Asia/Tokyo', KST: 'Asia/Seoul',
  AWST: 'Australia/Perth', ACST: 'Australia/Adelaide', ACDT: 'Australia/Adelaide',
  AEST: 'Australia/Sydney', AEDT: 'Australia/Sydney',
  NZST: 'Pacific/Auckland', NZDT: 'Pacific/Auckland',
};

/** Abbreviations that name zones people in different places mean, with who uses them. */
const AMBIGUOUS: Record<string, [zone: string, where: string][]> = {
  IST: [['Asia/Kolkata', 'India'], ['Europe/Dublin', 'Ireland'], ['Asia/Jerusalem', 'Israel']],
  BST: [['Europe/London', 'UK'], ['Asia/Dhaka', 'Bangladesh']],
  // Arizona keeps MST all year; Colorado's MST turns into MDT in summer.
  MST: [['America/Phoenix', 'Arizona, no daylight saving'], ['America/Denver', 'Colorado and the rest']],
  CST: [['America/Chicago', 'US Central'], ['Asia/Shanghai', 'China'], ['America/Havana', 'Cuba']],
  AST: [['America/Halifax', 'Atlantic'], ['Asia/Riyadh', 'Arabia']],
  GST: [['Asia/Dubai', 'Gulf'], ['Atlantic/South_Georgia', 'South Georgia']],
};

export type ZoneReading =
  | { ok: true; zone: string; abbreviation?: string }
  | { ok: false; candidates?: [zone: string, where: string][] };

/**
 * A time zone as typed: an IANA name in any case (`europe/berlin`), UTC or GMT, or a common
 * abbreviation (`CET`, `PST`), which is read as the zone it most likely means.
 */
export function readTimeZone(input: string): ZoneReading {
  const upper = input.toUpperCase();
  const ambiguous = AMBIGUOUS[upper];
  if (ambiguous) return { ok: false, candidates: ambiguous };
  const meant = ABBREVIATIONS[upper];
  if (meant) return { ok: true, zone: meant, abbreviation: upper };
  const zone = canonicalTimeZone(input);
  return zone ? { ok: true, zone } : { ok: false };
}
