/**
 * Acronyms defined by the papers themselves: "Mixture of Experts (MoE)" in a title, abstract or
 * keyword teaches that `moe` means "mixture of experts". The long form of each definition is
 * found from the words before the parenthesis: the acronym's letters as their initials, else by
 * Schwartz and Hearst's rule (every letter, in order, the first one starting a word); the most
 * common long form of an acronym wins.
 */

const DEFINITION = /\(\s*([A-Za-z][A-Za-z0-9-]{1,9}?)(s?)\s*[;,)]/g;
/** A definition seen in fewer papers than this is not trusted (a one-off coinage or a typo). */
const MIN_PAPERS = 2;

/** The acronyms the indexed papers define, kept up to date as papers are added or replaced. */
export class AcronymTable {
  private readonly ofPaper = new Map<string, string[]>();
  private readonly papersOf = new Map<string, Map<string, number>>();

  /** Records a paper's definitions (from its title, abstract and keywords), replacing its earlier ones. */
  upsert(key: string, texts: string[]): void {
    for (const pair of this.ofPaper.get(key) ?? []) this.count(pair, -1);
    const pairs = [...new Set(texts.flatMap((text) => definitionsIn(text).map(([acronym, longForm]) => `${acronym}\u0000${longForm}`)))];
    for (const pair of pairs) this.count(pair, 1);
    if (pairs.length > 0) this.ofPaper.set(key, pairs);
    else this.ofPaper.delete(key);
  }

  /** Each paper's definitions, for a stored index. */
  export(): [string, string[]][] {
    return [...this.ofPaper];
  }

  static from(stored: [string, string[]][]): AcronymTable {
    const table = new AcronymTable();
    for (const [key, pairs] of stored) {
      table.ofPaper.set(key, pairs);
      for (const pair of pairs) table.count(pair, 1);
    }
    return table;
  }

  /** The long form (lower case) an acronym stands for, by most papers; undefined when unknown. */
  longFormOf(acronym: string): string | undefined {
    const key = acronym.toLowerCase();
    // Definitions are kept singular ("Large Language Models (LLMs)" defines `llm`).
    const forms = this.papersOf.get(key) ?? (key.endsWith('s') ? this.papersOf.get(key.slice(0, -1)) : undefined);
    if (!forms) return undefined;
    let best: [string, number] | undefined;
    for (const entry of forms) if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
    return best && best[1] >= MIN_PAPERS ? best[0] : undefined;
  }

  private count(pair: string, by: number): void {
    const [acronym, longForm] = pair.split('\u0000') as [string, string];
    const forms = this.papersOf.get(acronym) ?? new Map<string, number>();
    const papers = (forms.get(longForm) ?? 0) + by;
    if (papers > 0) forms.set(longForm, papers);
    else forms.delete(longForm);
    if (forms.size > 0) this.papersOf.set(acronym, forms);
    else this.papersOf.delete(acronym);
  }
}

/** A table built from each paper's texts at once (for tools and tests). */
export function mineAcronyms(texts: Iterable<string[]>): AcronymTable {
  const table = new AcronymTable();
  let n = 0;
  for (const fields of texts) table.upsert(String(n++), fields);
  return table;
}

/** `[acronym, long form]` pairs of one text, both lower case. */
export function definitionsIn(text: string): [string, string][] {
  const found: [string, string][] = [];
  for (const match of text.matchAll(DEFINITION)) {
    const short = match[1]!;
    if (!looksLikeAcronym(short)) continue;
    const before = text.slice(0, match.index).split(/[.;:!?()[\]]/).at(-1)!;
    const words = before.trim().split(/\s+/).filter(Boolean);
    const window = words.slice(-Math.min(short.length + 5, short.length * 2));
    const letters = short.replace(/-/g, '');
    const longForm = initialsLongForm(letters, window) ?? bestLongForm(letters, window.join(' '));
    if (longForm) found.push([short.toLowerCase(), longForm.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()]);
  }
  return found;
}

/** Two capitals at least (RLHF, MoE, ViT), no lone word in capitals at the start only (Transformer). */
function looksLikeAcronym(short: string): boolean {
  return (short.match(/[A-Z]/g)?.length ?? 0) >= 2 && /^[A-Za-z]/.test(short);
}

/**
 * Each letter the initial of a word, the nearest ones first ("Proximal Policy Optimization" for
 * PPO, where the letter rule alone would stop at "Policy Optimization").
 */
function initialsLongForm(short: string, words: string[]): string | undefined {
  const parts = words.join(' ').split(/(?<=-)|\s+/).filter(Boolean);
  let w = parts.length - 1;
  for (let s = short.length - 1; s >= 0; s--) {
    const letter = short[s]!.toLowerCase();
    while (w >= 0 && parts[w]![0]!.toLowerCase() !== letter) w--;
    if (w < 0) return undefined;
    if (s > 0) w--;
  }
  const form = parts.slice(w).join(' ').replace(/- /g, '-');
  return form.split(/[\s-]+/).length >= 2 ? form : undefined;
}

/**
 * Schwartz & Hearst (2003): match the acronym's letters right to left against the text before the
 * parenthesis; the acronym's first letter must start a word. Returns the shortest such long form.
 */
function bestLongForm(short: string, long: string): string | undefined {
  let s = short.length - 1;
  let l = long.length - 1;
  for (; s >= 0; s--) {
    const c = short[s]!.toLowerCase();
    if (!/[a-z0-9]/.test(c)) continue;
    while (l >= 0 && (long[l]!.toLowerCase() !== c || (s === 0 && l > 0 && /[\p{L}\p{N}]/u.test(long[l - 1]!)))) l--;
    if (l < 0) return undefined;
    l--;
  }
  const start = long.lastIndexOf(' ', l) + 1;
  const form = long.slice(start).trim();
  // A long form is words, more than the acronym itself and not absurdly long.
  const wordCount = form.split(/[\s-]+/).filter(Boolean).length;
  if (wordCount < 2 || form.toLowerCase() === short.toLowerCase() || wordCount > short.length + 5) return undefined;
  return form;
}
