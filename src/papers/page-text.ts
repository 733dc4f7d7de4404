import { collapseWhitespace, paperLinks, type Paper } from './paper.js';

export interface PageText {
  /** The page's own Daily Papers date, e.g. `2025-11-27`. */
  pageDate: string | null;
  papers: Paper[];
}

export interface PageTextOptions {
  /**
   * The year of the page. The page prints a year only for dates outside its own year, so by
   * default it is taken as the year after the latest year printed on it.
   */
  year?: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const month = `(${MONTHS.join('|')})`;
const DATE_LINE = new RegExp(`^${month} (\\d{1,2})(?:, (\\d{4}))?(?: (\\d+))?$`);
const AUTHORS_LINE = /^•\s*(\d+)\s+authors?$/;
const SEPARATOR = '·';
const GITHUB_URL = /https?:\/\/github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+/g;

/**
 * Parses the text rendering of the Hugging Face papers page: a header ending in the page date,
 * then per paper a title line, an abstract paragraph and, for most, a metadata block
 * (`• N authors` or an organisation line, `·`, `Mon D[, YYYY] [upvotes]`).
 */
export function parsePageText(text: string, options: PageTextOptions = {}): PageText {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const headerEnd = lines.findIndex((line) => /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}$/.test(line));
  const body = lines.slice(headerEnd + 1);
  const year = options.year ?? inferPageYear(body);
  const pageDate = headerEnd >= 0 ? toIsoDate(lines[headerEnd]!, year) : null;

  const papers: Paper[] = [];
  let i = 0;
  while (i + 1 < body.length) {
    const title = body[i]!;
    const abstract = body[i + 1]!;
    const hasMeta = body[i + 3] === SEPARATOR && DATE_LINE.test(body[i + 4] ?? '');
    if (hasMeta) {
      papers.push(toPaper(title, abstract, body[i + 2]!, body[i + 4]!, year, pageDate));
      i += 5;
    } else {
      papers.push(toPaper(title, abstract, null, null, year, pageDate));
      i += 2;
    }
  }
  return { pageDate, papers };
}

function toPaper(
  title: string,
  abstract: string,
  byline: string | null,
  dateLine: string | null,
  year: number,
  pageDate: string | null,
): Paper {
  const authorCount = byline ? Number(AUTHORS_LINE.exec(byline)?.[1] ?? 0) : 0;
  const organization = byline && !AUTHORS_LINE.test(byline) ? organizationName(byline) : null;
  const date = dateLine ? DATE_LINE.exec(dateLine) : null;
  const github = [...abstract.matchAll(GITHUB_URL)].map((m) => m[0].replace(/[.]+$/, ''));
  return {
    id: null,
    title: collapseWhitespace(title),
    abstract: collapseWhitespace(abstract),
    authors: [],
    authorCount,
    organization,
    upvotes: date?.[4] ? Number(date[4]) : 0,
    comments: 0,
    githubRepo: github[0] ?? null,
    githubStars: null,
    projectPage: null,
    thumbnail: null,
    aiSummary: null,
    aiKeywords: [],
    arxivDate: date ? isoDate(Number(date[3] ?? year), date[1]!, Number(date[2])) : null,
    dailyDate: pageDate,
    links: paperLinks(null),
  };
}

/** `openbmb OpenBMB` is the organisation's handle then its display name. */
function organizationName(line: string): string {
  const space = line.indexOf(' ');
  return space > 0 ? line.slice(space + 1).trim() : line;
}

function inferPageYear(lines: string[]): number {
  let latest = 0;
  for (const line of lines) {
    const printed = DATE_LINE.exec(line)?.[3];
    if (printed) latest = Math.max(latest, Number(printed));
  }
  return latest > 0 ? latest + 1 : new Date().getUTCFullYear();
}

function toIsoDate(line: string, year: number): string | null {
  const match = /^(\w{3}) (\d{1,2})$/.exec(line);
  return match ? isoDate(year, match[1]!, Number(match[2])) : null;
}

function isoDate(year: number, monthName: string, day: number): string {
  const monthNumber = MONTHS.indexOf(monthName) + 1;
  return `${year}-${String(monthNumber).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
