import { parseArgs } from 'node:util';

/** Bad command-line use: exit code 2, with a message saying what to type instead. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliArgs {
  command: string | undefined;
  positionals: string[];
  data: string[];
  json: boolean;
  terminal: boolean;
  help: boolean;
  limit: number | undefined;
  date: string | undefined;
  at: string | undefined;
  channel: string | undefined;
  guild: string | undefined;
}

/** `--data a b c` takes every following value up to the next option. */
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
  }
  return out;
}

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: spreadData(argv),
      allowPositionals: true,
      strict: true,
      options: {
        data: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        terminal: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        limit: { type: 'string' },
        date: { type: 'string' },
        at: { type: 'string' },
        channel: { type: 'string' },
        guild: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}. Run papers-bot --help for the options.`);
  }
  const { values, positionals } = parsed;
  return {
    command: positionals[0],
    positionals: positionals.slice(1),
    data: values.data ?? [],
    json: values.json ?? false,
    terminal: values.terminal ?? false,
    help: values.help ?? false,
    limit: values.limit === undefined ? undefined : parseLimit(values.limit),
    date: values.date === undefined ? undefined : parseDate(values.date),
    at: values.at === undefined ? undefined : parseInstant(values.at),
    channel: values.channel,
    guild: values.guild,
  };
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`--limit takes a whole number from 1 to 1000, got "${value}".`);
  return n;
}

function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`--date takes a day as YYYY-MM-DD, e.g. 2025-06-10; got "${value}".`);
  }
  return value;
}

function parseInstant(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`--at takes an ISO time, e.g. 2025-06-10T09:00:00Z; got "${value}".`);
  return new Date(ms).toISOString();
}
