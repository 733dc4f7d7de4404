import { hfDailyItemSchema, hfPaperSchema, type HfDailyItem } from './hf-schema.js';
import { collapseWhitespace, normalizePaperId, paperLinks, type Paper } from './paper.js';

export interface SkippedItem {
  index: number;
  reason: string;
}

export interface NormalizedItems {
  papers: Paper[];
  skipped: SkippedItem[];
}

/** Top-level `publishedAt` was the Daily Papers submission time until this date (docs/hf-api.md). */
const SUBMISSION_TIME_ERA_END = '2025-03-01';

/**
 * Validates and normalises the items of one `/api/daily_papers` answer. An item missing a core
 * field is skipped and reported; it never fails the others. `askedDate` is the `date=` that was
 * requested (or the day a file was named after), used when an item does not carry its own day.
 */
export function normalizeDailyItems(items: unknown, askedDate?: string): NormalizedItems {
  if (!Array.isArray(items)) {
    return { papers: [], skipped: [{ index: -1, reason: `expected a JSON array of items, got ${describe(items)}` }] };
  }
  const skipped: SkippedItem[] = [];
  const papers: Paper[] = [];
  items.forEach((raw, index) => {
    const parsed = hfDailyItemSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      skipped.push({ index, reason: `${issue?.path.join('.') || 'item'}: ${issue?.message ?? 'invalid'}` });
      return;
    }
    papers.push(toPaper(parsed.data, askedDate));
  });
  return { papers: dedupeById(papers), skipped };
}

/**
 * Validates and normalises the flat paper of `GET /api/papers/{id}`: a daily item's `paper` fields
 * without the item around it, so its Daily Papers day is only `submittedOnDailyAt` (null when it never was one).
 */
export function normalizePaperObject(raw: unknown): Paper | SkippedItem {
  const parsed = hfPaperSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { index: 0, reason: `${issue?.path.join('.') || 'paper'}: ${issue?.message ?? 'invalid'}` };
  }
  const comments = parsed.data.numComments;
  return toPaper({ paper: parsed.data, ...(typeof comments === 'number' ? { numComments: comments } : {}) }, undefined);
}

function toPaper(item: HfDailyItem, askedDate: string | undefined): Paper {
  const p = item.paper;
  const id = normalizePaperId(p.id) ?? p.id.trim();
  const names = p.authors.filter((a) => !a.hidden).map((a) => collapseWhitespace(a.name)).filter(Boolean);
  const org = p.organization ?? item.organization;
  const handle = org?.name?.trim();
  return {
    id,
    title: collapseWhitespace(p.title),
    abstract: collapseWhitespace(p.summary),
    authors: names,
    authorCount: p.authors.length,
    organization: org ? (org.fullname || org.name || null) : null,
    ...(handle ? { organizationName: handle } : {}),
    upvotes: p.upvotes ?? 0,
    comments: item.numComments ?? 0,
    githubRepo: p.githubRepo || null,
    githubStars: p.githubStars ?? null,
    projectPage: p.projectPage || null,
    thumbnail: item.thumbnail || item.mediaUrl || null,
    aiSummary: p.ai_summary ? collapseWhitespace(p.ai_summary) : null,
    aiKeywords: (p.ai_keywords ?? []).map(collapseWhitespace).filter(Boolean),
    arxivDate: datePart(p.publishedAt),
    dailyDate: dailyDateOf(item, askedDate),
    links: paperLinks(id),
  };
}

function dailyDateOf(item: HfDailyItem, askedDate: string | undefined): string | null {
  const submitted = datePart(item.paper.submittedOnDailyAt);
  if (submitted) return submitted;
  if (askedDate) return askedDate;
  const topLevel = datePart(item.publishedAt);
  return topLevel && topLevel < SUBMISSION_TIME_ERA_END ? topLevel : null;
}

function datePart(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return match?.[1] ?? null;
}

/** Keeps one paper per id: the one with the most upvotes, since votes only grow. */
export function dedupeById(papers: Paper[]): Paper[] {
  const byId = new Map<string, Paper>();
  const anonymous: Paper[] = [];
  for (const paper of papers) {
    if (!paper.id) {
      anonymous.push(paper);
      continue;
    }
    const seen = byId.get(paper.id);
    if (!seen || paper.upvotes > seen.upvotes) byId.set(paper.id, paper);
  }
  return [...byId.values(), ...anonymous];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}
