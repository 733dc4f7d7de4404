import type { Token } from './query-tokens.js';
import { QueryError, type QueryField, type QueryTerm } from './query-types.js';

/** A query as written: terms, groups (all must match) and OR between alternatives. */
export type QueryNode =
  | { kind: 'term'; term: QueryTerm; negated: boolean }
  /** `text` is the group as typed, for messages. */
  | { kind: 'and'; children: QueryNode[]; negated: boolean; text: string }
  | { kind: 'or'; children: QueryNode[] };

/** The tree of a tokenized query: OR binds tighter than the space between terms, as before groups existed. */
export function parseTree(tokens: Token[], source: string): QueryNode[] {
  let pos = 0;

  const sequence = (): QueryNode[] => {
    const items: QueryNode[] = [];
    while (pos < tokens.length && tokens[pos]!.kind !== 'close') items.push(alternatives());
    return items;
  };

  const alternatives = (): QueryNode => {
    const children = [operand()];
    while (tokens[pos]?.kind === 'or') {
      pos++;
      children.push(operand());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  };

  const operand = (): QueryNode => {
    const token = tokens[pos];
    if (!token || token.kind === 'or' || token.kind === 'close') {
      throw new QueryError('OR needs a term on each side, e.g. `video OR audio`.');
    }
    pos++;
    if (token.kind === 'term') return { kind: 'term', term: token.term, negated: token.negated };
    const children = sequence();
    const close = tokens[pos];
    if (!close) {
      throw new QueryError(`The \`(\` opened at \`${snippet(source.slice(token.at), 32)}\` is never closed; add a \`)\` where the group ends, e.g. \`(video OR audio) -diffusion\`.`);
    }
    pos++;
    if (children.length === 0) throw new QueryError('Empty parentheses `()` have nothing to match; put words between them, e.g. `(video OR audio)`.');
    const group: QueryNode = { kind: 'and', children, negated: token.negated, text: source.slice(token.at, close.at + 1) };
    return token.field === 'any' ? group : withField(group, token.field);
  };

  const items = sequence();
  const stray = tokens[pos];
  if (stray) {
    const before = source.slice(0, stray.at + 1);
    throw new QueryError(`The \`)\` at \`${before.length > 24 ? `…${before.slice(-24)}` : before}\` closes no \`(\`; remove it, or add a \`(\` where the group starts.`);
  }
  return items;
}

function snippet(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

/** `author:(hinton OR lecun)`: the group's field applies to its terms that name none. */
function withField(node: QueryNode, field: QueryField): QueryNode {
  if (node.kind === 'term') return node.term.field === 'any' ? { ...node, term: { ...node.term, field } } : node;
  return { ...node, children: node.children.map((child) => withField(child, field)) };
}
