import { canonicalQuery, parseQuery } from '../../search/query.js';
import type { UnsubscribeTarget } from '../command.js';

/** A stored query a member can name: a channel's topic, a member's follow. */
interface NamedQuery {
  query: string;
  canonical: string;
}

/**
 * The items an `unsubscribe`/`unfollow` target names, decided against the items stored at the moment
 * of the change: all of them, the n-th (1-based), or the one whose query reads the same (or is typed
 * the same, for a query no longer valid). `missing` words the refusal when it names none.
 */
export function targetedQueries<T extends NamedQuery>(items: readonly T[], target: UnsubscribeTarget): { found: T[] } | { missing: 'number' | 'query' } {
  if ('all' in target) return { found: [...items] };
  if ('number' in target) {
    const item = items[target.number - 1];
    return item && target.number >= 1 ? { found: [item] } : { missing: 'number' };
  }
  const canonical = canonicalOf(target.query);
  const item = items.find((candidate) => candidate.canonical === canonical || candidate.query === target.query);
  return item ? { found: [item] } : { missing: 'query' };
}

/** A query's canonical form, or the text itself when it is not a query (it may still be an item's exact text). */
function canonicalOf(text: string): string {
  try {
    return canonicalQuery(parseQuery(text));
  } catch {
    return text;
  }
}
