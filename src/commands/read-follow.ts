import type { CommandOf } from './command.js';
import { CommandRefusal, refuse } from './command-refusal.js';
import { readQuery } from './argument-readers.js';

/** `follow <query> [--dm]`: `--dm` anywhere among the words, or as a platform's flag. */
export function readFollow(args: string, givenDm = false): CommandOf<'follow'> | CommandRefusal {
  const words = args.split(/\s+/).filter(Boolean);
  const dm = givenDm || words.some((word) => word.toLowerCase() === '--dm');
  const query = words.filter((word) => word.toLowerCase() !== '--dm').join(' ');
  if (!query) return refuse((c) => `Tell me what to follow: e.g. \`${c} follow "world model"\`, or \`${c} follow "world model" --dm\` for a direct message.`);
  const checked = readQuery(query);
  return checked instanceof CommandRefusal ? checked : { name: 'follow', query, dm };
}

/** `unfollow <number | query | all>`: which follow is checked against the member's follows when it runs. */
export function readUnfollowTarget(text: string): CommandOf<'unfollow'>['target'] | CommandRefusal {
  if (!text) return refuse((c) => `Say which follow: \`${c} unfollow 2\`, \`${c} unfollow <query>\` or \`${c} unfollow all\`.`);
  if (text.toLowerCase() === 'all') return { all: true };
  return /^\d+$/.test(text) ? { number: Number(text) } : { query: text };
}
