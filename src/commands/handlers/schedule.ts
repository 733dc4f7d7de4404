import {
  canonicalTimeZone,
  describeDays,
  formatSlot,
  nextSlot,
  parseDays,
  parseTimeOfDay,
} from '../../scheduler/schedule-time.js';
import type { ChannelState } from '../../channels/channel-state.js';
import type { CommandContext, CommandDeps } from '../command-context.js';
import { errorReply, infoReply, type Reply } from '../reply.js';

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

/** `schedule`, `schedule off`, `schedule <HH:MM> [time zone] [days]`. */
export async function schedule(args: string, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const command = deps.commandName;
  if (!args) return infoReply('Digest schedule', describeSchedule(await deps.channels.get(ctx.channel), ctx.now));
  if (args.toLowerCase() === 'off') {
    await deps.channels.update(ctx.channel, (state) => ({
      ...state,
      schedule: { ...state.schedule, enabled: false },
      scheduleSetAt: ctx.now.toISOString(),
    }));
    return { ...infoReply('turned this channel\'s digest off', [`Turn it on again with \`${command} schedule 09:00\`.`], 'channel'), actor: ctx.user };
  }
  const [timeText, ...rest] = args.split(/\s+/);
  const time = parseTimeOfDay(timeText!);
  if (!time) return errorReply(`"${timeText}" is not a time of day: write it as HH:MM, e.g. \`${command} schedule 09:00 Europe/Berlin\`.`);
  let timeZone: string | undefined;
  let days: number[] | undefined;
  for (const part of rest) {
    const asDays = parseDays(part);
    if (asDays) {
      days = asDays;
      continue;
    }
    const zone = canonicalTimeZone(part);
    if (!zone) {
      return errorReply(`"${part}" is neither a time zone nor days of the week: use an IANA zone like \`Europe/Berlin\` or \`America/New_York\`, and \`weekdays\`, \`daily\` or \`mon,wed,fri\`.`);
    }
    timeZone = zone;
  }
  // What the member left out is taken from the schedule stored at the moment of the change.
  const saved = await deps.channels.update(ctx.channel, (state) => ({
    ...state,
    schedule: { enabled: true, time, timeZone: timeZone ?? state.schedule.timeZone, days: days ?? state.schedule.days },
    scheduleSetAt: ctx.now.toISOString(),
    paused: null,
  }));
  return { ...infoReply('set this channel\'s digest schedule', describeSchedule(saved, ctx.now), 'channel'), actor: ctx.user };
}
