import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.js';
import { PaperIndex, paperKey } from '../search/paper-index.js';
import { Lease } from '../storage/lease.js';
import type { KeyValue } from '../store.js';
import { loadArchiveSnapshot, saveArchiveSnapshot, type StoredDay } from './archive-snapshot.js';
import { addDays, dayOf } from './days.js';
import { decodeDay, mergePapers } from './day-records.js';
import { LONE_PAPERS_CHUNK, LonePapers, type PaperLookup } from './lone-papers.js';
import type { Paper } from './paper.js';
import { rankDay } from './rank-day.js';

/** Where days of papers come from: the Hugging Face API in production, a fake in tests. */
export interface PaperSource {
  /** Every paper of one Daily Papers day (YYYY-MM-DD). */
  fetchDay(date: string, signal?: AbortSignal): Promise<{ papers: Paper[]; skipped: number }>;
  /** One paper by arXiv id, whatever its day; null when the source does not have it. */
  fetchPaper?(id: string, signal?: AbortSignal): Promise<Paper | null>;
}

export interface ArchiveOptions {
  source?: PaperSource | undefined;
  refreshRecentDays: number;
  refreshAfterMs: number;
  logger: Logger;
  now?: () => Date;
  /**
   * Where each day's revision is kept, with the refresh lease and the archive's version: with it,
   * a start only reads the days changed since the stored index was written, and replicas sharing
   * the store take turns to refresh.
   */
  revisions?: KeyValue | undefined;
  /** The stored index's file; none when absent. */
  indexFile?: string | undefined;
  /** Names the store (its URL without password, and prefix): a stored index written for another is not used. */
  storeName?: string | undefined;
  /** Where papers fetched one by one are kept: a namespace of their own, read at start without reading every day (none: in memory only). */
  lonePapers?: KeyValue | undefined;
}

export interface ImportSummary {
  papers: number;
  days: number;
  /** Papers with no Daily Papers day, which no day can hold. */
  undated: number;
}

const DAY_KEY = /^day:(\d{4}-\d{2}-\d{2})$/;
const REVISION_KEY = /^rev:(\d{4}-\d{2}-\d{2})$/;
/** Written after every stored day: replicas compare it to learn, in one read, that a day changed. */
const VERSION_KEY = 'version';
/** One replica at a time refreshes from Hugging Face; longer than any refresh's deadline. */
const REFRESH_LEASE_MS = 60_000;
/** A first start fetches this many days, so `week` and a first digest after a weekend have data. */
const BACKFILL_DAYS = 7;

/**
 * Fetched days kept in the store, so a restart does not refetch history, mirrored in memory
 * with a search index. Recent days are refetched when stale because upvotes keep growing.
 */
export class PaperArchive {
  private searchIndex = new PaperIndex();
  private readonly days = new Map<string, StoredDay>();
  private readonly now: () => Date;
  private refreshing: Promise<{ refreshed: string[]; failed: string[] }> | undefined;
  private lastRefreshOk: boolean | undefined;
  private readonly refreshLease: Lease | undefined;
  private seenVersion: string | undefined;
  /** Days stored since the stored index was last written. */
  private unsaved = false;
  private saving: Promise<number> | undefined;
  private readonly lone: LonePapers;

  constructor(private readonly kv: KeyValue, private readonly options: ArchiveOptions) {
    this.now = options.now ?? (() => new Date());
    const indexing = { index: () => this.searchIndex, changed: () => void (this.unsaved = true) };
    this.lone = new LonePapers(options.lonePapers, options.source?.fetchPaper?.bind(options.source), indexing, options.logger);
    if (options.revisions) this.refreshLease = new Lease(options.revisions, 'refresh-lease', REFRESH_LEASE_MS);
  }

  get index(): PaperIndex {
    return this.searchIndex;
  }

