import { addDays, dayOf } from '../../papers/days.js';
import { rankDay } from '../../papers/rank-day.js';
import { parseQuery, QueryError, type ParsedQuery } from '../../search/query.js';
import { searchPapers } from '../../search/search-papers.js';
import { suggestCorrection } from '../../search/suggest-word.js';
import type { CommandContext, CommandDeps } from '../command-context.js';
import { broadenQuery } from '../broaden-query.js';
import { staleDataNotice } from '../freshness.js';
import { errorReply, infoReply, type Reply } from '../reply.js';
import { paperInArchive } from './paper-in-archive.js';

export const SEARCH_PAGE_SIZE = 5;
/** The most papers `today` and `week` show. */
export const MAX_LIST = 20;

function emptyArchive(): Reply {
  return infoReply('No papers yet.', [
    'The archive is empty: the bot fetches Daily Papers from Hugging Face when it is online,',
    'or start it with `--data <file-or-folder>` to import Daily Papers JSON or page text.',
  ]);
}

/** `today [N]` / `week [N]`: N from 1 to 20, or the channel's digest size. */
function parseCount(args: string, name: string, command: string, fallback: number): number | Reply {
  if (!args) return fallback;
  const n = Number(args);
  if (!/^\d+$/.test(args) || n < 1 || n > MAX_LIST) {
    return errorReply(`\`${name}\` takes how many papers to show, from 1 to ${MAX_LIST}: e.g. \`${command} ${name} 10\`.`);
  }
  return n;
}

function withNotice(reply: Reply, notice: string | undefined): Reply {
  return notice ? { ...reply, notice } : reply;
}

export async function today(args: string, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const state = await deps.channels.get(ctx.channel);
  const count = parseCount(args, 'today', deps.commandName, state.size);
  if (typeof count !== 'number') return count;
  const date = deps.archive.latestDate(dayOf(ctx.now));
  if (!date) return emptyArchive();
  const papers = deps.archive.papersOn(date);
  return withNotice({
    kind: 'papers',
    visibility: 'ephemeral',
    heading: `Top ${Math.min(count, papers.length)} of ${papers.length} Daily Papers, ${date}`,
    papers: papers.slice(0, count).map((paper) => ({ paper, reasons: [] })),
    notes: [],
  }, staleDataNotice(date, ctx.now, deps.archive.sourceReachable));
}

export async function week(args: string, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const count = parseCount(args, 'week', deps.commandName, 10);
  if (typeof count !== 'number') return count;
  const last = deps.archive.latestDate(dayOf(ctx.now));
  if (!last) return emptyArchive();
  const first = addDays(last, -6);
  const papers = rankDay(deps.archive.papersBetween(first, last));
  return withNotice({
    kind: 'papers',
    visibility: 'ephemeral',
    heading: `Top ${Math.min(count, papers.length)} of ${papers.length} Daily Papers, ${first} to ${last}`,
    papers: papers.slice(0, count).map((paper) => ({ paper, reasons: [] })),
    notes: [],
  }, staleDataNotice(last, ctx.now, deps.archive.sourceReachable));
}

/** The highest `--page` a search takes. */
export const MAX_SEARCH_PAGE = 9999;
const MAX_PAGE_TEXT = `1–${MAX_SEARCH_PAGE}`;

/** The options `search` takes after its query. */
export const SEARCH_OPTIONS = ['--share', '--page N'] as const;

/** `--share` and `--page N` (also `--page=N`) taken out of a search, or the message refusing them. */
function searchOptions(args: string, command: string): { text: string; share: boolean; page: number } | Reply {
  const words: string[] = [];
  let share = false;
  let page: number | undefined;
  const parts = args.split(/\s+/).filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const option = /^--([a-z][a-z-]*)(?:=(.*))?$/i.exec(part);
    if (!option) {
      words.push(part);
      continue;
    }
    const name = option[1]!.toLowerCase();
    if (name === 'share' && option[2] === undefined) share = true;
    else if (name === 'page') {
      const value = option[2] ?? parts[++i] ?? '';
      const example = `e.g. \`${command} search diffusion --page 2\`.`;
      if (page !== undefined) return errorReply(`Give --page once: ${example}`);
      if (!value) return errorReply(`--page needs a page number, ${MAX_PAGE_TEXT}: ${example}`);
      if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > MAX_SEARCH_PAGE) return errorReply(`--page is ${MAX_PAGE_TEXT}, not ${value.slice(0, 20)}: ${example}`);
      page = Number(value);
    } else {
      return errorReply(`"${part.slice(0, 40)}" is not an option of search: add \`--page N\` for page N, or \`--share\` to post to the channel.`);
    }
  }
  return { text: words.join(' '), share, page: page ?? 1 };
}

/** `search <query> [--page N] [--share]`. */
export async function search(args: string, _ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const command = deps.commandName;
  const options = searchOptions(args, command);
  if ('kind' in options) return options;
  const { text, share, page } = options;
  if (!text) return errorReply(`Tell me what to look for: \`${command} search diffusion transformer\`.`);
  let query: ParsedQuery;
  try {
    query = parseQuery(text);
  } catch (error) {
    if (error instanceof QueryError) return errorReply(error.message);
    throw error;
  }
  if (!deps.archive.hasPapers) return emptyArchive();
  const offset = (page - 1) * SEARCH_PAGE_SIZE;
  const result = searchPapers(deps.archive.index, query, { limit: SEARCH_PAGE_SIZE, offset });
  if (result.total === 0) {
    const count = (q: ParsedQuery) => searchPapers(deps.archive.index, q, { limit: 1 }).total;
    const corrected = suggestCorrection(deps.archive.index, text, query, count);
    if (corrected && corrected.total > 0) {
      const found = `${corrected.total} ${corrected.total === 1 ? 'paper matches' : 'papers match'} it`;
      return infoReply(`No papers match \`${text}\`. Did you mean \`${corrected.text}\`?`, [`${found}: \`${command} search ${corrected.text}\``]);
    }
    // A spelling fix that still finds nothing is broadened in turn.
    const broader = broadenQuery(corrected?.query ?? query, count);
    return infoReply(`No papers match \`${text}\`.`, [
      broader ? `Try a broader query: \`${command} search ${broader}\`` : 'Try fewer or more general words.',
    ]);
  }
  if (result.hits.length === 0) return infoReply(`No more papers match \`${text}\`: all ${result.total} were shown.`);
  const shown = offset + result.hits.length;
  const reply: Reply = {
    kind: 'papers',
    visibility: share ? 'channel' : 'ephemeral',
    heading: `${result.total} ${result.total === 1 ? 'paper matches' : 'papers match'} \`${text}\` (${offset + 1}–${shown})`,
    papers: result.hits.map(({ score: _score, reasons, ...paper }) => ({ paper, reasons })),
    firstNumber: offset + 1,
    notes: [],
  };
  if (shown < result.total) reply.more = { command: `search ${text} --page ${page + 1}`, label: 'More' };
  if (!share) reply.share = { command: `search ${text}${page > 1 ? ` --page ${page}` : ''} --share` };
  return reply;
}

export async function paper(args: string, _ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const found = paperInArchive(args, 'paper', deps);
  if ('kind' in found) return found;
  // The paper shows its own title; the heading says where it comes from.
  const heading = `arXiv ${found.id}${found.dailyDate ? `, Daily Papers ${found.dailyDate}` : ''}`;
  return { kind: 'papers', visibility: 'ephemeral', heading, papers: [{ paper: found, reasons: [] }], notes: [found.abstract] };
}
