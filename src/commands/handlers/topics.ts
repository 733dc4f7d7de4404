import { MAX_TOPICS, memberOf } from '../../channels/channel-state.js';
import { addDays } from '../../papers/days.js';
import { canonicalQuery, parseQuery, QueryError, type ParsedQuery } from '../../search/query.js';
import { searchPapers } from '../../search/search-papers.js';
import { suggestCorrection } from '../../search/suggest-word.js';
import type { CommandOf } from '../command.js';
import type { CommandContext, CommandDeps } from '../command-context.js';
import { errorReply, infoReply, type Reply } from '../reply.js';
import { targetedQueries } from './targeted-queries.js';

/** How far back `topics` looks for an example paper of each topic. */
const RECENT_DAYS = 30;

export async function subscribe({ query }: CommandOf<'subscribe'>, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const command = deps.commandName;
  const parsed = parseQuery(query);
  const canonical = canonicalQuery(parsed);
  // The duplicate and limit checks are made inside the atomic change, against what is stored now.
  let refusal: Reply | undefined;
  await deps.channels.update(ctx.channel, (current) => {
    refusal = undefined;
    if (current.topics.some((topic) => topic.canonical === canonical)) {
      refusal = errorReply(`This channel already follows \`${query}\`; see \`${command} topics\`.`);
      return undefined;
    }
    if (current.topics.length >= MAX_TOPICS) {
      refusal = errorReply(`This channel has ${MAX_TOPICS} topics, the most it can have: remove one with \`${command} unsubscribe <number>\` first.`);
      return undefined;
    }
    return {
      ...current,
      scheduleSetAt: current.scheduleSetAt ?? ctx.now.toISOString(),
      changedBy: memberOf(ctx.user, ctx.now),
      topics: [...current.topics, { query, canonical, addedBy: ctx.user.name, addedAt: ctx.now.toISOString() }],
    };
  });
  if (refusal) return refusal;
  const unmatched = unmatchedTopicNote(query, parsed, deps);
  return {
    ...infoReply(`subscribed this channel to \`${query}\``, ['Digests will lead with papers that match it.', ...(unmatched ? [unmatched] : [])], 'channel'),
    actor: ctx.user,
  };
}

/**
 * Said when no paper in the archive matches a new topic: a misspelt word would otherwise silently
 * never match. The topic is kept either way (it may name something not yet published).
 */
function unmatchedTopicNote(text: string, query: ParsedQuery, deps: CommandDeps): string | undefined {
  if (!deps.archive.hasPapers) return undefined;
  const count = (q: ParsedQuery) => searchPapers(deps.archive.index, q, { limit: 1 }).total;
  if (count(query) > 0) return undefined;
  const command = deps.commandName;
  const corrected = suggestCorrection(deps.archive.index, text, query, count);
  if (corrected && corrected.total > 0) {
    return `No paper in the archive matches it yet. Did you mean \`${corrected.text}\`? ${corrected.total} ${corrected.total === 1 ? 'paper matches' : 'papers match'} it: \`${command} unsubscribe ${text}\`, then \`${command} subscribe ${corrected.text}\`.`;
  }
  return 'No paper in the archive matches it yet; digests will lead with it once one does.';
}

export async function unsubscribe({ target }: CommandOf<'unsubscribe'>, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const command = deps.commandName;
  const text = 'query' in target ? target.query : '';
  let refusal: Reply | undefined;
  let removed: string[] = [];
  await deps.channels.update(ctx.channel, (current) => {
    refusal = undefined;
    removed = [];
    if (current.topics.length === 0) {
      refusal = errorReply(`This channel has no topics; add one with \`${command} subscribe <query>\`.`);
      return undefined;
    }
    const named = targetedQueries(current.topics, target);
    if ('missing' in named) {
      refusal = named.missing === 'number'
        ? errorReply(`There is no topic ${'number' in target ? target.number : ''}: this channel has ${current.topics.length}. See \`${command} topics\`.`)
        : errorReply(`This channel does not follow \`${text}\`. See \`${command} topics\` for the list.`);
      return undefined;
    }
    const remove = new Set(named.found);
    removed = named.found.map((topic) => topic.query);
    return { ...current, topics: current.topics.filter((topic) => !remove.has(topic)), changedBy: memberOf(ctx.user, ctx.now) };
  });
  if (refusal) return refusal;
  const what = removed.length === 1 ? `\`${removed[0]}\`` : `all ${removed.length} topics`;
  return { ...infoReply(`unsubscribed this channel from ${what}`, [], 'channel'), actor: ctx.user };
}

export async function topics(_command: CommandOf<'topics'>, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const state = await deps.channels.get(ctx.channel);
  if (state.topics.length === 0) {
    return infoReply('This channel follows no topics.', [`Add one: \`${deps.commandName} subscribe "world model" -video\``]);
  }
  const latest = deps.archive.latestDate();
  const since = latest ? addDays(latest, -RECENT_DAYS) : '';
  const recent = (key: string) => (deps.archive.index.get(key)?.dailyDate ?? '') >= since;
  const notes = state.topics.map((topic, i) => {
    const added = `${i + 1}. \`${topic.query}\` — added by ${topic.addedBy} on ${topic.addedAt.slice(0, 10)}`;
    let query: ParsedQuery;
    try {
      query = parseQuery(topic.query);
    } catch (error) {
      // A topic stored before the query language refused what it says (an unknown field, say).
      if (!(error instanceof QueryError)) throw error;
      return `${added}; no longer a valid query, so it picks nothing: ${error.message} Replace it: \`${deps.commandName} unsubscribe ${i + 1}\`, then subscribe again.`;
    }
    const [example] = searchPapers(deps.archive.index, query, { limit: 1, filter: recent }).hits;
    const seen = example ? `recently: "${example.title}" (${example.upvotes} upvotes)` : `nothing in the last ${RECENT_DAYS} days`;
    return `${added}; ${seen}`;
  });
  return infoReply(`This channel follows ${state.topics.length} topic${state.topics.length === 1 ? '' : 's'}`, notes);
}
