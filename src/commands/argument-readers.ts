import { normalizePaperId } from '../papers/paper.js';
import { parseQuery, QueryError } from '../search/query.js';
import type { UnsubscribeTarget } from './command.js';
import { CommandRefusal, refuse } from './command-refusal.js';
import { LIST_COUNT } from './subcommands.js';

/** Text as the grammar reads it: control characters are spaces, and the ends are trimmed. */
export function cleanText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').trim();
}

/** `today [N]` / `week [N]`: N within the table's range, or undefined for the default. */
export function readCount(text: string, name: 'today' | 'week'): number | undefined | CommandRefusal {
  if (!text) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < LIST_COUNT.min || n > LIST_COUNT.max) {
    return refuse((c) => `\`${name}\` takes how many papers to show, from ${LIST_COUNT.min} to ${LIST_COUNT.max}: e.g. \`${c} ${name} 10\`.`);
  }
  return n;
}

/** The query as typed, once the query language has accepted it. */
export function readQuery(text: string): string | CommandRefusal {
  try {
    parseQuery(text);
    return text;
  } catch (error) {
    if (error instanceof QueryError) return refuse(error.message);
    throw error;
  }
}

/** `subscribe <query>`. */
export function readTopic(text: string): string | CommandRefusal {
  if (!text) return refuse((c) => `Tell me the topic: e.g. \`${c} subscribe "world model" -video\`.`);
  return readQuery(text);
}

/** An arXiv id or link, as the arXiv id. */
export function readPaperId(text: string, name: 'paper' | 'similar'): string | CommandRefusal {
  return normalizePaperId(text) ?? refuse((c) => `Give an arXiv id or link: e.g. \`${c} ${name} 2406.12345\` or a Hugging Face papers URL.`);
}

/** `unsubscribe <number | query | all>`: which topic is checked against the channel when it runs. */
export function readUnsubscribeTarget(text: string): UnsubscribeTarget | CommandRefusal {
  if (!text) return refuse((c) => `Say which topic: \`${c} unsubscribe 2\`, \`${c} unsubscribe <query>\` or \`${c} unsubscribe all\`.`);
  if (text.toLowerCase() === 'all') return { all: true };
  return /^\d+$/.test(text) ? { number: Number(text) } : { query: text };
}
