import type { Paper } from '../papers/paper.js';
import type { PaperIndex } from '../search/paper-index.js';
import { distinctiveTerms } from '../search/similar-papers.js';

/** A paper's distinctive terms (those its similar papers are found by), with tf·idf weights scaled to unit length. */
export interface TermVector {
  terms: readonly string[];
  weights: Float64Array;
}

// Every channel of a slot scores the same days' papers: each paper's vector is made once per index.
// A vector keeps the document frequencies of when it was made; a few days more barely move them.
const vectors = new WeakMap<PaperIndex, WeakMap<Paper, TermVector>>();

export function termVector(index: PaperIndex, paper: Paper): TermVector {
  let ofIndex = vectors.get(index);
  if (!ofIndex) vectors.set(index, (ofIndex = new WeakMap()));
  let vector = ofIndex.get(paper);
  if (!vector) ofIndex.set(paper, (vector = unitVector(index, paper)));
  return vector;
}

function unitVector(index: PaperIndex, paper: Paper): TermVector {
  const terms = distinctiveTerms(index, paper);
  const weights = Float64Array.from(terms, (t) => t.weight);
  return { terms: terms.map((t) => t.term), weights: toUnitLength(weights) };
}

/** The weights scaled (in place) so that their squares sum to 1; all zeros stay zeros. */
export function toUnitLength(weights: Float64Array): Float64Array {
  let squares = 0;
  for (const w of weights) squares += w * w;
  const norm = Math.sqrt(squares);
  if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
  return weights;
}
