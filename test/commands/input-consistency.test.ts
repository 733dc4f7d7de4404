import { beforeEach, describe, expect, it } from 'vitest';
import { ChannelLikes } from '../../src/likes/channel-likes.js';
import { renderDiscordMessages } from '../../adapters/discord/render-embeds.js';
import { commandOf, papersCommand } from '../../adapters/discord/command-definition.js';
import { renderSlackMessages } from '../../adapters/slack/render-blocks.js';
import { renderText } from '../../adapters/terminal/render-text.js';
import { ChannelStore } from '../../src/channels/channel-store.js';
import type { CommandContext } from '../../src/commands/command-context.js';
import type { Reply } from '../../src/commands/reply.js';
import { runCommand } from '../../src/commands/run-command.js';
import { SUBCOMMANDS } from '../../src/commands/subcommands.js';
import { silentLogger } from '../../src/log.js';
import type { PaperSource } from '../../src/papers/archive.js';
import { QUERY_FIELDS } from '../../src/search/query.js';
import { fixtureArchive } from '../helpers/archive.js';
import { fixturePath } from '../helpers/fixtures.js';
import { commandHarness, type Harness } from '../helpers/harness.js';

const CHANNEL = 'terminal:test';
let h: Harness;
beforeEach(async () => {
  h = await commandHarness();
});

/** Sends `setup` first, then `input`, and returns what the member reads and the stored schedule. */
async function after(setup: string, input: string) {
  if (setup) expect((await h.send(setup)).reply.kind).not.toBe('error');
  const sent = await h.send(input);
  return { ...sent, schedule: (await h.channels.get(CHANNEL)).schedule };
}

describe('schedule: a time is written as members write it', () => {
  it.each([
    ['9', '09:00'],
    ['09', '09:00'],
    ['0', '00:00'],
    ['21', '21:00'],
    ['9:30', '09:30'],
    ['9.30', '09:30'],
    ['09:05', '09:05'],
    ['23:59', '23:59'],
    ['9am', '09:00'],
    ['9pm', '21:00'],
    ['9 pm', '21:00'],
    ['9:30PM', '21:30'],
    ['12am', '00:00'],
    ['12pm', '12:00'],
  ])('`schedule %s` sets %s, keeping zone and days', async (time, expected) => {
    const { text, schedule } = await after('schedule 07:15 Asia/Tokyo mon,wed', `schedule ${time}`);
    expect(text.split('\n')[2]).toBe(`Digest at ${expected} Asia/Tokyo, Mon, Wed.`);
    expect(schedule).toMatchObject({ time: expected, timeZone: 'Asia/Tokyo', days: [1, 3] });
  });

  const TIME_HELP = 'write 9, 9:30, 21:00 or 9pm, e.g. /papers schedule 9:30.';
  it.each([
    ['24', `✗ "24" is not a time of day: ${TIME_HELP}`],
    ['25:00', `✗ "25:00" is not a time of day: ${TIME_HELP}`],
    ['9:60', `✗ "9:60" is not a time of day: ${TIME_HELP}`],
    ['9:3', `✗ "9:3" is not a time of day: ${TIME_HELP}`],
    ['13pm', `✗ "13pm" is not a time of day: ${TIME_HELP}`],
    ['0am', `✗ "0am" is not a time of day: ${TIME_HELP}`],
    ['930', `✗ "930" is not a time of day: ${TIME_HELP}`],
    [
      'nine',
      '✗ "nine" is not a time, a time zone or days: write a time like 9, 9:30 or 9pm, a zone like Europe/Berlin, UTC or CET, and days like weekdays, weekends, daily or mon,wed,fri; e.g. /papers schedule 9:30 Europe/Berlin weekdays.',
    ],
    [
      '9 10',
      '✗ "10" is a second time: give each part once; write a time like 9, 9:30 or 9pm, a zone like Europe/Berlin, UTC or CET, and days like weekdays, weekends, daily or mon,wed,fri; e.g. /papers schedule 9:30 Europe/Berlin weekdays.',
    ],
    ...['monthly', 'weekly', 'wedding', 'sundae', 'mon-someday'].map((word) => [
      word,
      `✗ "${word}" is not a time, a time zone or days: write a time like 9, 9:30 or 9pm, a zone like Europe/Berlin, UTC or CET, and days like weekdays, weekends, daily or mon,wed,fri; e.g. /papers schedule 9:30 Europe/Berlin weekdays.`,
    ]),
    ['9 Mars/Olympus', '✗ "Mars/Olympus" is not a time zone: use an IANA name like Europe/Berlin or America/New_York, or UTC, CET, PST; e.g. /papers schedule 09:00 Europe/Berlin.'],
  ])('`schedule %s` is refused: %s', async (input, message) => {
    await h.send('schedule 07:15 Asia/Tokyo mon,wed');
    const before = await h.channels.get(CHANNEL);
    const { text, reply } = await h.send(`schedule ${input}`);
    expect(reply.kind).toBe('error');
    expect(text).toBe(message);
    expect(await h.channels.get(CHANNEL)).toEqual(before);
  });
});

