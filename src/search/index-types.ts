import type { PackedPostings } from './field-postings.js';

export interface TermQuery {
  /**
   * Normalised terms; with `prefix`, folded unstemmed word beginnings instead, each matching every
   * indexed word form that starts with it.
   */
  terms: string[];
  fields: number[];
  prefix?: boolean;
  /** Folded word forms the term must be written as (a phrase's words as typed); any form when absent. */
  forms?: string[];
  /** The folded form the word was typed as (a plain word matches every form; ranking prefers this one). */
  typed?: string;
}

/** Words that must all be in a document; with `phrase`, together and in order in one value of one field. */
export interface Alternative {
  words: TermQuery[];
  phrase: boolean;
  /** How much its scores count, 1 when absent. */
  weight?: number;
}

/** An index's whole state as typed arrays and term lists, per field where it is per field. */
export interface IndexState {
  terms: string[][];
  counts: Int32Array[];
  postings: PackedPostings[];
  lengths: Int32Array[];
  alive: Uint8Array;
  /** The occurrences; a stored pool may be longer, its tail free for later additions. */
  pool: Int32Array;
  /** Free room to store after the pool (the stored index writes it, so later additions need no copy). */
  poolSlack?: number;
  /** How much of `pool` is used, when it holds free room. */
  poolLength?: number;
}

export interface WordFeatures {
  exactScore: number;
  adjacentPairs: number;
  /** Per field, how many of the words it holds (in any form). */
  perField: number[];
}

export interface FieldMatch {
  field: number;
  term: string;
}
