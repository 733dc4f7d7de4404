import { parseDays } from '../scheduler/schedule-time.js';
import type { CommandOf, ScheduleChange } from './command.js';
import { refuse, type CommandRefusal } from './command-refusal.js';
import { readTimeOfDay, readTimeZone } from './schedule-input.js';

/** How to write each part of a schedule, for the messages that refuse one. */
function howToWrite(command: string): string {
  return `write a time like 9, 9:30 or 9pm, a zone like Europe/Berlin, UTC or CET, and days like weekdays, weekends, daily or mon,wed,fri; e.g. \`${command} schedule 9:30 Europe/Berlin weekdays\`.`;
}

/**
 * `schedule`, `schedule off`, `schedule [time] [time zone] [days]` in any order. A platform's
 * separate time, zone and days fields are read together the same way, so a zone typed in the time
 * field still counts as the zone.
 */
export function readSchedule(args: string): CommandOf<'schedule'> | CommandRefusal {
  if (!args) return { name: 'schedule' };
  if (args.toLowerCase() === 'off') return { name: 'schedule', change: 'off' };
  const change: ScheduleChange = {};
  for (const part of args.replace(/(\d)\s+([ap]\.?m\.?)(?=\s|$)/gi, '$1$2').split(/\s+/)) {
    const shown = part.slice(0, 40);
    const asTime = readTimeOfDay(part);
    const asDays = asTime ? null : parseDays(part);
    const asZone = asTime || asDays ? undefined : readTimeZone(part);
    if ((asTime && change.time) || (asDays && change.days) || (asZone?.ok && change.zone)) {
      return refuse((c) => `"${shown}" is a second ${asTime ? 'time' : asDays ? 'set of days' : 'time zone'}: give each part once; ${howToWrite(c)}`);
    }
    if (asTime) change.time = asTime;
    else if (asDays) change.days = asDays;
    else if (asZone?.ok) change.zone = asZone.abbreviation ? { name: asZone.zone, abbreviation: asZone.abbreviation } : { name: asZone.zone };
    else if (asZone?.candidates) {
      const [first] = asZone.candidates;
      const names = asZone.candidates.map(([zone, where]) => `${zone} (${where})`);
      return refuse((c) => `"${shown}" could be ${names.slice(0, -1).join(', ')} or ${names.at(-1)}: type the zone you mean, e.g. \`${c} schedule 09:00 ${first![0]}\`.`);
    } else if (/^\d/.test(part)) {
      return refuse((c) => `"${shown}" is not a time of day: write 9, 9:30, 21:00 or 9pm, e.g. \`${c} schedule 9:30\`.`);
    } else if (part.includes('/')) {
      return refuse((c) => `"${shown}" is not a time zone: use an IANA name like Europe/Berlin or America/New_York, or UTC, CET, PST; e.g. \`${c} schedule 09:00 Europe/Berlin\`.`);
    } else {
      return refuse((c) => `"${shown}" is not a time, a time zone or days: ${howToWrite(c)}`);
    }
  }
  return { name: 'schedule', change };
}
