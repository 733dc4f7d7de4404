import { describe, expect, it } from 'vitest';
import { ChannelLikes } from '../../src/likes/channel-likes.js';
import { commandOf, papersCommand } from '../../adapters/discord/command-definition.js';
import { formatCommand, type AcceptedCommand, type Command } from '../../src/commands/command.js';
import type { CommandContext } from '../../src/commands/command-context.js';
import { commandFromValues, parseCommand, similarButtonCommand } from '../../src/commands/parse-command.js';
import { runCommand } from '../../src/commands/run-command.js';
import { SUBCOMMAND_TABLE, SUBCOMMANDS } from '../../src/commands/subcommands.js';
import { silentLogger } from '../../src/log.js';
import { commandHarness } from '../helpers/harness.js';

const parse = (text: string) => parseCommand(text, '/papers');
/** What a refused command tells the member, or the command itself. */
const outcome = (command: Command) => (command.name === 'refused' ? { refused: command.refusal.message('/papers') } : command);

/** Commands of every subcommand, with each argument both given and left out. */
const COMMANDS: AcceptedCommand[] = [
  { name: 'help' },
  { name: 'today' },
  { name: 'today', count: 7 },
  { name: 'week', count: 20 },
  { name: 'week' },
  { name: 'search', query: 'video', page: 1, share: false },
  { name: 'search', query: 'video', page: 2, share: false },
  { name: 'search', query: '"world model" author:hinton -video', page: 3, share: true },
  { name: 'search', query: 'diffusion', page: 1, share: true },
  { name: 'paper', id: '2506.06751' },
  { name: 'similar', id: 'hep-th/9901001' },
  { name: 'subscribe', query: '"video generation" OR author:hinton' },
  { name: 'unsubscribe', target: { number: 2 } },
  { name: 'unsubscribe', target: { all: true } },
  { name: 'unsubscribe', target: { query: 'author:wang -survey' } },
  { name: 'topics' },
  { name: 'schedule' },
  { name: 'schedule', change: 'off' },
  { name: 'schedule', change: { time: '09:30', zone: { name: 'Europe/Berlin' }, days: [1, 3, 5] } },
  { name: 'schedule', change: { zone: { name: 'Europe/Berlin', abbreviation: 'CET' } } },
  { name: 'schedule', change: { days: [0, 6] } },
  { name: 'settings' },
  { name: 'settings', size: 8, minUpvotes: 0 },
  { name: 'settings', minUpvotes: 100_000 },
  { name: 'settings', style: 'thread' },
  { name: 'settings', size: 5, style: 'compact', taste: 'off' },
  { name: 'top', period: 'week' },
  { name: 'top', period: 'all', count: 5 },
  { name: 'status' },
  { name: 'follow', query: '"world model"', dm: false },
  { name: 'follow', query: 'author:hinton -survey', dm: true },
  { name: 'follows' },
  { name: 'unfollow', target: { number: 3 } },
  { name: 'unfollow', target: { all: true } },
  { name: 'unfollow', target: { query: '"world model"' } },
];

describe('a command and its canonical text', () => {
  it('covers every subcommand of the table', () => {
    expect(new Set(COMMANDS.map((c) => c.name))).toEqual(new Set(SUBCOMMANDS));
  });

  it.each(COMMANDS.map((c) => [formatCommand(c), c] as const))('`%s` is read back into the same command', (text, command) => {
    expect(parse(text)).toEqual(command);
    expect(parse(`/papers ${text}`)).toEqual(command);
  });

  it.each([
    ['search video --page 2', { name: 'search', query: 'video', page: 2, share: false }],
    ['search video --share', { name: 'search', query: 'video', page: 1, share: true }],
    ['search video --page 2 --share', { name: 'search', query: 'video', page: 2, share: true }],
  ])('the More and Share payload `%s` already in channels keeps its meaning and its text', (text, command) => {
    expect(parse(text)).toEqual(command);
    expect(formatCommand(command as AcceptedCommand)).toBe(text);
  });

  it('a Similar button payload is the similar command of its id, checked like typed text', () => {
    expect(similarButtonCommand('2506.06751')).toEqual({ name: 'similar', id: '2506.06751' });
    expect(outcome(similarButtonCommand('nonsense'))).toEqual(outcome(parse('similar nonsense')));
  });
});

