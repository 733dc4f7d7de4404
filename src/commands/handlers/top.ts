import type { Liker, PaperLikes } from '../../likes/channel-likes.js';
import type { CommandOf, TopPeriod } from '../command.js';
import type { CommandContext, CommandDeps } from '../command-context.js';
import { infoReply, type Reply, type ReplyPaper } from '../reply.js';

/** How many papers `top` lists when not told. */
export const TOP_COUNT = 10;

const PERIOD_DAYS: Record<TopPeriod, number | undefined> = { week: 7, month: 30, all: undefined };
const PERIOD_WORDS: Record<TopPeriod, string> = { week: 'in the last 7 days', month: 'in the last 30 days', all: 'of all time' };

/** The likes each paper got since `since` (all of them without), most liked first, then the most recently liked. */
function ranked(likes: readonly PaperLikes[], since: string | undefined): { paperId: string; likers: Liker[] }[] {
  const latest = (likers: Liker[]) => likers.reduce((at, liker) => (liker.at > at ? liker.at : at), '');
  return likes
    .map(({ paperId, likers }) => ({ paperId, likers: since ? likers.filter((liker) => liker.at >= since) : likers }))
    .filter(({ likers }) => likers.length > 0)
    .sort((a, b) => b.likers.length - a.likers.length || latest(b.likers).localeCompare(latest(a.likers)) || a.paperId.localeCompare(b.paperId));
}

/** `top [week|month|all] [N]`: the channel's most liked papers of the period, with who liked them. */
export async function top(command: CommandOf<'top'>, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const days = PERIOD_DAYS[command.period];
  const since = days === undefined ? undefined : new Date(ctx.now.getTime() - days * 86_400_000).toISOString();
  const papers: ReplyPaper[] = [];
  for (const { paperId, likers } of ranked(await deps.likes.of(ctx.channel), since)) {
    if (papers.length === (command.count ?? TOP_COUNT)) break;
    // Every liked paper was shown by the bot, so the archive has it; one it no longer has is left out.
    const paper = deps.archive.findPaper(paperId);
    if (paper) papers.push({ paper, reasons: [], likedBy: likers.map((liker) => liker.name) });
  }
  if (papers.length === 0) {
    const other = command.period === 'all' ? '' : ` (\`${deps.commandName} top all\` counts every like)`;
    return infoReply(`No paper was liked here ${PERIOD_WORDS[command.period]}${other}.`, ['Click 👍 under a paper in a digest or a search to like it for this channel.']);
  }
  return { kind: 'papers', visibility: 'ephemeral', heading: `This channel's most liked papers ${PERIOD_WORDS[command.period]}`, papers, notes: [] };
}
