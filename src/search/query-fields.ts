import { distance } from 'fastest-levenshtein';
import { QUERY_FIELDS, QueryError, type QueryField } from './query-types.js';

const KNOWN = new RegExp(`^(${QUERY_FIELDS.join('|')}):`, 'i');
/** What reads as a field: letters, a colon, then more than a `/` (so `https://…` stays text). */
const FIELD_LIKE = /^(\p{L}+):(?=[^\s/])/u;
/** Written like fields but meant as text: ids such as `arxiv:2401.12345` or `doi:10.1145/…`, and link schemes. */
const TEXT_SCHEMES = new Set(['arxiv', 'doi', 'http', 'https', 'mailto']);
/** Other names people give the fields. */
const ALIASES = new Map<string, QueryField>([['by', 'author'], ['affiliation', 'org'], ['institution', 'org'], ['lab', 'org'], ['company', 'org']]);

/**
 * The field a token starts with (`author:`, any case) and how many characters it takes, or null when
 * the token is text. A field name that is not one of ours is an error naming the nearest one.
 */
export function readField(rest: string): { field: Exclude<QueryField, 'any'>; length: number } | null {
  const known = KNOWN.exec(rest);
  if (known) return { field: known[1]!.toLowerCase() as Exclude<QueryField, 'any'>, length: known[0].length };
  const like = FIELD_LIKE.exec(rest);
  if (!like || TEXT_SCHEMES.has(like[1]!.toLowerCase())) return null;
  throw new QueryError(unknownField(like[1]!, rest.slice(like[0].length)));
}

function unknownField(name: string, after: string): string {
  const value = /^"[^"]*"?|^[^\s()]+/.exec(after)?.[0].slice(0, 40) ?? '';
  const fields = QUERY_FIELDS.map((f) => `\`${f}:\``);
  const list = `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
  const nearest = nearestField(name.toLowerCase());
  if (nearest) return `\`${name}:\` is not a search field; did you mean \`${nearest}:${value}\`? The fields are ${list}.`;
  return `\`${name}:\` is not a search field; the fields are ${list}, e.g. \`author:hinton\`. To search for the text itself, quote it: \`"${name}:${value.replace(/"/g, '')}"\`.`;
}

/** The field meant by a misspelt or longer name (`authors`, `organization`, `tite`), if any is close. */
export function nearestField(name: string): QueryField | null {
  const alias = ALIASES.get(name);
  if (alias) return alias;
  let best: { field: QueryField; cost: number } | null = null;
  for (const field of QUERY_FIELDS) {
    const cost = name.length >= 2 && (field.startsWith(name) || name.startsWith(field)) ? 0 : distance(name, field);
    if (cost <= Math.min(2, field.length - 1) && (!best || cost < best.cost)) best = { field, cost };
  }
  return best?.field ?? null;
}