  /**
   * Opens the stored index and reads only the days whose revision changed since it was written;
   * without one, reads every stored day and indexes them. Resolves whether the stored index is
   * behind the store (then `saveIndex` is worth calling).
   */
  async load(): Promise<boolean> {
    this.seenVersion = await this.options.revisions?.get<string>(VERSION_KEY);
    const revisions = await this.readRevisions();
    const stored = this.options.indexFile && revisions ? this.openSnapshot(this.options.indexFile, revisions) : undefined;
    if (stored) {
      for (const day of stored.days) if (day.date !== LONE_PAPERS_CHUNK) this.days.set(day.date, day);
      this.searchIndex = stored.index;
      const behind = [...revisions!].filter(([date, rev]) => this.days.get(date)?.rev !== rev).map(([date]) => date);
      const days = (await Promise.all(behind.map((date) => this.readDay(date)))).filter((day) => day?.papers);
      this.takeDays(days as StoredDay[]);
      this.unsaved = (await this.lone.load()) || days.length > 0;
      return this.unsaved;
    }
    const days: StoredDay[] = [];
    for await (const [key, stored] of this.kv.entries<StoredDay | string>()) {
      const day = DAY_KEY.test(key) ? decodeDay(stored) : undefined;
      if (day?.papers) days.push(day);
    }
    this.takeDays(days);
    await this.lone.load();
    this.unsaved = Boolean(this.options.indexFile);
    return this.unsaved;
  }

  /** Writes the stored index, if there were changes since it was last written; resolves its size in bytes. */
  saveIndex(): Promise<number> {
    this.saving ??= this.saveOnce().finally(() => {
      this.saving = undefined;
    });
    return this.saving;
  }

  /** Writes the stored index if days changed since it was (a stop cut short leaves the previous file whole). */
  async close(): Promise<void> {
    await this.saveIndex();
    if (this.unsaved) await this.saveIndex();
  }

  private async saveOnce(): Promise<number> {
    const file = this.options.indexFile;
    if (!file || !this.unsaved) return 0;
    return this.searchIndex.whileNoWrites(async () => {
      this.unsaved = false;
      try {
        const chunks = [this.lone.asChunk(), ...this.dates().map((date) => this.days.get(date)!)];
        return await saveArchiveSnapshot(file, this.options.storeName ?? '', chunks, this.searchIndex);
      } catch (error) {
        this.unsaved = true;
        this.options.logger.warn({ file, error: (error as Error).message }, 'could not write the stored index; the next start rebuilds what it lacks');
        return 0;
      }
    });
  }

  /**
   * Takes in the days another replica stored since the last call (one read when none changed):
   * replicas sharing a store fetch each day once and all answer with it. Resolves the days taken.
   */
  async syncFromStore(): Promise<string[]> {
    const revisions = this.options.revisions;
    if (!revisions) return [];
    const version = await revisions.get<string>(VERSION_KEY);
    if (version === undefined || version === this.seenVersion) return [];
    const changed = [...((await this.readRevisions()) ?? [])].filter(([date, rev]) => this.days.get(date)?.rev !== rev);
    const taken: string[] = [];
    for (const [date] of changed) {
      const day = await this.readDay(date);
      if (!day?.papers || day.rev === this.days.get(date)?.rev) continue;
      await this.remember(day);
      taken.push(date);
    }
    // Only once every changed day was read: a failed read is tried again at the next call.
    this.seenVersion = version;
    return taken;
  }

  /**
   * The stored index, when it was written for this store and the store still holds every day it
   * has a revision of (a store wiped or swapped since is rebuilt from, not trusted).
   */
  private openSnapshot(file: string, revisions: Map<string, string>): ReturnType<typeof loadArchiveSnapshot> {
    try {
      const stored = loadArchiveSnapshot(file, this.options.storeName ?? '');
      if (stored?.days.every((day) => day.rev === undefined || revisions.has(day.date))) return stored;
      if (stored) this.options.logger.warn({ file }, 'the stored index holds days this store does not; rebuilding it');
      return undefined;
    } catch (error) {
      this.options.logger.warn({ file, error: (error as Error).message }, 'could not read the stored index; rebuilding it');
      return undefined;
    }
  }

  /** Each stored day's revision; undefined without a place for them. */
  private async readRevisions(): Promise<Map<string, string> | undefined> {
    if (!this.options.revisions) return undefined;
    const out = new Map<string, string>();
    for await (const [key, rev] of this.options.revisions.entries<string>()) {
      const date = REVISION_KEY.exec(key)?.[1];
      if (date) out.set(date, rev);
    }
    return out;
  }

