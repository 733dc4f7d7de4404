import { papersCommand } from '../../adapters/discord/command-definition.js';

export interface TypedOption {
  name: string;
  type: number;
  value: string | number | boolean;
}

/** Discord's option types (discord-api-types' ApplicationCommandOptionType). */
const INTEGER = 4;
const BOOLEAN = 5;

/** A time of day as the schedule's `time` option takes it: 9, 9:30, 21:00, 9pm. */
const TIME = /^\d{1,2}(:\d{2})?\s*(am|pm)?$/i;
/** A zone name (Europe/Berlin) or a common abbreviation (UTC, CET). */
const ZONE = /\/|^[A-Z]{2,5}$/;

/** The words after the subcommand, as a member fills the options in Discord's command picker. */
const FILL: Record<string, (words: string[], rest: string) => [string, string | number | boolean][]> = {
  search(words, rest) {
    const page = rest.match(/--page\s+(\d+)/)?.[1];
    const query = rest.replace(/--page\s+\d+/, '').replace(/--share\b/, '').trim();
    return [['query', query], ...(page ? [['page', page] as [string, string]] : []), ...(/--share\b/.test(rest) ? [['share', true] as [string, boolean]] : [])];
  },
  subscribe: (_words, rest) => [['query', rest]],
  unsubscribe: (_words, rest) => [['topic', rest]],
  paper: (_words, rest) => [['id', rest]],
  similar: (_words, rest) => [['id', rest]],
  today: (words) => (words[0] ? [['count', words[0]]] : []),
  week: (words) => (words[0] ? [['count', words[0]]] : []),
  schedule(words) {
    if (words[0] === 'off') return [['off', true]];
    const time = words.find((w) => TIME.test(w));
    const zone = words.find((w) => w !== time && ZONE.test(w));
    const days = words.filter((w) => w !== time && w !== zone).join(' ');
    return [...(time ? [['time', time]] : []), ...(zone ? [['timezone', zone]] : []), ...(days ? [['days', days]] : [])] as [string, string][];
  },
  settings: (words) => words.map((w) => w.split('=') as [string, string]).map(([key, value]) => [key.replace(/-/g, '_'), value ?? '']),
};

/**
 * `/papers <subcommand> <words>` as Discord sends it: the subcommand and its typed options, as the
 * command definition (`papersCommand()`) declares them. Throws for what Discord's picker would not
 * let a member send (a subcommand or option it does not offer, a required option left empty).
 */
export function discordOptions(text: string): { subcommand: string; options: TypedOption[] } {
  const [subcommand = 'help', ...words] = text.trim().split(/\s+/).filter(Boolean);
  const rest = text.trim().slice(subcommand.length).trim();
  const definition = (papersCommand().options as { name: string; options?: { name: string; type: number; required?: boolean }[] }[]).find((o) => o.name === subcommand);
  if (!definition) throw new Error(`Discord offers no /papers ${subcommand}`);
  const declared = definition.options ?? [];
  const options = (FILL[subcommand]?.(words, rest) ?? []).filter(([, value]) => value !== '').map(([name, value]): TypedOption => {
    const option = declared.find((o) => o.name === name);
    if (!option) throw new Error(`Discord's /papers ${subcommand} has no option ${name}`);
    const typed = option.type === INTEGER ? Number(value) : option.type === BOOLEAN ? value === true || value === 'true' : String(value);
    return { name, type: option.type, value: typed };
  });
  const missing = declared.find((o) => o.required && !options.some((given) => given.name === o.name));
  if (missing) throw new Error(`Discord requires the ${missing.name} option of /papers ${subcommand}`);
  return { subcommand, options };
}
