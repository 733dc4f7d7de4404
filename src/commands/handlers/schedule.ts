import { describeDays, formatSlot, nextSlot, parseDays } from '../../scheduler/schedule-time.js';
import type { ChannelState } from '../../channels/channel-state.js';
import type { CommandContext, CommandDeps } from '../command-context.js';
import { errorReply, infoReply, type Reply } from '../reply.js';
import { readTimeOfDay, readTimeZone } from '../schedule-input.js';

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

/** How to write each part of a schedule, for the messages that refuse one. */
function howToWrite(command: string): string {
  return `write a time like 9, 9:30 or 9pm, a zone like Europe/Berlin, UTC or CET, and days like weekdays, weekends, daily or mon,wed,fri; e.g. \`${command} schedule 9:30 Europe/Berlin weekdays\`.`;
}

/**
 * `schedule`, `schedule off`, `schedule [time] [time zone] [days]` in any order: what is left
 * out keeps its current value, so `schedule weekends` changes only the days.
 */
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
  let time: string | undefined;
  let timeZone: string | undefined;
  let days: number[] | undefined;
  const notes: string[] = [];
  for (const part of args.replace(/(\d)\s+([ap]\.?m\.?)(?=\s|$)/gi, '$1$2').split(/\s+/)) {
    const shown = part.slice(0, 40);
    const asTime = readTimeOfDay(part);
    const asDays = asTime ? null : parseDays(part);
    const asZone = asTime || asDays ? undefined : readTimeZone(part);
    if ((asTime && time) || (asDays && days) || (asZone?.ok && timeZone)) {
      return errorReply(`"${shown}" is a second ${asTime ? 'time' : asDays ? 'set of days' : 'time zone'}: give each part once; ${howToWrite(command)}`);
    }
    if (asTime) time = asTime;
    else if (asDays) days = asDays;
    else if (asZone?.ok) {
      timeZone = asZone.zone;
      if (asZone.takenAs) notes.push(asZone.takenAs);
    } else if (asZone?.candidates) {
      const [first] = asZone.candidates;
      const names = asZone.candidates.map(([zone, where]) => `${zone} (${where})`);
      return errorReply(`"${shown}" could be ${names.slice(0, -1).join(', ')} or ${names.at(-1)}: type the zone you mean, e.g. \`${command} schedule 09:00 ${first![0]}\`.`);
    } else if (/^\d/.test(part)) {
      return errorReply(`"${shown}" is not a time of day: write 9, 9:30, 21:00 or 9pm, e.g. \`${command} schedule 9:30\`.`);
    } else if (part.includes('/')) {
      return errorReply(`"${shown}" is not a time zone: use an IANA name like Europe/Berlin or America/New_York, or UTC, CET, PST; e.g. \`${command} schedule 09:00 Europe/Berlin\`.`);
    } else {
      return errorReply(`"${shown}" is not a time, a time zone or days: ${howToWrite(command)}`);
    }
  }
  // What the member left out is taken from the schedule stored at the moment of the change.
  const saved = await deps.channels.update(ctx.channel, (state) => ({
    ...state,
    schedule: {
      enabled: true,
      time: time ?? state.schedule.time,
      timeZone: timeZone ?? state.schedule.timeZone,
      days: days ?? state.schedule.days,
    },
    scheduleSetAt: ctx.now.toISOString(),
    paused: null,
  }));
  return { ...infoReply('set this channel\'s digest schedule', [...describeSchedule(saved, ctx.now), ...notes], 'channel'), actor: ctx.user };
}
