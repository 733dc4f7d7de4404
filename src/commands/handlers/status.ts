import type { ChannelState } from '../../channels/channel-state.js';
import type { DigestHistory } from '../../channels/digest-history.js';
import { pauseAdvice, resumeCommand } from '../../digest/pause-notice.js';
import { formatSlot } from '../../scheduler/schedule-time.js';
import type { CommandOf } from '../command.js';
import type { CommandContext, CommandDeps } from '../command-context.js';
import { infoReply, type Reply } from '../reply.js';
import { describeSchedule } from './schedule.js';

function lastDigestLine(state: ChannelState, history: DigestHistory): string {
  const last = history.lastDigest;
  if (!last) return 'No digest has been posted here yet.';
  const count = last.papers === undefined ? '' : `, ${last.papers} paper${last.papers === 1 ? '' : 's'}`;
  return `Last digest: ${formatSlot(new Date(last.slot), state.schedule.timeZone)}${count}.`;
}

function scheduleLines(state: ChannelState, now: Date, commandName: string): string[] {
  const [when = '', ...next] = describeSchedule(state, now);
  if (!state.paused) return [when, ...next];
  return [when, ...pauseAdvice(state, state.paused, commandName)];
}

function changedByLine(state: ChannelState): string[] {
  const member = state.changedBy;
  if (!member) return [];
  return [`Last set up by ${member.name} on ${member.at.slice(0, 10)}, who is told by direct message if digests stop.`];
}

/** `status`: anyone may ask what the channel's digest does, when it last came and whether it stopped. */
export async function status(_command: CommandOf<'status'>, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  if (!(await deps.channels.exists(ctx.channel))) {
    const fresh = await deps.channels.get(ctx.channel);
    return infoReply('This channel has no digest yet', [
      `\`${resumeCommand(fresh, deps.commandName)}\` or \`${deps.commandName} subscribe <query>\` starts one (weekdays at 09:00 UTC unless you say otherwise).`,
    ]);
  }
  const [state, history] = await Promise.all([deps.channels.get(ctx.channel), deps.channels.history(ctx.channel)]);
  return infoReply("This channel's digest", [
    ...scheduleLines(state, ctx.now, deps.commandName),
    lastDigestLine(state, history),
    `Topics: ${state.topics.length}; up to ${state.size} papers a digest.`,
    ...changedByLine(state),
  ]);
}
