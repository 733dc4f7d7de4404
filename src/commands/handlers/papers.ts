import { addDays, dayOf } from '../../papers/days.js';
import { normalizePaperId } from '../../papers/paper.js';
import { rankDay } from '../../papers/rank-day.js';
import { parseQuery, QueryError, type ParsedQuery } from '../../search/query.js';
import { searchPapers } from '../../search/search-papers.js';
import type { CommandContext, CommandDeps } from '../command-context.js';
import { broadenQuery } from '../broaden-query.js';
import { errorReply, infoReply, type Reply } from '../reply.js';

export const SEARCH_PAGE_SIZE = 5;
const MAX_LIST = 20;

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

export async function today(args: string, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const state = await deps.channels.get(ctx.channel);
  const count = parseCount(args, 'today', deps.commandName, state.size);
  if (typeof count !== 'number') return count;
  const date = deps.archive.latestDate(dayOf(ctx.now));
  if (!date) return emptyArchive();
  const papers = deps.archive.papersOn(date);
  return {
    kind: 'papers',
    visibility: 'ephemeral',
    heading: `Top ${Math.min(count, papers.length)} of ${papers.length} Daily Papers, ${date}`,
    papers: papers.slice(0, count).map((paper) => ({ paper, reasons: [] })),
    notes: [],
  };
}

export async function week(args: string, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const count = parseCount(args, 'week', deps.commandName, 10);
  if (typeof count !== 'number') return count;
  const last = deps.archive.latestDate(dayOf(ctx.now));
  if (!last) return emptyArchive();
  const first = addDays(last, -6);
  const papers = rankDay(deps.archive.papersBetween(first, last));
  return {
    kind: 'papers',
    visibility: 'ephemeral',
    heading: `Top ${Math.min(count, papers.length)} of ${papers.length} Daily Papers, ${first} to ${last}`,
    papers: papers.slice(0, count).map((paper) => ({ paper, reasons: [] })),
    notes: [],
  };
}

/** `search <query> [--share] [--page N]`. */
export async function search(args: string, _ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const command = deps.commandName;
  let text = args;
  const share = /(^|\s)--share(\s|$)/.test(text);
  text = text.replace(/(^|\s)--share(?=\s|$)/g, ' ');
  const pageMatch = /(^|\s)--page\s+(\d{1,3})(?=\s|$)/.exec(text);
  const page = pageMatch ? Math.max(1, Number(pageMatch[2])) : 1;
  text = text.replace(/(^|\s)--page\s+\d{1,3}(?=\s|$)/, ' ').trim();
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
    const broader = broadenQuery(query, (q) => searchPapers(deps.archive.index, q, { limit: 1 }).total > 0);
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
    notes: [],
  };
  if (shown < result.total) reply.more = { command: `search ${text} --page ${page + 1}`, label: 'More' };
  if (!share) reply.share = { command: `search ${text}${page > 1 ? ` --page ${page}` : ''} --share` };
  return reply;
}

export async function paper(args: string, _ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const id = normalizePaperId(args);
  if (!id) {
    return errorReply(`Give an arXiv id or link: e.g. \`${deps.commandName} paper 2406.12345\` or a Hugging Face papers URL.`);
  }
  const found = deps.archive.findPaper(id);
  if (!found) return infoReply(`Paper ${id} is not in the archive.`, [`Hugging Face page: https://b-61j.pages.dev/papers/${id}`]);
  return { kind: 'papers', visibility: 'ephemeral', heading: found.title, papers: [{ paper: found, reasons: [] }], notes: [found.abstract] };
}
