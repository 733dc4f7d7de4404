import type { CommandOf } from './command.js';
import { CommandRefusal, refuse } from './command-refusal.js';
import { readQuery } from './argument-readers.js';
import { range, SEARCH_PAGE } from './subcommands.js';

const EXAMPLE = (c: string) => `e.g. \`${c} search diffusion --page 2\`.`;

function readPage(value: string): number | CommandRefusal {
  if (!value) return refuse((c) => `--page needs a page number, ${range(SEARCH_PAGE)}: ${EXAMPLE(c)}`);
  const n = Number(value);
  if (!/^\d{1,6}$/.test(value) || n < SEARCH_PAGE.min || n > SEARCH_PAGE.max) {
    return refuse((c) => `--page is ${range(SEARCH_PAGE)}, not ${value.slice(0, 20)}: ${EXAMPLE(c)}`);
  }
  return n;
}

/** Options a platform's form gives apart from the query; they count as if typed after it. */
export interface SearchOptions {
  page?: string;
  share?: boolean;
}

/** `search <query> [--page N] [--share]` (also `--page=N`), options anywhere among the words. */
export function readSearch(args: string, given: SearchOptions = {}): CommandOf<'search'> | CommandRefusal {
  const words: string[] = [];
  let share = false;
  let page: number | undefined;
  const takePage = (value: string): CommandRefusal | undefined => {
    if (page !== undefined) return refuse((c) => `Give --page once: ${EXAMPLE(c)}`);
    const read = readPage(value);
    if (read instanceof CommandRefusal) return read;
    page = read;
    return undefined;
  };
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
      const refused = takePage(option[2] ?? parts[++i] ?? '');
      if (refused) return refused;
    } else {
      return refuse(`"${part.slice(0, 40)}" is not an option of search: add \`--page N\` for page N, or \`--share\` to post to the channel.`);
    }
  }
  if (given.page !== undefined) {
    const refused = takePage(given.page);
    if (refused) return refused;
  }
  const query = words.join(' ');
  if (!query) return refuse((c) => `Tell me what to look for: \`${c} search diffusion transformer\`.`);
  const checked = readQuery(query);
  if (checked instanceof CommandRefusal) return checked;
  return { name: 'search', query, page: page ?? 1, share: share || given.share === true };
}
