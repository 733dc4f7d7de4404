import { cleanText, readCount, readPaperId, readTopic, readUnsubscribeTarget } from './argument-readers.js';
import type { AcceptedCommand, Command, CommandOf } from './command.js';
import { CommandRefusal } from './command-refusal.js';
import { readFollow, readUnfollowTarget } from './read-follow.js';
import { readSchedule } from './read-schedule.js';
import { readSearch } from './read-search.js';
import { readTop } from './read-top.js';
import { readSetting, readSettings, type SettingName } from './read-settings.js';
import { SETTINGS, SUBCOMMAND_TABLE, type Subcommand } from './subcommands.js';

/** Values a platform's form gives, by the table's argument names. */
export type NamedValues = Record<string, string | number | boolean | undefined>;

/** `value` when it is one, or the refusal standing in for the command. */
function build<T>(read: T | CommandRefusal, make: (value: T) => AcceptedCommand): AcceptedCommand | CommandRefusal {
  return read instanceof CommandRefusal ? read : make(read);
}

/** What follows a subcommand's name in text, read into the command. */
function fromText(name: Subcommand, args: string): AcceptedCommand | CommandRefusal {
  switch (name) {
    case 'help':
    case 'topics':
    case 'status':
    case 'follows':
      return { name };
    case 'follow':
      return readFollow(args);
    case 'unfollow':
      return build(readUnfollowTarget(args), (target) => ({ name, target }));
    case 'today':
    case 'week':
      return build(readCount(args, name), (count) => (count === undefined ? { name } : { name, count }));
    case 'search':
      return readSearch(args);
    case 'paper':
    case 'similar':
      return build(readPaperId(args, name), (id) => ({ name, id }));
    case 'subscribe':
      return build(readTopic(args), (query) => ({ name, query }));
    case 'unsubscribe':
      return build(readUnsubscribeTarget(args), (target) => ({ name, target }));
    case 'schedule':
      return readSchedule(args);
    case 'settings':
      return readSettings(args);
    case 'top':
      return readTop(args);
  }
}

/** A platform's typed values, read by the same readers as text, so both give the same command or refusal. */
function fromValues(name: Subcommand, values: NamedValues): AcceptedCommand | CommandRefusal {
  const text = (key: string) => (values[key] === undefined ? '' : cleanText(String(values[key])));
  switch (name) {
    case 'search':
      return readSearch(text('query'), { page: values.page === undefined ? undefined : text('page'), share: values.share === true });
    case 'follow':
      return readFollow(text('query'), values.dm === true);
    case 'top':
      return readTop([text('period'), text('count')].filter(Boolean).join(' '));
    case 'schedule':
      return readSchedule(values.off === true ? 'off' : [text('time'), text('timezone'), text('days')].filter(Boolean).join(' '));
    case 'settings': {
      const command: CommandOf<'settings'> = { name };
      for (const [setting, spec] of Object.entries(SETTINGS) as [SettingName, (typeof SETTINGS)[SettingName]][]) {
        const refused = values[spec.name] === undefined ? undefined : readSetting(command, setting, text(spec.name));
        if (refused) return refused;
      }
      return command;
    }
    default: {
      // The other subcommands take at most one argument, read as its text would be.
      const [only] = SUBCOMMAND_TABLE[name].arguments;
      return fromText(name, only ? text(only.name) : '');
    }
  }
}

/** A refusal as a command, marked with what was asked so that the permission check can come first. */
function asked(read: AcceptedCommand | CommandRefusal, name: Subcommand, withArguments: boolean): Command {
  if (!(read instanceof CommandRefusal)) return read;
  return { name: 'refused', refusal: read.asked ? read : new CommandRefusal(read.message, { name, withArguments }) };
}

/** A subcommand's arguments as typed after its name. */
export function readTextArguments(name: Subcommand, args: string): Command {
  return asked(fromText(name, args), name, args.length > 0);
}

/** A subcommand's arguments as a platform's form gives them. */
export function readNamedArguments(name: Subcommand, values: NamedValues): Command {
  const given = Object.values(values).some((value) => value !== undefined && value !== false && value !== '');
  return asked(fromValues(name, values), name, given);
}