describe('schedule: days alone change only the days', () => {
  it.each([
    ['daily', 'every day', [0, 1, 2, 3, 4, 5, 6]],
    ['weekends', 'weekends', [0, 6]],
    ['weekdays', 'weekdays', [1, 2, 3, 4, 5]],
    ['mon,wed,fri', 'Mon, Wed, Fri', [1, 3, 5]],
    ['mon-fri', 'weekdays', [1, 2, 3, 4, 5]],
    ['Saturday', 'Sat', [6]],
  ])('`schedule %s` keeps 07:15 Asia/Tokyo and runs %s', async (days, described, numbers) => {
    const { text, reply, schedule } = await after('schedule 07:15 Asia/Tokyo mon', `schedule ${days}`);
    expect(reply.kind).toBe('info');
    expect(text.split('\n').slice(0, 3)).toEqual(["@ada set this channel's digest schedule", '', `Digest at 07:15 Asia/Tokyo, ${described}.`]);
    expect(schedule).toEqual({ enabled: true, time: '07:15', timeZone: 'Asia/Tokyo', days: numbers });
  });

  it('`schedule weekends` on a new channel keeps the default 09:00 UTC', async () => {
    const { text } = await after('', 'schedule weekends');
    expect(text.split('\n')[2]).toBe('Digest at 09:00 UTC, weekends.');
  });

  it('`schedule Europe/Berlin` alone changes only the zone', async () => {
    const { schedule } = await after('schedule 07:15 Asia/Tokyo mon', 'schedule Europe/Berlin');
    expect(schedule).toEqual({ enabled: true, time: '07:15', timeZone: 'Europe/Berlin', days: [1] });
  });
});

