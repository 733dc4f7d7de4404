import type { Logger } from '../log.js';
import { paperKey, type PaperIndex } from '../search/paper-index.js';
import type { KeyValue } from '../store.js';
import type { StoredDay } from './archive-snapshot.js';
import type { Paper } from './paper.js';

/** What looking up a paper the archive's days lack found. */
export type PaperLookup =
  | { status: 'found'; paper: Paper }
  /** The source answered that it has no such paper. */
  | { status: 'not-on-source' }
  /** The source did not answer in time (down, rate-limited, slow). */
  | { status: 'unreachable'; error: string }
  /** Not in the archive, and no source to ask (offline). */
  | { status: 'not-in-archive' };

export type FetchPaper = (id: string, signal?: AbortSignal) => Promise<Paper | null>;

/** Where the archive's index is, and how to tell the archive its index changed (to be saved). */
export interface LoneIndexing {
  index(): PaperIndex;
  changed(): void;
}

const KEY_PREFIX = 'paper:';
/** The stored index keeps these papers as one more chunk under this name, which is no date. */
export const LONE_PAPERS_CHUNK = 'fetched-alone';

/**
 * Papers fetched one by one (a `paper` command, a shared link) because no stored day lists them,
 * each kept under `paper:{id}`. Not in a day: a day holds a whole Daily Papers day, and one holding
 * a single paper would look fetched and never be fetched whole.
 */
export class LonePapers {
  private readonly papers = new Map<string, Paper>();
  private readonly inFlight = new Map<string, Promise<PaperLookup>>();

  constructor(
    private readonly kv: KeyValue | undefined,
    private readonly fetchPaper: FetchPaper | undefined,
    private readonly indexing: LoneIndexing,
    private readonly logger: Logger,
  ) {}

  /** Reads every kept paper (at start) and indexes those the index lacks; resolves whether there were any. */
  async load(): Promise<boolean> {
    if (!this.kv) return false;
    for await (const [key, paper] of this.kv.entries<Paper>()) {
      if (key.startsWith(KEY_PREFIX) && paper?.id) this.papers.set(paper.id, paper);
    }
    return this.index([...this.papers.values()]);
  }

  /** The kept papers as a chunk of the stored index, before the days so that a day's copy of a paper wins. */
  asChunk(): StoredDay {
    return { date: LONE_PAPERS_CHUNK, fetchedAt: null, papers: [...this.papers.values()] };
  }

  /**
   * The kept paper, else the source's, kept and indexed before it resolves. Callers asking for the
   * same id at once share one request, which runs to its own deadline even when a caller stops waiting.
   */
  lookup(id: string, signal?: AbortSignal): Promise<PaperLookup> {
    const kept = this.papers.get(id);
    if (kept) return Promise.resolve({ status: 'found', paper: kept });
    let shared = this.inFlight.get(id);
    if (!shared) {
      shared = this.fetchAndKeep(id).finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, shared);
    }
    return signal ? untilAborted(shared, signal) : shared;
  }

  private async fetchAndKeep(id: string): Promise<PaperLookup> {
    // Another replica sharing the store may have fetched it already.
    const stored = await this.kv?.get<Paper>(`${KEY_PREFIX}${id}`).catch(() => undefined);
    if (stored) return { status: 'found', paper: await this.keep(stored, false) };
    if (!this.fetchPaper) return { status: 'not-in-archive' };
    let paper: Paper | null;
    try {
      paper = await this.fetchPaper(id);
    } catch (error) {
      return { status: 'unreachable', error: (error as Error).message };
    }
    if (!paper?.id) return { status: 'not-on-source' };
    return { status: 'found', paper: await this.keep(paper, true) };
  }

  private async keep(paper: Paper, store: boolean): Promise<Paper> {
    this.papers.set(paper.id!, paper);
    if (store && this.kv) {
      // The member still gets the paper when the store fails; only the next start lacks it.
      await this.kv.set(`${KEY_PREFIX}${paper.id}`, paper).catch((error: unknown) => {
        this.logger.warn({ id: paper.id, error: (error as Error).message }, 'could not keep a fetched paper in the store');
      });
    }
    await this.index([paper]);
    return paper;
  }

  /** Indexes the papers the index lacks: a day that lists one has indexed its own copy, which wins. */
  private async index(papers: Paper[]): Promise<boolean> {
    const index = this.indexing.index();
    let added = false;
    await index.upsertInTurn(() => {
      const missing = papers.filter((paper) => !index.get(paperKey(paper)));
      added = missing.length > 0;
      if (added) this.indexing.changed();
      return missing;
    });
    return added;
  }
}

/** `work`'s result, or "unreachable" once `signal` aborts first (`work` goes on for its other callers). */
function untilAborted(work: Promise<PaperLookup>, signal: AbortSignal): Promise<PaperLookup> {
  const stopped = (): PaperLookup => ({ status: 'unreachable', error: 'stopped before Hugging Face answered' });
  if (signal.aborted) return Promise.resolve(stopped());
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(stopped());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
