import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';

import { UsageError } from '../../src/platform/usage-error.js';

export { UsageError };

export interface CliArgs {
  command: string | undefined;
  positionals: string[];
  data: string[];
  json: boolean;
  terminal: boolean;
  /** Run as a service: Slack or Discord tokens are required, the terminal is never opened. */
  service: boolean;
  help: boolean;
  limit: number | undefined;
  date: string | undefined;
  at: string | undefined;
  channel: string | undefined;
  /** `backfill` range, as days (a month given as `YYYY-MM` is widened to its first or last day). */
  since: string | undefined;
  until: string | undefined;
  /** `search --batch <file>`: one query per line, `-` for standard input. */
  batch: string | undefined;
}

const OPTIONS = {
  data: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  terminal: { type: 'boolean' },
  service: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  limit: { type: 'string' },
  date: { type: 'string' },
  at: { type: 'string' },
  channel: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  batch: { type: 'string' },
} as const;

/** `--data a b c` takes every following value up to the next option or `--`. */
function spreadData(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg !== '--data') {
      out.push(arg);
      continue;
    }
    let taken = 0;
    while (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) {
      out.push('--data', argv[++i]!);
      taken++;
    }
    if (taken === 0) throw new UsageError('--data needs a file or folder, e.g. --data ./papers/');
    if (argv[i + 1] === '--') i++;
  }
  return out;
}

/**
 * `search` takes the rest of the line as its query, so `-video` excludes rather than being read as
 * an option: `--options` are taken wherever they are, everything else (and all after `--`) is query.
 */
function separateQuery(argv: string[]): { options: string[]; query: string[] } {
  const options: string[] = [];
  const query: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      query.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      query.push(arg);
      continue;
    }
    options.push(arg);
    const name = arg.slice(2).split('=')[0]!;
    if (name === 'data' && !arg.includes('=')) {
      while (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) options.push(argv[++i]!);
      if (argv[i + 1] === '--' && i + 2 < argv.length) i++;
      else if (argv[i + 1] === '--') break;
    } else if (name !== 'data' && !arg.includes('=') && (OPTIONS as Record<string, { type: string }>)[name]?.type === 'string' && i + 1 < argv.length) {
      options.push(argv[++i]!);
    }
  }
  return { options, query };
}

/**
 * What marks an argument as query syntax rather than words: parentheses, quotes, `OR`/`or` between
 * words, a leading `-`, a `field:` or a trailing `*` (on the argument or any of its words).
 */
const QUERY_SYNTAX = /[()"]|\s(?:OR|or)\s|(?:^|\s)-\S|(?:^|\s)\p{L}+:[^\s/]|\*(?:\s|$)/u;

/**
 * An argument the shell unquoted (`"world model"` arrives as `world model`) is quoted again as a
 * phrase; one that holds query syntax (`'(video OR audio) -diffusion'`) is a query as it stands.
 */
export function queryFromWords(words: string[]): string {
  return words.map((word) => (/\s/.test(word.trim()) && !QUERY_SYNTAX.test(word.trim()) ? `"${word.trim()}"` : word)).join(' ');
}

export function parseCliArgs(argv: string[]): CliArgs {
  const searching = argv[0] === 'search';
  const { options, query } = searching ? separateQuery(argv.slice(1)) : { options: argv, query: [] };
  let parsed;
  try {
    parsed = parseArgs({ args: spreadData(options), allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}. Run papers-bot --help for the options.`);
  }
  const { values, positionals } = parsed;
  return {
    command: searching ? 'search' : positionals[0],
    positionals: searching ? query : positionals.slice(1),
    data: values.data ?? [],
    json: values.json ?? false,
    terminal: values.terminal ?? false,
    service: values.service ?? false,
    help: values.help ?? false,
    limit: values.limit === undefined ? undefined : parseLimit(values.limit),
    date: values.date === undefined ? undefined : parseDay('--date', values.date),
    at: values.at === undefined ? undefined : parseInstant(values.at),
    channel: values.channel,
    since: values.since === undefined ? undefined : parseDayOrMonth('--since', values.since, 'first'),
    until: values.until === undefined ? undefined : parseDayOrMonth('--until', values.until, 'last'),
    batch: values.batch,
  };
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`--limit takes a whole number from 1 to 1000, got "${value}".`);
  return n;
}

/** A real calendar day as `YYYY-MM-DD`: 2025-02-30 is refused, not rolled over to March. */
function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

function parseDay(option: string, value: string): string {
  if (!isDay(value)) throw new UsageError(`${option} takes a day as YYYY-MM-DD, e.g. 2025-06-10; got "${value}".`);
  return value;
}

/** A day, or a month (`YYYY-MM`) widened to its first or last day. */
function parseDayOrMonth(option: string, value: string, end: 'first' | 'last'): string {
  if (isDay(value)) return value;
  const month = /^\d{4}-\d{2}$/.test(value) ? DateTime.fromISO(`${value}-01`, { zone: 'utc' }) : undefined;
  if (!month?.isValid) throw new UsageError(`${option} takes a month as YYYY-MM or a day as YYYY-MM-DD, e.g. 2025-01; got "${value}".`);
  return (end === 'first' ? month : month.endOf('month')).toISODate()!;
}

function parseInstant(value: string): string {
  const instant = DateTime.fromISO(value, { zone: 'utc' });
  if (!instant.isValid) throw new UsageError(`--at takes an ISO time, e.g. 2025-06-10T09:00:00Z; got "${value}".`);
  return instant.toUTC().toISO()!;
}
