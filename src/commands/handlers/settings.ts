import { MAX_DIGEST_SIZE, type ChannelState } from '../../channels/channel-state.js';
import type { CommandContext, CommandDeps } from '../command-context.js';
import { errorReply, infoReply, type Reply } from '../reply.js';
import { describeSchedule } from './schedule.js';

function describeSettings(state: ChannelState, now: Date): string[] {
  return [
    `Digest size: ${state.size} papers.`,
    `Minimum upvotes: ${state.minUpvotes}.`,
    `Topics: ${state.topics.length}.`,
    ...describeSchedule(state, now),
  ];
}

/** `settings [size=N] [min-upvotes=N]`: all changes apply together, or none. */
export async function settings(args: string, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const command = deps.commandName;
  if (!args) return infoReply('Settings of this channel', describeSettings(await deps.channels.get(ctx.channel), ctx.now));
  const changes: Partial<Pick<ChannelState, 'size' | 'minUpvotes'>> = {};
  for (const part of args.split(/\s+/)) {
    const match = /^(size|min-upvotes)=(\d{1,6})$/i.exec(part);
    const value = Number(match?.[2]);
    if (match?.[1]?.toLowerCase() === 'size' && value >= 1 && value <= MAX_DIGEST_SIZE) changes.size = value;
    else if (match?.[1]?.toLowerCase() === 'min-upvotes') changes.minUpvotes = value;
    else {
      return errorReply(`"${part}" is not a setting: use \`size=N\` (1 to ${MAX_DIGEST_SIZE}) and \`min-upvotes=N\`, e.g. \`${command} settings size=8 min-upvotes=5\`.`);
    }
  }
  const saved = await deps.channels.update(ctx.channel, (state) => ({
    ...state,
    ...changes,
    scheduleSetAt: state.scheduleSetAt ?? ctx.now.toISOString(),
  }));
  return { ...infoReply('changed this channel\'s settings', describeSettings(saved, ctx.now), 'channel'), actor: ctx.user };
}
