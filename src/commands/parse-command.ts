import { closest, distance } from 'fastest-levenshtein';

export const SUBCOMMANDS = [
  'help',
  'today',
  'week',
  'search',
  'paper',
  'similar',
  'subscribe',
  'unsubscribe',
  'topics',
  'schedule',
  'settings',
] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

export type ParsedCommand = { ok: true; name: Subcommand; args: string } | { ok: false; unknown: string; suggestion?: Subcommand };

/** `/papers search x`, `search x` and `SEARCH x` all give `search` with `x`. */
export function parseCommand(text: string, commandName: string): ParsedCommand {
  let rest = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').trim();
  if (rest.toLowerCase().startsWith(`${commandName} `) || rest.toLowerCase() === commandName) rest = rest.slice(commandName.length).trim();
  if (!rest) return { ok: true, name: 'help', args: '' };
  const space = rest.search(/\s/);
  const word = (space < 0 ? rest : rest.slice(0, space)).toLowerCase();
  const args = space < 0 ? '' : rest.slice(space + 1).trim();
  if ((SUBCOMMANDS as readonly string[]).includes(word)) return { ok: true, name: word as Subcommand, args };
  const nearest = closest(word, [...SUBCOMMANDS]) as Subcommand;
  return distance(word, nearest) <= Math.max(2, Math.floor(nearest.length / 3))
    ? { ok: false, unknown: word, suggestion: nearest }
    : { ok: false, unknown: word };
}