describe('schedule: time zones as members type them', () => {
  it.each([
    ['CET', 'Europe/Berlin', 'CET taken as Europe/Berlin.'],
    ['cest', 'Europe/Berlin', 'CEST taken as Europe/Berlin.'],
    ['PST', 'America/Los_Angeles', 'PST taken as America/Los_Angeles.'],
    ['PDT', 'America/Los_Angeles', 'PDT taken as America/Los_Angeles.'],
    ['EST', 'America/New_York', 'EST taken as America/New_York.'],
    ['EDT', 'America/New_York', 'EDT taken as America/New_York.'],
    ['JST', 'Asia/Tokyo', 'JST taken as Asia/Tokyo.'],
    ['AEST', 'Australia/Sydney', 'AEST taken as Australia/Sydney.'],
    ['UTC', 'UTC', undefined],
    ['GMT', 'UTC', undefined],
    ['utc', 'UTC', undefined],
    ['Europe/Paris', 'Europe/Paris', undefined],
    ['europe/berlin', 'Europe/Berlin', undefined],
    ['America/New_York', 'America/New_York', undefined],
  ])('`schedule 09:00 %s` is saved as %s', async (typed, zone, note) => {
    const { text, schedule } = await after('', `schedule 09:00 ${typed}`);
    expect(schedule.timeZone).toBe(zone);
    const lines = text.split('\n');
    expect(lines[2]).toBe(`Digest at 09:00 ${zone}, weekdays.`);
    expect(lines[3]).toMatch(/^Next: /);
    expect(lines.slice(4)).toEqual(note ? [note] : []);
  });

  it.each([
    ['IST', '✗ "IST" could be Asia/Kolkata (India), Europe/Dublin (Ireland) or Asia/Jerusalem (Israel): type the zone you mean, e.g. /papers schedule 09:00 Asia/Kolkata.'],
    ['bst', '✗ "bst" could be Europe/London (UK) or Asia/Dhaka (Bangladesh): type the zone you mean, e.g. /papers schedule 09:00 Europe/London.'],
    ['CST', '✗ "CST" could be America/Chicago (US Central), Asia/Shanghai (China) or America/Havana (Cuba): type the zone you mean, e.g. /papers schedule 09:00 America/Chicago.'],
    ['MST', '✗ "MST" could be America/Phoenix (Arizona, no daylight saving) or America/Denver (Colorado and the rest): type the zone you mean, e.g. /papers schedule 09:00 America/Phoenix.'],
  ])('the ambiguous `%s` is refused, naming the zones it could be', async (typed, message) => {
    await h.send('schedule 07:15 Asia/Tokyo');
    const before = await h.channels.get(CHANNEL);
    const { text } = await h.send(`schedule 09:00 ${typed}`);
    expect(text).toBe(message);
    expect(await h.channels.get(CHANNEL)).toEqual(before);
  });
});

describe('settings and options name their limits', () => {
  it.each([
    ['settings size=50', '✗ size is 1–20, not 50: e.g. /papers settings size=8.'],
    ['settings size=0', '✗ size is 1–20, not 0: e.g. /papers settings size=8.'],
    ['settings size=-3', '✗ size is 1–20, not -3: e.g. /papers settings size=8.'],
    ['settings size=8 size=9', '✗ size is given twice: give each setting once, e.g. /papers settings size=8.'],
    ['settings size=2.5', '✗ size is 1–20, not 2.5: e.g. /papers settings size=8.'],
    ['settings size=', '✗ size is 1–20: e.g. /papers settings size=8.'],
    ['settings size=8 min-upvotes=-1', '✗ min-upvotes is 0–100000, not -1: e.g. /papers settings min-upvotes=5.'],
    ['settings min-upvotes=100001', '✗ min-upvotes is 0–100000, not 100001: e.g. /papers settings min-upvotes=5.'],
    ['settings colour=blue', '✗ "colour=blue" is not a setting: use size=N (1–20), min-upvotes=N (0–100000), style=cards|compact|thread and taste=on|off, e.g. /papers settings size=8 min-upvotes=5.'],
    ['today 21', '✗ today takes how many papers to show, from 1 to 20: e.g. /papers today 10.'],
    ['week 0', '✗ week takes how many papers to show, from 1 to 20: e.g. /papers week 10.'],
    ['search video --page 0', '✗ --page is 1–9999, not 0: e.g. /papers search diffusion --page 2.'],
    ['search video --page -1', '✗ --page is 1–9999, not -1: e.g. /papers search diffusion --page 2.'],
    ['search video --page two', '✗ --page is 1–9999, not two: e.g. /papers search diffusion --page 2.'],
    ['search video --page 1.5', '✗ --page is 1–9999, not 1.5: e.g. /papers search diffusion --page 2.'],
    ['search video --page 10000', '✗ --page is 1–9999, not 10000: e.g. /papers search diffusion --page 2.'],
    ['search video --page', '✗ --page needs a page number, 1–9999: e.g. /papers search diffusion --page 2.'],
    ['search video --page 2 --page 3', '✗ Give --page once: e.g. /papers search diffusion --page 2.'],
    ['search video --pgae 2', '✗ "--pgae" is not an option of search: add --page N for page N, or --share to post to the channel.'],
  ])('`%s` → %s', async (input, message) => {
    await h.send('settings size=7 min-upvotes=2');
    const before = await h.channels.get(CHANNEL);
    const { text, reply } = await h.send(input);
    expect(reply.kind).toBe('error');
    expect(text).toBe(message);
    expect(await h.channels.get(CHANNEL)).toEqual(before);
  });

  it.each([
    ['settings size 8', 8, 0],
    ['settings size = 8', 8, 0],
    ['settings min_upvotes=3', 5, 3],
    ['settings size=20 min-upvotes=0', 20, 0],
    ['settings SIZE=1 min-upvotes=100000', 1, 100_000],
  ])('`%s` is accepted', async (input, size, minUpvotes) => {
    const { text } = await h.send(input);
    expect(text).toContain(`Digest size: ${size} papers.\nMinimum upvotes: ${minUpvotes}.`);
  });
});

