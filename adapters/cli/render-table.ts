import type { Paper } from '../../src/papers/paper.js';
import { clamp } from '../../src/presentation/clamp.js';
import { reasonsText } from '../../src/presentation/paper-card.js';
import type { SearchHit } from '../../src/search/search-papers.js';

/** A plain-text table of papers for the command line: rank, upvotes, id, title, and why it matched. */
export function renderPaperTable(papers: (Paper | SearchHit)[]): string {
  if (papers.length === 0) return 'No papers.';
  const rows = papers.map((paper, i) => {
    const line = `${String(i + 1).padStart(3)}. ${String(paper.upvotes).padStart(4)}▲  ${(paper.id ?? '—').padEnd(10)}  ${clamp(paper.title, 80)}`;
    const reasons = 'reasons' in paper ? reasonsText(paper.reasons) : undefined;
    return reasons ? `${line}\n${' '.repeat(22)}${reasons}` : line;
  });
  return ['  #  votes  id          title', ...rows].join('\n');
}
