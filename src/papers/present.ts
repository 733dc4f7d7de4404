import type { Paper } from './paper.js';

/** The AI summary, else the abstract's first sentence, cut to `max` characters. */
export function oneLineSummary(paper: Paper, max = 300): string {
  const text = paper.aiSummary ?? firstSentence(paper.abstract);
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
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
