import { codeSpans, paperNumber, type Reply, type ReplyPaper } from '../../src/commands/reply.js';
import { oneLineSummary, shortAuthors } from '../../src/papers/present.js';

/** Control characters (and so ANSI escapes) in untrusted text could rewrite the terminal. */
export function plain(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** The core's text with its code spans shown bare: a terminal has no code style, and backticks would be typed along. */
function text(value: string): string {
  return plain(codeSpans(value).map((part) => part.text).join(''));
}

function renderPaper(item: ReplyPaper, rank: number | undefined): string[] {
  const { paper } = item;
  const byline = [shortAuthors(paper), paper.organization].filter(Boolean).join(' · ');
  const links = [
    paper.links.hf,
    paper.links.arxiv && `arXiv ${paper.links.arxiv}`,
    paper.links.pdf && `PDF ${paper.links.pdf}`,
    paper.githubRepo && `code ${paper.githubRepo}${paper.githubStars ? ` (★ ${paper.githubStars})` : ''}`,
  ].filter(Boolean);
  const lines = [`${rank === undefined ? '' : `${String(rank).padStart(2)}. `}▲${paper.upvotes}  ${plain(paper.title)}`];
  if (byline) lines.push(`    ${plain(byline)}`);
  lines.push(`    ${plain(oneLineSummary(paper))}`);
  if (item.topic) lines.push(`    topic: ${plain(item.topic)}`);
  if (item.reasons.length > 0) {
    lines.push(`    matched ${item.reasons.map((r) => `${r.field}: ${r.terms.map(plain).join(', ')}`).join('; ')}`);
  }
  if (links.length > 0) lines.push(`    ${links.map((l) => plain(String(l))).join(' · ')}`);
  return lines;
}

/** A reply as readable text: heading, papers with their reasons and links, notes, the next page. */
export function renderText(reply: Reply, commandName: string): string {
  const actor = reply.actor ? `@${plain(reply.actor.name)} ` : '';
  const heading = reply.kind === 'error' ? `✗ ${text(reply.heading)}` : `${actor}${text(reply.heading)}`;
  const lines = [heading];
  if (reply.notice) lines.push(`⚠ ${text(reply.notice)}`);
  reply.papers.forEach((item, i) => lines.push('', ...renderPaper(item, paperNumber(reply, i))));
  if (reply.notes.length > 0) lines.push('', ...reply.notes.map(text));
  if (reply.more) lines.push('', `More: ${commandName} ${plain(reply.more.command)}`);
  return lines.join('\n');
}