  /** Holds `days` and indexes them in one batch (at start: nothing is served yet). */
  private takeDays(days: StoredDay[]): void {
    // Oldest first, indexed in one batch: a paper listed on several days is indexed once, as of its latest day.
    days.sort((a, b) => a.date.localeCompare(b.date));
    for (const day of days) this.days.set(day.date, day);
    this.searchIndex.upsert(days.flatMap((day) => this.latestOf(day)));
  }

  /**
   * Whether the last refresh reached Hugging Face: undefined when there is no source (offline
   * files) or none was tried yet.
   */
  get sourceReachable(): boolean | undefined {
    return this.lastRefreshOk;
  }

  get hasPapers(): boolean {
    return this.searchIndex.size > 0;
  }

  /** Days held, oldest first. */
  dates(): string[] {
    return [...this.days.keys()].sort();
  }

  /** The latest day that has papers, on or before `onOrBefore` when given. */
  latestDate(onOrBefore?: string): string | undefined {
    return this.dates()
      .filter((date) => (this.days.get(date)?.papers.length ?? 0) > 0 && (!onOrBefore || date <= onOrBefore))
      .at(-1);
  }

  /** A day's papers in the day's ranking. */
  papersOn(date: string): Paper[] {
    return this.days.get(date)?.papers ?? [];
  }

  /** Papers of the days from `from` to `to`, both included, each once. */
  papersBetween(from: string, to: string): Paper[] {
    // A paper listed on several of these days counts once, as of its latest day (as in the index).
    const byKey = new Map<string, Paper>();
    for (const date of this.dates().filter((day) => day >= from && day <= to)) {
      for (const paper of this.papersOn(date)) {
        const key = paper.id ?? paper.title;
        byKey.delete(key);
        byKey.set(key, paper);
      }
    }
    return [...byKey.values()];
  }

  findPaper(id: string): Paper | undefined {
    return this.searchIndex.get(id);
  }

  /** The archive's paper, else the source's, which the archive then keeps (stored and indexed). */
  lookupPaper(id: string, signal?: AbortSignal): Promise<PaperLookup> {
    const held = this.findPaper(id);
    return held ? Promise.resolve({ status: 'found', paper: held }) : this.lone.lookup(id, signal);
  }

  /**
   * Stores papers under their Daily Papers day, merged with what the day already holds.
   * `fetchedAt` marks papers read from Hugging Face (a backfill) rather than from files.
   */
  async importPapers(papers: Paper[], fetchedAt: string | null = null): Promise<ImportSummary> {
    const byDay = new Map<string, Paper[]>();
    let undated = 0;
    for (const paper of papers) {
      if (!paper.dailyDate) {
        undated++;
        continue;
      }
      byDay.set(paper.dailyDate, [...(byDay.get(paper.dailyDate) ?? []), paper]);
    }
    for (const [date, dayPapers] of byDay) await this.storeDay(date, dayPapers, fetchedAt);
    return { papers: papers.length - undated, days: byDay.size, undated };
  }

  /** Reads the day from the source and stores it; throws when the source fails. */
  async fetchDay(date: string, signal?: AbortSignal): Promise<Paper[]> {
    if (!this.options.source) throw new Error('no paper source is configured');
    const fetched = await this.options.source.fetchDay(date, signal);
    await this.storeDay(date, fetched.papers, this.now().toISOString());
    return this.papersOn(date);
  }

  /**
   * Refetches the last few days when older than the configured age, and fetches any day of the
   * last week the archive has never had. A failing source is logged and the archive keeps what it
   * has: callers always get an answer.
   */
  refreshRecent(signal?: AbortSignal): Promise<{ refreshed: string[]; failed: string[] }> {
    // Many slots firing at once share one refresh, cut short by the first caller's signal; a later
    // caller stops waiting at its own deadline and is told every day failed (the archive serves).
    this.refreshing ??= this.refreshInTurn(signal).finally(() => {
      this.refreshing = undefined;
    });
    if (!signal) return this.refreshing;
    return waitUntil(this.refreshing, signal, () => ({ refreshed: [], failed: this.windowDates() }));
  }

