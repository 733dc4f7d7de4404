import type { Paper } from '../papers/paper.js';
import type { SearchHit } from '../search/search-papers.js';

/** A plain-text table of papers for a terminal: rank, upvotes, id, title, and why it matched. */
export function renderPaperTable(papers: (Paper | SearchHit)[]): string {
  if (papers.length === 0) return 'No papers.';
  const rows = papers.map((paper, i) => {
    const title = paper.title.length > 80 ? `${paper.title.slice(0, 79)}…` : paper.title;
    const line = `${String(i + 1).padStart(3)}. ${String(paper.upvotes).padStart(4)}▲  ${(paper.id ?? '—').padEnd(10)}  ${title}`;
    const reasons = 'reasons' in paper && paper.reasons.length > 0
      ? `\n${' '.repeat(22)}matched ${paper.reasons.map((r) => `${r.field}: ${r.terms.join(', ')}`).join('; ')}`
      : '';
    return line + reasons;
  });
  return ['  #  votes  id          title', ...rows].join('\n');
}
