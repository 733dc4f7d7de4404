import { z } from 'zod';

// Every era of /api/daily_papers since 2023 (see docs/hf-api.md): only the fields used here are
// declared; unknown fields pass through untouched, and optional ones are absent rather than null.
const text = z.string();
const optionalText = z.string().nullish();
const count = z.number().int().nonnegative();

const author = z.looseObject({ name: z.string(), hidden: z.boolean().optional() });
const organization = z.looseObject({ name: z.string().optional(), fullname: z.string().optional() });

export const hfPaperSchema = z.looseObject({
  id: text.min(1),
  title: text.min(1),
  summary: text,
  authors: z.array(author),
  publishedAt: optionalText,
  upvotes: count.optional(),
  submittedOnDailyAt: optionalText,
  ai_summary: optionalText,
  ai_keywords: z.array(z.string()).nullish(),
  githubRepo: optionalText,
  githubStars: count.nullish(),
  projectPage: optionalText,
  organization: organization.nullish(),
});

/** An item of `GET /api/daily_papers`. */
export const hfDailyItemSchema = z.looseObject({
  paper: hfPaperSchema,
  title: optionalText,
  publishedAt: optionalText,
  numComments: count.optional(),
  thumbnail: optionalText,
  mediaUrl: optionalText,
  organization: organization.nullish(),
});

export type HfPaper = z.infer<typeof hfPaperSchema>;
export type HfDailyItem = z.infer<typeof hfDailyItemSchema>;
