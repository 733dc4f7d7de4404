import type { DigestStyle } from '../channels/channel-state.js';
import type { CommandRefusal } from './command-refusal.js';

/** A time zone as the member gave it: its IANA name, and the abbreviation it was read from, if any. */
export interface ZoneChange {
  name: string;
  /** `CET` when the member typed CET and it was taken as `Europe/Berlin`. */
  abbreviation?: string;
}

/** The parts of a schedule a member changes; what is left out keeps its stored value. */
export interface ScheduleChange {
  /** `HH:MM`. */
  time?: string;
  zone?: ZoneChange;
  /** Day numbers, 0 = Sunday, ascending. */
  days?: number[];
}

export type UnsubscribeTarget = { all: true } | { number: number } | { query: string };

/** One `/papers` command, its arguments read and checked: what a handler runs. */
export type AcceptedCommand =
  | { name: 'help' }
  | { name: 'today'; count?: number }
  | { name: 'week'; count?: number }
  | { name: 'search'; query: string; page: number; share: boolean }
  | { name: 'paper'; id: string }
  | { name: 'similar'; id: string }
  | { name: 'subscribe'; query: string }
  | { name: 'unsubscribe'; target: UnsubscribeTarget }
  | { name: 'topics' }
  | { name: 'schedule'; change?: ScheduleChange | 'off' }
  | { name: 'settings'; size?: number; minUpvotes?: number; style?: DigestStyle; taste?: 'on' | 'off' }
  | { name: 'status' }
  | { name: 'follow'; query: string; dm: boolean }
  | { name: 'follows' }
  | { name: 'unfollow'; target: UnsubscribeTarget }
  | { name: 'top'; period: TopPeriod; count?: number };

/** Which likes `top` counts: those given in the last 7 or 30 days, or all of them. */
export type TopPeriod = 'week' | 'month' | 'all';

/**
 * Input the grammar refused, as a command whose answer is the refusal: text and a platform's typed
 * form pass it on the same way, and `runCommand` words it with the bot's command name.
 */
export interface RefusedCommand {
  name: 'refused';
  refusal: CommandRefusal;
}

/** What the grammar reads from text, a platform's form or a button. */
export type Command = AcceptedCommand | RefusedCommand;

export type CommandOf<Name extends AcceptedCommand['name']> = Extract<AcceptedCommand, { name: Name }>;

/** Whether the member gave any argument (`schedule` shows, `schedule 9` changes). */
export function hasArguments(command: AcceptedCommand): boolean {
  return Object.entries(command).some(([key, value]) => key !== 'name' && value !== undefined);
}

const DAY_WORDS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function formatSchedule(change: ScheduleChange | 'off' | undefined): string[] {
  if (change === undefined) return [];
  if (change === 'off') return ['off'];
  const zone = change.zone && (change.zone.abbreviation ?? change.zone.name);
  const days = change.days?.map((day) => DAY_WORDS[day]).join(',');
  return [change.time, zone, days].filter((part): part is string => part !== undefined);
}

function formatTarget(target: UnsubscribeTarget): string {
  if ('all' in target) return 'all';
  return 'number' in target ? String(target.number) : target.query;
}

/**
 * The command as a member would type it (without `/papers`): what More and Share buttons carry,
 * and what the grammar reads back into the same command. Messages already posted carry this text,
 * so its form stays as it is (`search video --page 2`, `search video --share`).
 */
export function formatCommand(command: AcceptedCommand): string {
  const words = ((): (string | number | undefined)[] => {
    switch (command.name) {
      case 'help':
      case 'topics':
      case 'status':
      case 'follows':
        return [];
      case 'today':
      case 'week':
        return [command.count];
      case 'search':
        return [command.query, command.page > 1 ? `--page ${command.page}` : undefined, command.share ? '--share' : undefined];
      case 'paper':
      case 'similar':
        return [command.id];
      case 'subscribe':
        return [command.query];
      case 'unsubscribe':
      case 'unfollow':
        return [formatTarget(command.target)];
      case 'follow':
        return [command.query, command.dm ? '--dm' : undefined];
      case 'schedule':
        return formatSchedule(command.change);
      case 'top':
        return [command.period, command.count];
      case 'settings':
        return [
          command.size === undefined ? undefined : `size=${command.size}`,
          command.minUpvotes === undefined ? undefined : `min-upvotes=${command.minUpvotes}`,
          command.style === undefined ? undefined : `style=${command.style}`,
          command.taste === undefined ? undefined : `taste=${command.taste}`,
        ];
    }
  })();
  return [command.name, ...words.filter((word) => word !== undefined)].join(' ');
}
