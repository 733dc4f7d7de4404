import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { normalizeDailyItems } from './normalize.js';
import { parsePageText } from './page-text.js';
import type { Paper } from './paper.js';

export interface LoadedFiles {
  papers: Paper[];
  files: string[];
  /** Items left out because they failed validation, with where they came from. */
  skipped: { file: string; index: number; reason: string }[];
  /** Files found in a folder that are not Daily Papers data; named files that are not throw instead. */
  badFiles: { file: string; reason: string }[];
}

export interface LoadOptions {
  /** Told after each file, for a progress bar. */
  onFile?: (done: number, total: number, papers: number) => void;
}

/** A file or folder the loader cannot use; the message names it and says what is accepted. */
export class PaperFileError extends Error {
  override name = 'PaperFileError';
}

const EXPECTED_JSON = 'a JSON array of items like /api/daily_papers answers, each { "paper": { "id", "title", "authors", … } }';
const ACCEPTED = 'a Daily Papers JSON file (.json or .json.gz), a page-text file (.txt), or a folder of them';

/**
 * Reads API JSON (`.json`, `.json.gz`), page text (`.txt`) and folders of them, in order. A file
 * named on its own must be Daily Papers data; a bad file inside a folder is reported and skipped.
 */
export async function loadPaperFiles(paths: string[], options: LoadOptions = {}): Promise<LoadedFiles> {
  const out: LoadedFiles = { papers: [], files: [], skipped: [], badFiles: [] };
  const files: { file: string; inFolder: boolean }[] = [];
  for (const path of paths) {
    const expanded = await expand(path);
    files.push(...expanded.map((file) => ({ file, inFolder: expanded.length !== 1 || file !== path })));
  }
  for (const [done, { file, inFolder }] of files.entries()) {
    try {
      const { papers, skipped } = await loadFile(file);
      out.files.push(file);
      out.papers.push(...papers);
      out.skipped.push(...skipped.map((skip) => ({ file, ...skip })));
    } catch (error) {
      if (!(error instanceof PaperFileError) || !inFolder) throw error;
      out.badFiles.push({ file, reason: error.message });
    }
    options.onFile?.(done + 1, files.length, out.papers.length);
  }
  return out;
}

async function expand(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => {
    throw new PaperFileError(`${path}: no such file or folder; give ${ACCEPTED}.`);
  });
  if (!info.isDirectory()) return [path];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) files.push(...(await expand(full)));
    else if (isPaperFile(entry.name)) files.push(full);
  }
  return files;
}

function isPaperFile(name: string): boolean {
  return /\.(json|json\.gz|txt)$/i.test(name);
}

async function loadFile(file: string): Promise<{ papers: Paper[]; skipped: { index: number; reason: string }[] }> {
  const name = basename(file);
  if (!isPaperFile(name)) throw new PaperFileError(`${file}: not a file papers-bot reads; give ${ACCEPTED}.`);
  const bytes = await readFile(file);
  if (/\.txt$/i.test(name)) {
    const text = bytes.toString('utf8');
    const { papers } = parsePageText(text);
    if (papers.length === 0 && text.trim()) throw new PaperFileError(`${file}: no papers found; a .txt file must be the Hugging Face papers page as text (title, abstract, authors, date and upvotes of each paper).`);
    return { papers, skipped: [] };
  }
  let text: string;
  try {
    text = /\.gz$/i.test(name) ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  } catch {
    throw new PaperFileError(`${file}: not a valid gzip file.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PaperFileError(`${file}: not valid JSON (${(error as Error).message}).`);
  }
  // The papers page embeds `{ dailyPapers: [...] }`; the API answers with the array itself.
  const items = isPageProps(json) ? json.dailyPapers : json;
  if (!Array.isArray(items)) throw new PaperFileError(`${file}: not Daily Papers data; expected ${EXPECTED_JSON}.`);
  const loaded = normalizeDailyItems(items, /(\d{4}-\d{2}-\d{2})/.exec(name)?.[1]);
  if (loaded.papers.length === 0 && loaded.skipped.length > 0) {
    throw new PaperFileError(`${file}: not Daily Papers data (none of its ${loaded.skipped.length} items is a paper: ${loaded.skipped[0]!.reason}); expected ${EXPECTED_JSON}.`);
  }
  return loaded;
}

function isPageProps(json: unknown): json is { dailyPapers: unknown[] } {
  return typeof json === 'object' && json !== null && Array.isArray((json as { dailyPapers?: unknown }).dailyPapers);
}
