import type { Paper } from '../papers/paper.js';

/** The AI summary, else the abstract's first sentence; renderers cut it to their room. */
export function summaryOf(paper: Paper): string {
  return paper.aiSummary ?? firstSentence(paper.abstract);
}

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s+[A-Z]|$)/.exec(text);
  return match?.[1] ?? text;
}

/** `Ada Lovelace, Alan Turing, Grace Hopper +4`, or `7 authors` when the names are unknown. */
export function shortAuthors(paper: Paper, max = 3): string {
  if (paper.authors.length === 0) return paper.authorCount > 0 ? `${paper.authorCount} authors` : '';
  const shown = paper.authors.slice(0, max).join(', ');
  const more = Math.max(paper.authorCount, paper.authors.length) - Math.min(max, paper.authors.length);
  return more > 0 ? `${shown} +${more}` : shown;
}
