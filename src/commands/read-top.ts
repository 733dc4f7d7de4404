import type { CommandOf, TopPeriod } from './command.js';
import { refuse, type CommandRefusal } from './command-refusal.js';
import { LIST_COUNT, range } from './subcommands.js';

const PERIODS: readonly TopPeriod[] = ['week', 'month', 'all'];

/** `top [week|month|all] [N]`, in either order. */
export function readTop(args: string): CommandOf<'top'> | CommandRefusal {
  const command: CommandOf<'top'> = { name: 'top', period: 'week' };
  let period: TopPeriod | undefined;
  const usage = (c: string) => `e.g. \`${c} top month 5\`: week (the default), month or all, and how many papers, ${range(LIST_COUNT)}.`;
  for (const word of args.toLowerCase().split(/\s+/).filter(Boolean)) {
    const asPeriod = PERIODS.find((p) => p === word || (p === 'all' && word === 'alltime'));
    if (asPeriod && period === undefined) {
      period = asPeriod;
      continue;
    }
    const n = Number(word);
    if (/^\d+$/.test(word) && command.count === undefined && n >= LIST_COUNT.min && n <= LIST_COUNT.max) {
      command.count = n;
      continue;
    }
    return refuse((c) => `\`top\` takes a period and a count, not "${word.slice(0, 20)}": ${usage(c)}`);
  }
  return { ...command, period: period ?? 'week' };
}
