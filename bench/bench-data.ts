import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadPaperFiles } from '../src/papers/files.js';
import type { Paper } from '../src/papers/paper.js';

const ROOT = join(import.meta.dirname, '..');
const SHARED = join(ROOT, '..', 'shared', 'fixtures', 'hf');
const LOCAL = join(ROOT, 'test', 'fixtures', 'hf');

/** Every distinct real paper (the large shared set when present, else the test copies). */
export async function realPapers(): Promise<{ papers: Paper[]; source: string }> {
  const source = existsSync(SHARED) ? SHARED : LOCAL;
  const { papers } = await loadPaperFiles([source]);
  const byId = new Map<string, Paper>();
  for (const paper of papers) if (paper.id && !byId.has(paper.id)) byId.set(paper.id, paper);
  return { papers: [...byId.values()], source };
}

/** The real papers, padded to `count` with renamed copies (new id, title marked). */
export function padTo(papers: Paper[], count: number): Paper[] {
  const out = [...papers];
  for (let copy = 1; out.length < count; copy++) {
    for (const paper of papers) {
      if (out.length >= count) break;
      const id = `${paper.id}-c${copy}`;
      out.push({ ...paper, id, title: `${paper.title} (copy ${copy})` });
    }
  }
  return out;
}

/** A seeded generator, so every run draws the same queries. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `count` queries drawn from the papers' real AI keywords. */
export function keywordQueries(papers: Paper[], count: number, seed = 42): string[] {
  const keywords = [...new Set(papers.flatMap((p) => p.aiKeywords))].filter((k) => /[a-z]{3}/i.test(k) && k.length <= 60);
  const random = seeded(seed);
  return Array.from({ length: count }, () => keywords[Math.floor(random() * keywords.length)]!);
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const QUERY_KINDS = ['word', 'phrase', 'excluded', 'or', 'prefix', 'author'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/**
 * `perKind` queries of each kind people type, drawn from the papers' real keywords and authors:
 * plain words (a keyword unquoted), `"a phrase"`, `word -"a phrase"`, `a OR b`, `prefix*`
 * (the first 4 to 8 letters of a keyword's word) and `author:name` or `author:"first last"`.
 */
export function mixedQueries(papers: Paper[], perKind: number, seed = 42): { kind: QueryKind; text: string }[] {
  const keywords = [...new Set(papers.flatMap((p) => p.aiKeywords))].filter((k) => /^[a-z][a-z -]{2,59}$/i.test(k));
  const phrases = keywords.filter((k) => k.trim().split(/\s+/).length >= 2);
  const words = [...new Set(keywords.flatMap((k) => k.toLowerCase().split(/[\s-]+/)))].filter((w) => w.length >= 4);
  const authors = [...new Set(papers.flatMap((p) => p.authors))].filter((a) => /^[a-z]+ [a-z]+$/i.test(a));
  const longWords = words.filter((w) => w.length >= 6);
  const random = seeded(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const make: Record<QueryKind, () => string> = {
    word: () => pick(keywords),
    phrase: () => `"${pick(phrases)}"`,
    excluded: () => `${pick(words)} -"${pick(phrases)}"`,
    or: () => `${pick(words)} OR ${pick(words)}`,
    prefix: () => {
      const word = pick(longWords);
      return `${word.slice(0, 4 + Math.floor(random() * Math.min(5, word.length - 4)))}*`;
    },
    author: () => (random() < 0.5 ? `author:${pick(authors).split(' ')[1]}` : `author:"${pick(authors)}"`),
  };
  return Array.from({ length: perKind }, () => QUERY_KINDS.map((kind) => ({ kind, text: make[kind]() }))).flat();
}
