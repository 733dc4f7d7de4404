import { PaperIndex, type PaperIndexState } from '../search/paper-index.js';
import { readSnapshot, writeSnapshot, type StoredArray } from '../storage/snapshot-file.js';
import type { Paper } from './paper.js';

/**
 * The archive's days with their built search index, in one file beside the store: a start reads it
 * instead of indexing every paper again, then catches up on the days whose revision changed since.
 * Bump FORMAT whenever what is stored or how it is indexed changes: an older file is then rebuilt.
 */
const FORMAT = 5;

/** A day as the archive keeps it. */
export interface StoredDay {
  date: string;
  /** When the source was last read for this day; null for days imported from files. */
  fetchedAt: string | null;
  papers: Paper[];
  /** Changes with every write of the day, so a stored index knows which days it is behind on. */
  rev?: string;
}

interface Meta {
  /** The store it was written for. */
  store: string;
  days: { date: string; fetchedAt: string | null; rev?: string }[];
  keys: string[];
  stems: string[];
  forms: string[];
  acronyms: [string, string[]][];
  terms: string[][];
  fields: number;
}

/** Writes the days (one JSON text each) and the index's arrays; the index must not change until it resolves. */
export async function saveArchiveSnapshot(path: string, store: string, days: StoredDay[], index: PaperIndex): Promise<number> {
  const state = index.exportState();
  const { inverted } = state;
  const arrays: Record<string, StoredArray> = {
    alive: inverted.alive,
    pool: inverted.pool,
    poolSlack: new Int32Array(inverted.poolSlack ?? 0),
    formCounts: state.forms.counts,
    sortedForms: state.forms.sorted,
  };
  inverted.postings.forEach((postings, field) => {
    arrays[`docs${field}`] = postings.docs;
    arrays[`offsets${field}`] = postings.offsets;
    arrays[`runs${field}`] = postings.runs;
    arrays[`counts${field}`] = inverted.counts[field]!;
    arrays[`lengths${field}`] = inverted.lengths[field]!;
  });
  const meta: Meta = {
    store,
    days: days.map(({ date, fetchedAt, rev }) => ({ date, fetchedAt, rev })),
    keys: state.keys,
    stems: state.forms.stems,
    forms: state.forms.forms,
    acronyms: state.acronyms,
    terms: inverted.terms,
    fields: inverted.postings.length,
  };
  return writeSnapshot(path, FORMAT, meta, arrays, (function* () {
    for (const day of days) yield JSON.stringify(day.papers);
  })());
}

/** The days and their index as last saved; undefined when there is no usable file. */
export function loadArchiveSnapshot(path: string, store: string): { days: StoredDay[]; index: PaperIndex } | undefined {
  const snapshot = readSnapshot<Meta, Paper[]>(path, FORMAT, (text) => JSON.parse(text) as Paper[]);
  if (!snapshot || snapshot.meta.store !== store || snapshot.chunks.length !== snapshot.meta.days.length) return undefined;
  const { meta, arrays, chunks } = snapshot;
  const days: StoredDay[] = meta.days.map((day, i) => ({ ...day, papers: chunks[i]! }));
  const fields = Array.from({ length: meta.fields }, (_, field) => field);
  const state: PaperIndexState = {
    keys: meta.keys,
    forms: { stems: meta.stems, forms: meta.forms, counts: arrays.formCounts as Int32Array, sorted: arrays.sortedForms as Int32Array },
    acronyms: meta.acronyms,
    inverted: {
      terms: meta.terms,
      counts: fields.map((field) => arrays[`counts${field}`] as Int32Array),
      postings: fields.map((field) => ({ docs: arrays[`docs${field}`] as Int32Array, offsets: arrays[`offsets${field}`] as Uint32Array, runs: arrays[`runs${field}`] as Uint8Array })),
      lengths: fields.map((field) => arrays[`lengths${field}`] as Int32Array),
      alive: arrays.alive as Uint8Array,
      // The pool and the free room written after it are one run of the file's buffer.
      pool: new Int32Array(arrays.pool!.buffer, arrays.pool!.byteOffset, arrays.pool!.length + (arrays.poolSlack!.byteOffset === arrays.pool!.byteOffset + arrays.pool!.byteLength ? arrays.poolSlack!.length : 0)),
      poolLength: arrays.pool!.length,
    },
  };
  const index = PaperIndex.fromState(state, days.flatMap((day) => day.papers));
  return index && { days, index };
}
