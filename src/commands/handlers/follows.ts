import { MAX_FOLLOWS_PER_MEMBER, type ChannelState, type Follow } from '../../channels/channel-state.js';
import { canonicalQuery, parseQuery } from '../../search/query.js';
import type { CommandOf } from '../command.js';
import type { CommandContext, CommandDeps } from '../command-context.js';
import { errorReply, infoReply, type Reply } from '../reply.js';
import { targetedQueries } from './targeted-queries.js';

/** A member's follows are their own business: every answer goes only to them. */
const mine = (state: ChannelState, memberId: string) => state.follows.filter((follow) => follow.memberId === memberId);

function saved(state: ChannelState, stored: boolean, follows: Follow[]): ChannelState {
  // A record first saved by a follow is not a channel set up for digests (`isEnrolled`).
  return { ...state, follows, ...(stored ? {} : { followsOnly: true }) };
}

export async function follow({ query, dm }: CommandOf<'follow'>, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const command = deps.commandName;
  const canonical = canonicalQuery(parseQuery(query));
  // The duplicate and limit checks are made inside the atomic change, against what is stored now.
  let refusal: Reply | undefined;
  await deps.channels.update(ctx.channel, (current, stored) => {
    refusal = undefined;
    const own = mine(current, ctx.user.id);
    if (own.some((f) => f.canonical === canonical)) {
      refusal = errorReply(`You already follow \`${query}\` here; see \`${command} follows\`.`);
      return undefined;
    }
    if (own.length >= MAX_FOLLOWS_PER_MEMBER) {
      refusal = errorReply(`You follow ${MAX_FOLLOWS_PER_MEMBER} queries here, the most you can: remove one with \`${command} unfollow <number>\` first.`);
      return undefined;
    }
    const added: Follow = { memberId: ctx.user.id, memberName: ctx.user.name, query, canonical, dm, addedAt: ctx.now.toISOString() };
    return saved(current, stored, [...current.follows, added]);
  });
  if (refusal) return refusal;
  const how = dm ? 'you get a direct message after a digest here that has a paper matching it' : 'a digest here that has a paper matching it mentions you next to it';
  return infoReply(`You follow \`${query}\` in this channel`, [`From now on ${how}.`, `\`${command} follows\` lists your follows; \`${command} unfollow ${query}\` stops it.`]);
}

export async function unfollow({ target }: CommandOf<'unfollow'>, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const command = deps.commandName;
  const text = 'query' in target ? target.query : '';
  let refusal: Reply | undefined;
  let removed: Follow[] = [];
  await deps.channels.update(ctx.channel, (current, stored) => {
    refusal = undefined;
    removed = [];
    const own = mine(current, ctx.user.id);
    if (own.length === 0) {
      refusal = errorReply(`You follow nothing in this channel; add a follow with \`${command} follow <query>\`.`);
      return undefined;
    }
    const named = targetedQueries(own, target);
    if ('missing' in named) {
      refusal = named.missing === 'number'
        ? errorReply(`There is no follow ${'number' in target ? target.number : ''}: you have ${own.length} here. See \`${command} follows\`.`)
        : errorReply(`You do not follow \`${text}\` here. See \`${command} follows\` for the list.`);
      return undefined;
    }
    removed = named.found;
    return saved(current, stored, current.follows.filter((f) => !removed.includes(f)));
  });
  if (refusal) return refusal;
  const what = removed.length === 1 ? `\`${removed[0]!.query}\`` : `all ${removed.length} of your follows`;
  return infoReply(`You no longer follow ${what} in this channel`);
}

export async function follows(_command: CommandOf<'follows'>, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const own = mine(await deps.channels.get(ctx.channel), ctx.user.id);
  if (own.length === 0) return infoReply('You follow nothing in this channel.', [`Add a follow: \`${deps.commandName} follow "world model"\` (add \`--dm\` for a direct message instead of a mention).`]);
  const notes = own.map((f, i) => `${i + 1}. \`${f.query}\` — ${f.dm ? 'by direct message' : 'mentioned in the digest'}, since ${f.addedAt.slice(0, 10)}`);
  return infoReply(`You follow ${own.length} quer${own.length === 1 ? 'y' : 'ies'} in this channel (at most ${MAX_FOLLOWS_PER_MEMBER})`, notes);
}
