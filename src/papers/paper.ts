/** One paper, normalised from any source; `null` where the source does not say. */
export interface Paper {
  id: string | null;
  title: string;
  abstract: string;
  authors: string[];
  authorCount: number;
  organization: string | null;
  /** The organisation's Hugging Face handle (`facebook` for "AI at Meta"), when the source gives one. */
  organizationName?: string | null;
  upvotes: number;
  comments: number;
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  thumbnail: string | null;
  aiSummary: string | null;
  aiKeywords: string[];
  arxivDate: string | null;
  dailyDate: string | null;
  links: { hf: string | null; arxiv: string | null; pdf: string | null };
}

/** A Daily Papers day as the archive keeps it. */
export interface PaperDay {
  date: string;
  papers: Paper[];
}

const versionSuffix = /v\d+$/i;

/** `2406.12345v2`, `arXiv:2406.12345` and arXiv / Hugging Face URLs become `2406.12345`; anything else gives null. */
export function normalizePaperId(input: string): string | null {
  const trimmed = input.trim();
  // Chat apps send links as <url> or <url|label>; Hugging Face paper pages live at /papers/{id}.
  const unwrapped = trimmed.replace(/^<([^|>]+)(?:\|[^>]*)?>$/, '$1').replace(/^arxiv:\s*/i, '');
  const fromUrl = /(?:arxiv\.org\/(?:abs|pdf)|\/papers)\/([^\s?#/]+?)(?:\.pdf)?(?:[?#/]|$)/i.exec(unwrapped);
  const candidate = (fromUrl?.[1] ?? unwrapped).replace(versionSuffix, '');
  if (/^\d{4}\.\d{4,5}$/.test(candidate)) return candidate;
  if (/^[a-z-]+(?:\.[a-z]{2})?\/\d{7}$/i.test(candidate)) return candidate;
  return null;
}

export function paperLinks(id: string | null): Paper['links'] {
  if (!id) return { hf: null, arxiv: null, pdf: null };
  return {
    hf: `https://b-61j.pages.dev/papers/${id}`,
    arxiv: `https://arxiv.org/abs/${id}`,
    pdf: `https://arxiv.org/pdf/${id}`,
  };
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
