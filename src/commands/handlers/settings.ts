import { memberOf, type ChannelState } from '../../channels/channel-state.js';
import type { CommandOf } from '../command.js';
import type { CommandContext, CommandDeps } from '../command-context.js';
import { infoReply, type Reply } from '../reply.js';
import { describeSchedule } from './schedule.js';

function describeSettings(state: ChannelState, now: Date): string[] {
  return [
    `Digest size: ${state.size} papers.`,
    `Minimum upvotes: ${state.minUpvotes}.`,
    `Topics: ${state.topics.length}.`,
    ...describeSchedule(state, now),
  ];
}

/** `settings` shows them; a change applies all its values together. */
export async function settings(command: CommandOf<'settings'>, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const { size, minUpvotes } = command;
  if (size === undefined && minUpvotes === undefined) {
    return infoReply('Settings of this channel', describeSettings(await deps.channels.get(ctx.channel), ctx.now));
  }
  const saved = await deps.channels.update(ctx.channel, (state) => ({
    ...state,
    size: size ?? state.size,
    minUpvotes: minUpvotes ?? state.minUpvotes,
    scheduleSetAt: state.scheduleSetAt ?? ctx.now.toISOString(),
    changedBy: memberOf(ctx.user, ctx.now),
  }));
  return { ...infoReply('changed this channel\'s settings', describeSettings(saved, ctx.now), 'channel'), actor: ctx.user };
}