/** Discord's options for a subcommand, as an interaction carries them. */
const discord = (sub: string, values: Record<string, string | number | boolean> = {}) =>
  commandOf([{ name: sub, type: 1, options: Object.entries(values).map(([name, value]) => ({ name, type: 3, value })) }]);

describe("Discord's options and typed text give the same command or the same refusal", () => {
  it.each<[string, string, Record<string, string | number | boolean>]>([
    ['today 5', 'today', { count: 5 }],
    ['today 21', 'today', { count: 21 }],
    ['week', 'week', {}],
    ['search video --page 2 --share', 'search', { query: 'video', page: 2, share: true }],
    ['search video --page 10000', 'search', { query: 'video', page: 10_000 }],
    ['search "world model', 'search', { query: '"world model' }],
    ['search', 'search', { query: '  ' }],
    ['paper arXiv:2506.06751v2', 'paper', { id: 'arXiv:2506.06751v2' }],
    ['similar not-an-id', 'similar', { id: 'not-an-id' }],
    ['subscribe author:', 'subscribe', { query: 'author:' }],
    ['unsubscribe all', 'unsubscribe', { topic: 'all' }],
    ['unsubscribe 3', 'unsubscribe', { topic: '3' }],
    ['schedule 9pm CET weekdays', 'schedule', { time: '9 pm', timezone: 'CET', days: 'weekdays' }],
    ['schedule 9 10', 'schedule', { time: '9', timezone: '10' }],
    ['schedule 09:00 IST', 'schedule', { time: '09:00', timezone: 'IST' }],
    ['schedule off', 'schedule', { off: true, time: '9' }],
    ['schedule', 'schedule', { off: false }],
    ['settings size=8 min-upvotes=5', 'settings', { size: 8, min_upvotes: 5 }],
    ['settings size=50', 'settings', { size: 50 }],
    ['settings min-upvotes=-1', 'settings', { min_upvotes: -1 }],
    ['topics', 'topics', {}],
    ['frobnicate', 'frobnicate', {}],
  ])('`%s`', (text, sub, values) => {
    expect(outcome(discord(sub, values))).toEqual(outcome(parse(text)));
  });

  it('no subcommand at all is help, as empty text is', () => {
    expect(commandOf(undefined)).toEqual(parse(''));
    expect(commandFromValues(undefined, {})).toEqual({ name: 'help' });
  });
});

describe('the table drives help, Discord and the permission check', () => {
  it('Discord offers each subcommand with the arguments the table lists, in its order', () => {
    const offered = papersCommand().options.map((o) => [o.name, o.options.map((a) => a.name)]);
    expect(offered).toEqual(SUBCOMMANDS.map((name) => [name, SUBCOMMAND_TABLE[name].arguments.map((a) => a.name)]));
  });

  const ctx = (canManage: boolean): CommandContext => ({ channel: 'terminal:test', user: { id: 'U1', name: 'ada' }, canManage, managePermission: 'Manage Channels', now: new Date('2025-06-11T12:00:00Z') });
  const REFUSED = (what: string) => `Changing this channel's ${what} needs the Manage Channels permission, which you do not have here.`;

  it.each<[string | Command, string]>([
    ['schedule nine', REFUSED('schedule')],
    [discord('schedule', { time: 'nine' }), REFUSED('schedule')],
    ['settings size=50', REFUSED('settings')],
    [discord('settings', { size: 50 }), REFUSED('settings')],
    ['subscribe', REFUSED('topics')],
    [discord('unsubscribe', { topic: 'all' }), REFUSED('topics')],
  ])('a member without the permission hears that first, whatever else is wrong: %j', async (input, message) => {
    const h = await commandHarness();
    const reply = await runCommand(input, ctx(false), { archive: h.archive, channels: h.channels, likes: h.likes, commandName: '/papers', logger: silentLogger });
    expect(reply.heading).toBe(message);
    expect(await h.channels.exists('terminal:test')).toBe(false);
  });

  it.each(['schedule', 'settings', 'topics', 'today 3'])('`%s` needs no permission', async (text) => {
    const h = await commandHarness();
    const reply = await runCommand(text, ctx(false), { archive: h.archive, channels: h.channels, likes: h.likes, commandName: '/papers', logger: silentLogger });
    expect(reply.kind).not.toBe('error');
  });
});
