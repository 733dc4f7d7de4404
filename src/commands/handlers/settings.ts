import { memberOf, type ChannelState } from '../../channels/channel-state.js';
import type { CommandOf } from '../command.js';
import type { CommandContext, CommandDeps } from '../command-context.js';
import { infoReply, type Reply } from '../reply.js';
import { describeSchedule } from './schedule.js';

const STYLE_WORDS = { cards: 'a card per paper', compact: 'one line per paper, in one message', thread: 'a headline, with each paper a reply in its thread' } as const;

function describeTaste(state: ChannelState): string {
  if (state.taste === 'on') return 'Taste: on, digests lift papers like the ones liked here.';
  if (state.taste === 'off') return 'Taste: off, likes do not change the digest.';
  return 'Taste: on by itself once this channel has liked 3 papers.';
}

function describeSettings(state: ChannelState, now: Date): string[] {
  return [
    `Digest size: ${state.size} papers.`,
    `Minimum upvotes: ${state.minUpvotes}.`,
    `Style: ${state.style} (${STYLE_WORDS[state.style]}).`,
    describeTaste(state),
    `Topics: ${state.topics.length}.`,
    ...describeSchedule(state, now),
  ];
}

/** `settings` shows them; a change applies all its values together. */
export async function settings(command: CommandOf<'settings'>, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const { size, minUpvotes, style, taste } = command;
  if (size === undefined && minUpvotes === undefined && style === undefined && taste === undefined) {
    return infoReply('Settings of this channel', describeSettings(await deps.channels.get(ctx.channel), ctx.now));
  }
  const saved = await deps.channels.update(ctx.channel, (state) => ({
    ...state,
    size: size ?? state.size,
    minUpvotes: minUpvotes ?? state.minUpvotes,
    style: style ?? state.style,
    taste: taste ?? state.taste,
    scheduleSetAt: state.scheduleSetAt ?? ctx.now.toISOString(),
    changedBy: memberOf(ctx.user, ctx.now),
  }));
  return { ...infoReply('changed this channel\'s settings', describeSettings(saved, ctx.now), 'channel'), actor: ctx.user };
}
