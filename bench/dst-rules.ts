// Which clock keeps the documented DST rules? The project's slot clock against two cron libraries,
// on the spring-forward and fall-back days of five zones. Run: npm run bench:dst
import { Cron } from 'croner';
import { CronExpressionParser } from 'cron-parser';
import { nextSlot } from '../src/scheduler/schedule-time.js';

const CASES = [
  { zone: 'Europe/Berlin', time: '02:30', from: '2026-03-28T12:00:00Z', rule: '2026-03-29T01:00:00.000Z', what: 'spring forward: 03:00 CEST' },
  { zone: 'Europe/Berlin', time: '02:30', from: '2026-10-24T12:00:00Z', rule: '2026-10-25T00:30:00.000Z', what: 'fall back: first 02:30 (CEST)' },
  { zone: 'America/New_York', time: '02:30', from: '2026-03-07T12:00:00Z', rule: '2026-03-08T07:00:00.000Z', what: 'spring forward: 03:00 EDT' },
  { zone: 'America/New_York', time: '01:30', from: '2026-10-31T12:00:00Z', rule: '2026-11-01T05:30:00.000Z', what: 'fall back: first 01:30 (EDT)' },
  { zone: 'Australia/Sydney', time: '02:30', from: '2026-10-03T00:00:00Z', rule: '2026-10-03T16:00:00.000Z', what: 'spring forward: 03:00 AEDT' },
  { zone: 'Australia/Sydney', time: '02:30', from: '2026-04-04T00:00:00Z', rule: '2026-04-04T15:30:00.000Z', what: 'fall back: first 02:30 (AEDT)' },
  { zone: 'Australia/Lord_Howe', time: '02:15', from: '2026-10-03T00:00:00Z', rule: '2026-10-03T15:30:00.000Z', what: 'spring forward 30 min: 02:30' },
  { zone: 'Australia/Lord_Howe', time: '01:45', from: '2026-04-04T00:00:00Z', rule: '2026-04-04T14:45:00.000Z', what: 'fall back 30 min: first 01:45' },
  { zone: 'Asia/Kolkata', time: '02:30', from: '2026-03-28T12:00:00Z', rule: '2026-03-28T21:00:00.000Z', what: 'no DST' },
  { zone: 'Atlantic/Azores', time: '00:30', from: '2026-03-28T12:00:00Z', rule: '2026-03-29T01:00:00.000Z', what: 'spring forward at midnight: 01:00' },
  { zone: 'America/Havana', time: '00:30', from: '2026-10-31T12:00:00Z', rule: '2026-11-01T04:30:00.000Z', what: 'fall back at 01:00: first 00:30' },
  { zone: 'Africa/Cairo', time: '00:30', from: '2026-04-23T12:00:00Z', rule: '2026-04-23T22:00:00.000Z', what: 'spring forward at midnight, a Friday: 01:00' },
];

const mark = (got: string, rule: string) => (got === rule ? `${got} ✓` : `${got} ✗`);
console.log('| zone | time | the rule | papers-bot clock | croner 10 | cron-parser 5 |');
console.log('|---|---|---|---|---|---|');
const score = { own: 0, croner: 0, parser: 0 };
for (const { zone, time, from, rule, what } of CASES) {
  const [hour, minute] = time.split(':').map(Number);
  const expression = `${minute} ${hour} * * *`;
  const own = nextSlot({ enabled: true, time, timeZone: zone, days: [0, 1, 2, 3, 4, 5, 6] }, new Date(from))!.toISOString();
  const croner = new Cron(expression, { timezone: zone, paused: true }).nextRun(new Date(from))!.toISOString();
  const parser = CronExpressionParser.parse(expression, { tz: zone, currentDate: new Date(from) }).next().toDate().toISOString();
  score.own += Number(own === rule);
  score.croner += Number(croner === rule);
  score.parser += Number(parser === rule);
  console.log(`| ${zone} | ${time} | ${rule} (${what}) | ${mark(own, rule)} | ${mark(croner, rule)} | ${mark(parser, rule)} |`);
}
console.log(`\nkept the rules: papers-bot ${score.own}/${CASES.length}, croner ${score.croner}/${CASES.length}, cron-parser ${score.parser}/${CASES.length}`);
