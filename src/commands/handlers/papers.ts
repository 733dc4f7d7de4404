import { addDays, dayOf } from '../../papers/days.js';
import { rankDay } from '../../papers/rank-day.js';
import { parseQuery, type ParsedQuery } from '../../search/query.js';
import { searchPapers } from '../../search/search-papers.js';
import { suggestCorrection } from '../../search/suggest-word.js';
import { formatCommand, type CommandOf } from '../command.js';
import type { CommandContext, CommandDeps } from '../command-context.js';
import { broadenQuery } from '../broaden-query.js';
import { staleDataNotice } from '../freshness.js';
import { infoReply, type Reply } from '../reply.js';
import { lookUpPaper } from './paper-in-archive.js';

export const SEARCH_PAGE_SIZE = 5;

function emptyArchive(): Reply {
  return infoReply('No papers yet.', [
    'The archive is empty: the bot fetches Daily Papers from Hugging Face when it is online,',
    'or start it with `--data <file-or-folder>` to import Daily Papers JSON or page text.',
  ]);
}

function withNotice(reply: Reply, notice: string | undefined): Reply {
  return notice ? { ...reply, notice } : reply;
}

export async function today(command: CommandOf<'today'>, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const count = command.count ?? (await deps.channels.get(ctx.channel)).size;
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

export async function week(command: CommandOf<'week'>, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const count = command.count ?? 10;
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

/** `search <query> [--page N] [--share]`. */
export async function search(asked: CommandOf<'search'>, _ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const command = deps.commandName;
  const { query: text, share, page } = asked;
  const query = parseQuery(text);
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
  if (shown < result.total) reply.more = { command: formatCommand({ ...asked, page: page + 1, share: false }), label: 'More' };
  if (!share) reply.share = { command: formatCommand({ ...asked, share: true }) };
  return reply;
}

export async function paper(command: CommandOf<'paper'>, _ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const found = await lookUpPaper(command.id, deps);
  if ('kind' in found) return found;
  // The paper shows its own title; the heading says where it comes from.
  const heading = `arXiv ${found.id}, ${found.dailyDate ? `Daily Papers ${found.dailyDate}` : 'not a Daily Paper'}`;
  return { kind: 'papers', visibility: 'ephemeral', heading, papers: [{ paper: found, reasons: [] }], notes: [found.abstract] };
}