/** The numbers each platform shows before the papers of a reply, in order. */
const NUMBERS: [string, (reply: Reply) => (string | undefined)[]][] = [
  ['terminal', (reply) => renderText(reply, '/papers').split('\n').filter((l) => l.includes('▲')).map((l) => /^\s*(\d+)\. ▲/.exec(l)?.[1])],
  [
    'Slack',
    (reply) =>
      renderSlackMessages(reply)
        .flatMap((m) => m.blocks)
        .map((b) => (b.text as { text?: string } | undefined)?.text ?? '')
        .filter((t) => t.includes('▲'))
        .map((t) => /^(\d+)\. \*</.exec(t)?.[1]),
  ],
  ['Discord', (reply) => renderDiscordMessages(reply).flatMap((m) => m.embeds).map((e) => /^(\d+)\. /.exec(e.title ?? '')?.[1])],
];

describe.each(NUMBERS)('numbering in %s', (_platform, numbers) => {
  it('goes on across search pages, following More to the last page', async () => {
    let { reply } = await h.send('search video');
    const total = Number(/^(\d+) papers match/.exec(reply.heading)![1]);
    const seen: (string | undefined)[] = [];
    for (let page = 1; ; page++) {
      const shown = numbers(reply);
      expect(shown[0]).toBe(String((page - 1) * 5 + 1));
      seen.push(...shown);
      if (!reply.more) break;
      expect(reply.more.command).toBe(`search video --page ${page + 1}`);
      ({ reply } = await h.send(reply.more.command));
    }
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => String(i + 1)));
  });

  it.each([
    ['search video --page 2', ['6', '7', '8', '9', '10']],
    ['search video --page=3', ['11', '12', '13', '14', '15']],
    ['today 3', ['1', '2', '3']],
  ])('`%s` is numbered %j', async (input, expected) => {
    expect(numbers((await h.send(input)).reply)).toEqual(expected);
  });

  it('`paper <id>` shows its one paper without a number', async () => {
    expect(numbers((await h.send('paper 2506.06751')).reply)).toEqual([undefined]);
  });
});

describe('paper <id> shows the title once', () => {
  const TITLE = 'Geopolitical biases in LLMs: what are the "good" and the "bad" countries according to contemporary language models';
  const count = (text: string) => text.split('Geopolitical biases in LLMs').length - 1;

  it('in the terminal', async () => {
    const { text } = await h.send('paper 2506.06751');
    expect(count(text)).toBe(1);
    expect(text.split('\n').slice(0, 3)).toEqual(['arXiv 2506.06751, Daily Papers 2025-06-11', '', `▲19  ${TITLE}`]);
  });

  it('in Slack', async () => {
    const [message] = renderSlackMessages((await h.send('paper 2506.06751')).reply);
    const texts = message!.blocks.map((b) => (b.text as { text?: string } | undefined)?.text ?? '').join('\n');
    expect(count(texts)).toBe(1);
    expect(texts).toContain('*arXiv 2506.06751, Daily Papers 2025-06-11*\n*<https://b-61j.pages.dev/papers/2506.06751|Geopolitical');
  });

  it('in Discord', async () => {
    const [message] = renderDiscordMessages((await h.send('paper 2506.06751')).reply);
    expect(message!.content).toMatch(/^\*\*arXiv 2506\.06751, Daily Papers 2025-06-11\*\*\n/);
    expect(count(message!.content!)).toBe(0);
    expect(message!.embeds.map((e) => e.title)).toEqual([TITLE]);
  });
});

