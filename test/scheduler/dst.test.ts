import { afterEach, describe, expect, it, vi } from 'vitest';
import { DigestScheduler } from '../../src/scheduler/digest-scheduler.js';
import { silentLogger } from '../../src/log.js';
import { commandHarness } from '../helpers/harness.js';

/**
 * The documented DST rules, on real zones: a local time that does not exist that day fires at the
 * first minute after the gap, the same day; a local time that occurs twice fires once, at its
 * first occurrence. `/papers schedule` shows exactly the slot that then fires.
 */
const CASES = [
  { zone: 'Europe/Berlin', change: 'spring forward', time: '02:30', day: '2026-03-29', fires: '2026-03-29T01:00:00.000Z', shown: 'Sun 29 Mar, 03:00' },
  { zone: 'Europe/Berlin', change: 'fall back', time: '02:30', day: '2026-10-25', fires: '2026-10-25T00:30:00.000Z', shown: 'Sun 25 Oct, 02:30' },
  { zone: 'America/New_York', change: 'spring forward', time: '02:30', day: '2026-03-08', fires: '2026-03-08T07:00:00.000Z', shown: 'Sun 8 Mar, 03:00' },
  { zone: 'America/New_York', change: 'fall back', time: '01:30', day: '2026-11-01', fires: '2026-11-01T05:30:00.000Z', shown: 'Sun 1 Nov, 01:30' },
  { zone: 'Australia/Sydney', change: 'spring forward', time: '02:30', day: '2026-10-04', fires: '2026-10-03T16:00:00.000Z', shown: 'Sun 4 Oct, 03:00' },
  { zone: 'Australia/Sydney', change: 'fall back', time: '02:30', day: '2026-04-05', fires: '2026-04-04T15:30:00.000Z', shown: 'Sun 5 Apr, 02:30' },
  { zone: 'Australia/Lord_Howe', change: 'spring forward (30 minutes)', time: '02:15', day: '2026-10-04', fires: '2026-10-03T15:30:00.000Z', shown: 'Sun 4 Oct, 02:30' },
  { zone: 'Australia/Lord_Howe', change: 'fall back (30 minutes)', time: '01:45', day: '2026-04-05', fires: '2026-04-04T14:45:00.000Z', shown: 'Sun 5 Apr, 01:45' },
  { zone: 'Asia/Kolkata', change: 'no change (+05:30 all year)', time: '02:30', day: '2026-03-29', fires: '2026-03-28T21:00:00.000Z', shown: 'Sun 29 Mar, 02:30' },
];

/** The first slot after each change day for a weekdays schedule: Monday, at the new offset. */
const MONDAYS: Record<string, string> = {
  'Europe/Berlin 2026-03-29': '2026-03-30T00:30:00.000Z',
  'Europe/Berlin 2026-10-25': '2026-10-26T01:30:00.000Z',
  'America/New_York 2026-03-08': '2026-03-09T06:30:00.000Z',
  'America/New_York 2026-11-01': '2026-11-02T06:30:00.000Z',
  'Australia/Sydney 2026-10-04': '2026-10-04T15:30:00.000Z', // Monday 02:30 AEDT is a Sunday in UTC
  'Australia/Sydney 2026-04-05': '2026-04-05T16:30:00.000Z',
  'Australia/Lord_Howe 2026-10-04': '2026-10-04T15:15:00.000Z',
  'Australia/Lord_Howe 2026-04-05': '2026-04-05T15:15:00.000Z',
  'Asia/Kolkata 2026-03-29': '2026-03-29T21:00:00.000Z',
};

const schedulers: DigestScheduler[] = [];
afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop()));
  vi.useRealTimers();
});

/** Sets the schedule through the command a member types, then runs the scheduler on fake time for `hours`. */
async function run(schedule: string, start: Date, hours: number) {
  vi.useFakeTimers();
  vi.setSystemTime(start);
  const harness = await commandHarness({ now: start });
  const { text } = await harness.send(`schedule ${schedule}`, { channel: 'slack:T:C' });
  const fired: { slot: string; at: string }[] = [];
  const scheduler = new DigestScheduler({
    channels: harness.channels,
    logger: silentLogger,
    now: () => new Date(),
    runSlot: async (_channels, slot) => {
      fired.push({ slot: slot.toISOString(), at: new Date().toISOString() });
    },
  });
  schedulers.push(scheduler);
  await scheduler.start();
  await vi.advanceTimersByTimeAsync(hours * 60 * 60_000);
  return { text, fired };
}

describe.each(CASES)('$zone, $change on $day', ({ zone, time, day, fires, shown }) => {
  const start = new Date(new Date(fires).getTime() - 12 * 60 * 60_000);

  it(`daily ${time}: fires once that day, at ${fires}, and schedule shows it`, async () => {
    const { text, fired } = await run(`${time} ${zone} daily`, start, 20);
    expect(text).toContain(`Next: ${shown} `);
    expect(fired).toEqual([{ slot: fires, at: fires }]);
  });

  it(`weekdays ${time}: nothing on Sunday ${day}, Monday at the new offset`, async () => {
    const monday = MONDAYS[`${zone} ${day}`]!;
    const { text, fired } = await run(`${time} ${zone} weekdays`, start, (new Date(monday).getTime() - start.getTime()) / 3_600_000 + 2);
    expect(text).toContain(`Next: Mon `);
    expect(fired).toEqual([{ slot: monday, at: monday }]);
  });
});

/** Zones whose clocks change at midnight: the same rules, the local date kept. */
const MIDNIGHT_CASES = [
  { zone: 'Atlantic/Azores', change: 'spring forward at 00:00', time: '00:30', fires: '2026-03-29T01:00:00.000Z', shown: 'Sun 29 Mar, 01:00' },
  { zone: 'Atlantic/Azores', change: 'fall back at 01:00', time: '00:30', fires: '2026-10-25T00:30:00.000Z', shown: 'Sun 25 Oct, 00:30' },
  { zone: 'America/Havana', change: 'fall back at 01:00', time: '00:30', fires: '2026-11-01T04:30:00.000Z', shown: 'Sun 1 Nov, 00:30' },
  { zone: 'Africa/Cairo', change: 'spring forward at 00:00 on a Friday', time: '00:30', fires: '2026-04-23T22:00:00.000Z', shown: 'Fri 24 Apr, 01:00' },
];

describe.each(MIDNIGHT_CASES)('$zone, $change', ({ zone, time, fires, shown }) => {
  it(`daily ${time}: fires once, at ${fires}, on the right local day, and schedule shows it`, async () => {
    const start = new Date(new Date(fires).getTime() - 12 * 60 * 60_000);
    const { text, fired } = await run(`${time} ${zone} daily`, start, 20);
    expect(text).toContain(`Next: ${shown} `);
    expect(fired).toEqual([{ slot: fires, at: fires }]);
  });
});
