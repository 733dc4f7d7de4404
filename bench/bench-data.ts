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