describe('help lists everything the grammar accepts', () => {
  const ACCEPTED = [
    ...SUBCOMMANDS.map((sub) => `/papers ${sub}`),
    '--page N',
    '--share',
    '/papers schedule off',
    '9:30',
    '9pm',
    'CET',
    'weekdays',
    'weekends',
    'daily',
    'mon,wed,fri',
    'size=1–20',
    'min-upvotes=0–100000',
    'today [1–20]',
    '"exact phrase"',
    '-excluded',
    'a OR b',
    'prefix*',
    ...QUERY_FIELDS.map((field) => `${field}:`),
  ];

  it.each(ACCEPTED)('help shows %s', async (item) => {
    expect((await h.send('help')).text).toContain(item);
  });

  it('the terminal shows it as plain text, without backticks', async () => {
    const { text } = await h.send('help');
    expect(text).not.toContain('`');
    expect(text).toContain('/papers search <query> [--page N] [--share] — ranked papers, 5 a page; --share posts them to the channel');
  });

  it('Slack shows it in mrkdwn, commands as code, within one section', async () => {
    const [message, ...more] = renderSlackMessages((await h.send('help')).reply);
    expect(more).toEqual([]);
    const notes = (message!.blocks[1]!.text as { text: string }).text;
    expect(notes).toContain('`/papers search &lt;query&gt; [--page N] [--share]` — ranked papers, 5 a page; `--share` posts them to the channel');
    expect(notes).toContain('`prefix*`');
    expect(notes.endsWith('…')).toBe(false);
  });

  it('Discord shows it in markdown, commands as code (not escaped backticks), whole within one message', async () => {
    const [message, ...more] = renderDiscordMessages((await h.send('help')).reply);
    expect(more).toEqual([]);
    expect(message!.content).toContain('`/papers search <query> [--page N] [--share]` — ranked papers, 5 a page; `--share` posts them to the channel');
    expect(message!.content).toContain('`prefix*`');
    expect(message!.content).not.toContain('\\`');
    expect(message!.content!.endsWith('`(video OR audio) "world model" -diffusion`')).toBe(true);
  });
});