  /** On a shared store, one replica refreshes at a time; the next finds the days fresh and only reads them. */
  private async refreshInTurn(signal?: AbortSignal): Promise<{ refreshed: string[]; failed: string[] }> {
    if (!this.refreshLease || !this.options.source) return this.refreshOnce(signal);
    const leased = AbortSignal.timeout(REFRESH_LEASE_MS - 5_000);
    const bounded = signal ? AbortSignal.any([signal, leased]) : leased;
    let taken = false;
    try {
      taken = await this.refreshLease.take(bounded);
    } catch (error) {
      this.options.logger.warn({ error: (error as Error).message }, 'could not take the refresh lease; refreshing anyway');
      return this.refreshOnce(bounded);
    }
    if (!taken) return { refreshed: [], failed: this.windowDates() };
    try {
      return await this.refreshOnce(bounded);
    } finally {
      await this.refreshLease.release().catch(() => undefined);
    }
  }

  private async refreshOnce(signal?: AbortSignal): Promise<{ refreshed: string[]; failed: string[] }> {
    const refreshed: string[] = [];
    const failed: string[] = [];
    if (!this.options.source) return { refreshed, failed };
    const window = this.windowDates();
    for (const [i, date] of window.entries()) {
      if (signal?.aborted) {
        failed.push(...window.slice(i));
        break;
      }
      const recent = i >= window.length - this.options.refreshRecentDays;
      const stored = (await this.readDay(date).catch(() => undefined)) ?? this.days.get(date);
      if (stored) await this.remember(stored);
      // Older days of the window are only fetched when the archive has never had them (a first start).
      if (!recent && stored) continue;
      const age = stored?.fetchedAt ? this.now().getTime() - Date.parse(stored.fetchedAt) : Infinity;
      if (recent && age < this.options.refreshAfterMs) continue;
      try {
        await this.fetchDay(date, signal);
        refreshed.push(date);
      } catch (error) {
        if (!signal?.aborted) this.options.logger.warn({ date, error: (error as Error).message }, 'could not refresh a recent day; using the archive');
        // Cut short, or the source is down (waiting out every other day's retries would only delay the answer).
        failed.push(...window.slice(i));
        break;
      }
    }
    if (!signal?.aborted) this.lastRefreshOk = failed.length === 0;
    return { refreshed, failed };
  }

  /** The last week (or more recent days, if configured so), oldest first. */
  private windowDates(): string[] {
    const today = dayOf(this.now());
    return Array.from({ length: Math.max(BACKFILL_DAYS, this.options.refreshRecentDays) }, (_, back) => addDays(today, -back)).reverse();
  }

  private async storeDay(date: string, papers: Paper[], fetchedAt: string | null): Promise<void> {
    const existing = this.days.get(date);
    const merged = mergePapers(existing?.papers ?? [], papers.map((paper) => ({ ...paper, dailyDate: date })));
    const day: StoredDay = { date, fetchedAt: fetchedAt ?? existing?.fetchedAt ?? null, papers: rankDay(merged), rev: randomUUID() };
    const revisions = this.options.revisions;
    // The revision first: a crash before the day is written leaves a revision no stored index has,
    // so the next start reads the day again rather than trusting a stale copy.
    await revisions?.set(`rev:${date}`, day.rev);
    await this.kv.set(`day:${date}`, JSON.stringify(day));
    await revisions?.set(VERSION_KEY, randomUUID());
    await this.remember(day);
  }

  private async readDay(date: string): Promise<StoredDay | undefined> {
    return decodeDay(await this.kv.get<StoredDay | string>(`day:${date}`));
  }

  private async remember(day: StoredDay): Promise<void> {
    if (day.rev !== undefined && day.rev === this.days.get(day.date)?.rev) return;
    // Inside the index's turn, so a stored index being written never holds a day its index lacks.
    await this.searchIndex.upsertInTurn(() => {
      this.days.set(day.date, day);
      this.unsaved = true;
      return this.latestOf(day);
    });
  }

  /** A day's papers that no later day lists: a paper is indexed as of its latest day, in whatever order days arrive. */
  private latestOf(day: StoredDay): Paper[] {
    return day.papers.filter((paper) => {
      const indexed = this.searchIndex.get(paperKey(paper))?.dailyDate;
      return !indexed || indexed <= day.date;
    });
  }
}

/** `work`'s result, or `gaveUp()`'s once `signal` aborts first; `work` goes on for its other callers. */
function waitUntil<T>(work: Promise<T>, signal: AbortSignal, gaveUp: () => T): Promise<T> {
  if (signal.aborted) return Promise.resolve(gaveUp());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => resolve(gaveUp());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
