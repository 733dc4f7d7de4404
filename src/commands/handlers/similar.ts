import { paperKey } from '../../search/paper-index.js';
import { similarPapers } from '../../search/similar-papers.js';
import type { CommandOf } from '../command.js';
import type { CommandContext, CommandDeps } from '../command-context.js';
import { infoReply, type Reply } from '../reply.js';
import { lookUpPaper } from './paper-in-archive.js';

/** How many neighbours `similar` lists. */
export const SIMILAR_COUNT = 5;
const TITLE_IN_HEADING = 120;

/** `similar <arXiv id or link>`: the papers closest to one, with the words they share. */
export async function similar(command: CommandOf<'similar'>, _ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const found = await lookUpPaper(command.id, deps);
  if ('kind' in found) return found;
  const id = found.id;
  // Backticks would open a code span in the heading.
  const title = found.title.replace(/`/g, "'");
  const named = `arXiv ${id}, "${title.length > TITLE_IN_HEADING ? `${title.slice(0, TITLE_IN_HEADING - 1)}…` : title}"`;
  const result = similarPapers(deps.archive.index, paperKey(found), SIMILAR_COUNT);
  if (!result || result.hits.length === 0) return infoReply(`No paper in the archive shares enough distinctive words with ${named}.`);
  return {
    kind: 'papers',
    visibility: 'ephemeral',
    heading: `Papers most like ${named}`,
    papers: result.hits.map(({ score: _score, reasons, ...paper }) => ({ paper, reasons })),
    notes: ['Ranked by the distinctive words of its title, AI keywords and abstract that they share.'],
    similar: true,
  };
}
