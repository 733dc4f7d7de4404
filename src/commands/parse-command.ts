import { closest, distance } from 'fastest-levenshtein';
import { cleanText } from './argument-readers.js';
import type { Command } from './command.js';
import { refuse } from './command-refusal.js';
import { readNamedArguments, readTextArguments, type NamedValues } from './read-arguments.js';
import { SUBCOMMANDS, type Subcommand } from './subcommands.js';

export const MAX_COMMAND_LENGTH = 1_000;

/** A word that names no subcommand, with the nearest one when it looks like a slip. */
function unknownSubcommand(word: string): Command {
  const nearest = closest(word, [...SUBCOMMANDS]) as Subcommand;
  const close = distance(word, nearest) <= Math.max(2, Math.floor(nearest.length / 3));
  return refused((c) => `There is no \`${c} ${word.slice(0, 40)}\`. ${close ? `Did you mean \`${c} ${nearest}\`? ` : ''}Type \`${c} help\` for the list.`);
}

const refused = (message: string | ((command: string) => string)): Command => ({ name: 'refused', refusal: refuse(message) });

const isSubcommand = (word: string): word is Subcommand => (SUBCOMMANDS as string[]).includes(word);

/** `/papers search x`, `search x` and `SEARCH x` all give `search` with `x`; nothing at all is `help`. */
export function parseCommand(text: string, commandName: string): Command {
  if (text.length > MAX_COMMAND_LENGTH) {
    return refused(`That command is ${text.length} characters long; keep it under ${MAX_COMMAND_LENGTH}.`);
  }
  let rest = cleanText(text);
  if (rest.toLowerCase().startsWith(`${commandName} `) || rest.toLowerCase() === commandName) rest = rest.slice(commandName.length).trim();
  if (!rest) return { name: 'help' };
  const space = rest.search(/\s/);
  const word = (space < 0 ? rest : rest.slice(0, space)).toLowerCase();
  if (!isSubcommand(word)) return unknownSubcommand(word);
  return readTextArguments(word, space < 0 ? '' : rest.slice(space + 1).trim());
}

/** A subcommand and its values from a platform's form (typed options), read like text. */
export function commandFromValues(subcommand: string | undefined, values: NamedValues): Command {
  if (subcommand === undefined) return { name: 'help' };
  return isSubcommand(subcommand) ? readNamedArguments(subcommand, values) : unknownSubcommand(subcommand);
}

/** What a Similar button runs: its payload is the arXiv id of the paper it sits on. */
export function similarButtonCommand(id: string): Command {
  return readTextArguments('similar', cleanText(id));
}