describe('the Discord command offers only what the grammar accepts', () => {
  const definition = papersCommand();
  type Option = { name: string; description: string; min_value?: number; max_value?: number; options?: Option[] };
  const option = (sub: string, name: string) => (definition.options as Option[]).find((o) => o.name === sub)!.options!.find((o) => o.name === name)!;
  /** The examples an option's description offers: `a, b, c or d` after an optional `e.g.`. */
  const examples = (sub: string, name: string) => option(sub, name).description.replace(/^.*?(e\.g\.|like) /, '').split(/, | or /).filter((e) => !/\s/.test(e));
  /** Runs the Discord options as the interaction handler does: straight to a command, no text between. */
  const run = async (sub: string, values: Record<string, string | number | boolean>) => {
    const command = commandOf([{ name: sub, type: 1, options: Object.entries(values).map(([name, value]) => ({ name, type: 3, value })) }]);
    const ctx: CommandContext = { channel: CHANNEL, user: { id: 'U1', name: 'ada' }, canManage: true, managePermission: 'Manage Channels', now: new Date('2025-06-11T12:00:00Z') };
    const reply = await runCommand(command, ctx, { archive: h.archive, channels: h.channels, likes: h.likes, commandName: '/papers', logger: silentLogger });
    return { reply, text: renderText(reply, '/papers') };
  };

  it.each(examples('schedule', 'days'))('schedule days %j alone keeps the time and zone', async (days) => {
    await h.send('schedule 07:15 Asia/Tokyo mon');
    const { reply, text } = await run('schedule', { days });
    expect(reply.kind).toBe('info');
    expect(text).toMatch(/^Digest at 07:15 Asia\/Tokyo, /m);
  });

  it.each(examples('schedule', 'time'))('schedule time %j alone works', async (time) => {
    expect((await run('schedule', { time })).reply.kind).toBe('info');
  });

  it.each(examples('schedule', 'timezone'))('schedule timezone %j alone works', async (timezone) => {
    expect((await run('schedule', { timezone })).reply.kind).toBe('info');
  });

  it.each([
    ['today', 'count'],
    ['week', 'count'],
    ['settings', 'size'],
    ['settings', 'min_upvotes'],
  ])('%s %s: its range is the grammar’s, and named in the description', async (sub, name) => {
    const { min_value: min, max_value: max, description } = option(sub, name);
    expect(description).toContain(`(${min}–${max})`);
    expect((await run(sub, { [name]: min! })).reply.kind).not.toBe('error');
    expect((await run(sub, { [name]: max! })).reply.kind).not.toBe('error');
    expect((await run(sub, { [name]: max! + 1 })).reply.kind).toBe('error');
    expect((await run(sub, { [name]: min! - 1 })).reply.kind).toBe('error');
  });

  it('search page goes to that page, numbered on from the first', async () => {
    expect(option('search', 'page')).toMatchObject({ min_value: 1 });
    const { reply } = await run('search', { query: 'video', page: 2, share: true });
    expect(reply.heading).toMatch(/\(6–10\)$/);
    expect(reply.visibility).toBe('channel');
  });
});

describe('today and week say when the newest papers are more than two days old', () => {
  const down: PaperSource = { fetchDay: () => Promise.reject(new Error('503 from Hugging Face')) };
  const upButEmpty: PaperSource = { fetchDay: async () => ({ papers: [], skipped: 0 }) };

  /** The newest fixture day is 2025-06-11; the archive refreshes from `source` first, as a running bot does. */
  async function send(input: string, now: string, source?: PaperSource) {
    const clock = new Date(now);
    const { archive, store } = await fixtureArchive({ files: [fixturePath('hf/daily')], source, now: () => clock });
    if (source) await archive.refreshRecent();
    const ctx: CommandContext = { channel: CHANNEL, user: { id: 'U1', name: 'ada' }, canManage: true, managePermission: 'Manage Channels', now: clock };
    const reply = await runCommand(input, ctx, { archive, channels: new ChannelStore(store, silentLogger), likes: new ChannelLikes(store), commandName: '/papers', logger: silentLogger });
    return { reply, text: renderText(reply, '/papers') };
  }

  describe.each(['today', 'week'])('%s', (command) => {
    it.each([
      ['2025-06-14T12:00:00Z', 'offline files', 'Newest papers are from 2025-06-11 (offline data).', undefined],
      ['2025-06-14T12:00:00Z', 'Hugging Face down', 'Newest papers are from 2025-06-11; the bot cannot reach Hugging Face.', down],
      ['2025-06-20T08:00:00Z', 'Hugging Face down', 'Newest papers are from 2025-06-11; the bot cannot reach Hugging Face.', down],
      ['2025-06-14T12:00:00Z', 'Hugging Face with nothing newer', undefined, upButEmpty],
      ['2025-06-13T23:59:00Z', 'Hugging Face down', undefined, down],
      ['2025-06-13T12:00:00Z', 'offline files', undefined, undefined],
      ['2025-06-11T12:00:00Z', 'offline files', undefined, undefined],
    ])('at %s with %s → %s', async (now, _label, notice, source) => {
      const { reply, text } = await send(command, now, source);
      expect(reply.kind).toBe('papers');
      expect(reply.notice).toBe(notice);
      const lines = text.split('\n');
      if (notice) expect(lines[1]).toBe(`⚠ ${notice}`);
      else expect(text).not.toContain('Newest papers');
    });
  });
});
