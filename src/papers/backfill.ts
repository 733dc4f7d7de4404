import type { KeyValue } from '../store.js';
import type { PaperArchive } from './archive.js';
import { addDays, dayOf } from './days.js';
import type { Paper } from './paper.js';

/** Reads one month of Daily Papers (`YYYY-MM`), every page of it. */
export type MonthSource = (month: string, signal?: AbortSignal) => Promise<{ papers: Paper[]; skipped: number }>;

export interface BackfillRange {
  /** First day, `YYYY-MM-DD`. */
  since: string;
  /** Last day, `YYYY-MM-DD`; later days than today are not asked for. */
  until: string;
}

export interface BackfillProgress {
  /** Days of the range covered so far (fetched now or on an earlier run), of `totalDays`. */
  daysDone: number;
  totalDays: number;
  papers: number;
  month: string;
}

export interface BackfillSummary extends BackfillRange {
  days: number;
  papers: number;
  skipped: number;
  monthsFetched: number;
  /** Months a previous run finished, not asked for again. */
  monthsKept: number;
}

/** Votes keep growing for days: a month is only recorded as finished once its last week has settled. */
const SETTLED_AFTER_DAYS = 7;

/**
 * Fills the archive with every Daily Papers day of a range, one month query at a time, oldest
 * first. A month fetched whole is recorded, so a run stopped half-way resumes where it was; the
 * source's pacing and retries make it polite to Hugging Face's rate limit.
 */
export async function backfill(options: {
  archive: PaperArchive;
  markers: KeyValue;
  fetchMonth: MonthSource;
  range: BackfillRange;
  now: Date;
  signal?: AbortSignal;
  onProgress?: (progress: BackfillProgress) => void;
}): Promise<BackfillSummary> {
  const { archive, markers, fetchMonth, now, signal } = options;
  const today = dayOf(now);
  const until = options.range.until < today ? options.range.until : today;
  const since = options.range.since;
  const summary: BackfillSummary = { since, until, days: 0, papers: 0, skipped: 0, monthsFetched: 0, monthsKept: 0 };
  const totalDays = since > until ? 0 : daysBetween(since, until);
  let daysDone = 0;
  for (const month of monthsOf(since, until)) {
    signal?.throwIfAborted();
    const first = maxDay(since, `${month}-01`);
    const last = minDay(until, lastDayOf(month));
    const whole = first === `${month}-01` && last === lastDayOf(month);
    const marker = `month:${month}`;
    if (whole && (await markers.get(marker))) {
      summary.monthsKept++;
    } else {
      const fetched = await fetchMonth(month, signal);
      const inRange = fetched.papers.filter((paper) => paper.dailyDate && paper.dailyDate >= first && paper.dailyDate <= last);
      const imported = await archive.importPapers(inRange, now.toISOString());
      summary.monthsFetched++;
      summary.skipped += fetched.skipped;
      if (whole && addDays(last, SETTLED_AFTER_DAYS) < today) await markers.set(marker, { fetchedAt: now.toISOString(), papers: imported.papers });
    }
    const held = archive.dates().filter((date) => date >= first && date <= last);
    summary.days += held.length;
    summary.papers += held.reduce((sum, date) => sum + archive.papersOn(date).length, 0);
    daysDone += daysBetween(first, last);
    options.onProgress?.({ daysDone, totalDays, papers: summary.papers, month });
  }
  return summary;
}

/** The last day of a month (`YYYY-MM`). */
function lastDayOf(value: string): string {
  const [year, month] = value.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function monthsOf(since: string, until: string): string[] {
  const months: string[] = [];
  for (let month = since.slice(0, 7); month <= until.slice(0, 7); month = nextMonth(month)) months.push(month);
  return months;
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 7);
}

function daysBetween(first: string, last: string): number {
  return Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;
}

const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);
