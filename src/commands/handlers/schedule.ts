import { describeDays, formatSlot, nextSlot } from '../../scheduler/schedule-time.js';
import { memberOf, type ChannelState } from '../../channels/channel-state.js';
import type { CommandOf } from '../command.js';
import type { CommandContext, CommandDeps } from '../command-context.js';
import { infoReply, type Reply } from '../reply.js';

export function describeSchedule(state: ChannelState, now: Date): string[] {
  const { schedule } = state;
  if (!schedule.enabled) return ['Digests are off.'];
  const lines = [`Digest at ${schedule.time} ${schedule.timeZone}, ${describeDays(schedule.days)}.`];
  if (state.paused) lines.push(`Paused since ${state.paused.at.slice(0, 10)}: ${state.paused.reason}. Set the schedule again to resume.`);
  else {
    const next = nextSlot(schedule, now);
    if (next) lines.push(`Next: ${formatSlot(next, schedule.timeZone)}.`);
  }
  return lines;
}

/**
 * `schedule` shows it, `schedule off` turns it off, and a change sets what it names: what is left
 * out keeps its current value, so `schedule weekends` changes only the days.
 */
export async function schedule(command: CommandOf<'schedule'>, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const { change } = command;
  if (!change) return infoReply('Digest schedule', describeSchedule(await deps.channels.get(ctx.channel), ctx.now));
  if (change === 'off') {
    await deps.channels.update(ctx.channel, (state) => ({
      ...state,
      schedule: { ...state.schedule, enabled: false },
      scheduleSetAt: ctx.now.toISOString(),
      changedBy: memberOf(ctx.user, ctx.now),
    }));
    return { ...infoReply('turned this channel\'s digest off', [`Turn it on again with \`${deps.commandName} schedule 09:00\`.`], 'channel'), actor: ctx.user };
  }
  const { time, zone, days } = change;
  // What the member left out is taken from the schedule stored at the moment of the change.
  const saved = await deps.channels.update(ctx.channel, (state) => ({
    ...state,
    schedule: {
      enabled: true,
      time: time ?? state.schedule.time,
      timeZone: zone?.name ?? state.schedule.timeZone,
      days: days ?? state.schedule.days,
    },
    scheduleSetAt: ctx.now.toISOString(),
    paused: null,
    changedBy: memberOf(ctx.user, ctx.now),
  }));
  const takenAs = zone?.abbreviation ? [`${zone.abbreviation} taken as ${zone.name}.`] : [];
  return { ...infoReply('set this channel\'s digest schedule', [...describeSchedule(saved, ctx.now), ...takenAs], 'channel'), actor: ctx.user };
}
