import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { MAX_LIST, MAX_SEARCH_PAGE } from '../../src/commands/handlers/papers.js';
import { SETTINGS } from '../../src/commands/handlers/settings.js';
import { MAX_QUERY_LENGTH } from '../../src/search/query.js';

const text = (name: string, description: string, extra: Record<string, unknown> = {}) => ({ type: ApplicationCommandOptionType.String, name, description, ...extra });
/** An integer option whose range is the grammar's, named in its description as the core's messages name it. */
const count = (name: string, description: string, min: number, max: number) => ({ type: ApplicationCommandOptionType.Integer, name, description: `${description} (${min}–${max})`, min_value: min, max_value: max });
const sub = (name: string, description: string, options: unknown[] = []) => ({ type: ApplicationCommandOptionType.Subcommand, name, description, options });

/** `/papers` with a subcommand for each command of the grammar; registered by `register-commands`. */
export function papersCommand(name = 'papers') {
  return {
    type: ApplicationCommandType.ChatInput,
    name,
    description: 'Hugging Face Daily Papers: search, topics and a daily digest',
    dm_permission: false,
    options: [
      sub('help', 'Every subcommand with an example'),
      sub('today', "The latest day's top papers", [count('count', 'How many papers', 1, MAX_LIST)]),
      sub('week', 'The top of the last seven days', [count('count', 'How many papers', 1, MAX_LIST)]),
      sub('search', 'Ranked papers with why each matched', [
        text('query', 'Words, "phrases", -excluded, OR, prefix*, author:, org:, title:', { required: true, max_length: MAX_QUERY_LENGTH }),
        { type: ApplicationCommandOptionType.Boolean, name: 'share', description: 'Post the answer to the channel' },
        count('page', 'Which page of results, 5 a page', 1, MAX_SEARCH_PAGE),
      ]),
      sub('paper', 'One paper in full', [text('id', 'arXiv id or Hugging Face / arXiv link', { required: true, max_length: 200 })]),
      sub('similar', 'The papers most like one, with the words they share', [text('id', 'arXiv id or Hugging Face / arXiv link', { required: true, max_length: 200 })]),
      sub('subscribe', "Lead this channel's digest with papers matching a query", [text('query', 'e.g. "world model" -video', { required: true, max_length: MAX_QUERY_LENGTH })]),
      sub('unsubscribe', 'Remove a topic', [text('topic', 'The topic (or all)', { required: true, autocomplete: true, max_length: 256 })]),
      sub('topics', "This channel's topics"),
      sub('schedule', "Show or set this channel's digest time; what you leave out stays as it is", [
        text('time', 'e.g. 9, 9:30, 21:00 or 9pm', { max_length: 8 }),
        text('timezone', 'An IANA time zone like Europe/Berlin, or UTC, CET, PST, EST, JST', { autocomplete: true, max_length: 64 }),
        text('days', 'weekdays, weekends, daily, mon,wed,fri or mon-fri', { max_length: 40 }),
        { type: ApplicationCommandOptionType.Boolean, name: 'off', description: 'Turn the digest off' },
      ]),
      sub('settings', 'Show or change digest size and minimum upvotes', [
        count('size', 'Papers per digest', SETTINGS.size.min, SETTINGS.size.max),
        count('min_upvotes', 'Leave out papers with fewer upvotes', SETTINGS['min-upvotes'].min, SETTINGS['min-upvotes'].max),
      ]),
    ],
  };
}

export interface InteractionOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: InteractionOption[];
}

/** The subcommand and its options, as the grammar's text: `search "world model" -video --share`. */
export function commandTextOf(options: InteractionOption[] | undefined): string {
  const subcommand = options?.[0];
  if (!subcommand) return 'help';
  const values = new Map((subcommand.options ?? []).map((o) => [o.name, o.value]));
  const get = (key: string) => (values.get(key) === undefined ? '' : String(values.get(key)));
  switch (subcommand.name) {
    case 'today':
    case 'week':
      return `${subcommand.name} ${get('count')}`.trim();
    case 'search':
      return `search ${get('query')}${values.has('page') ? ` --page ${get('page')}` : ''}${values.get('share') === true ? ' --share' : ''}`;
    case 'paper':
    case 'similar':
      return `${subcommand.name} ${get('id')}`;
    case 'subscribe':
      return `subscribe ${get('query')}`;
    case 'unsubscribe':
      return `unsubscribe ${get('topic')}`;
    case 'schedule':
      if (values.get('off') === true) return 'schedule off';
      return ['schedule', get('time'), get('timezone'), get('days')].filter(Boolean).join(' ');
    case 'settings':
      return ['settings', values.has('size') ? `size=${get('size')}` : '', values.has('min_upvotes') ? `min-upvotes=${get('min_upvotes')}` : ''].filter(Boolean).join(' ');
    default:
      return subcommand.name;
  }
}

/** The option being typed in an autocomplete interaction. */
export function focusedOption(options: InteractionOption[] | undefined): { subcommand: string; name: string; value: string } | undefined {
  const subcommand = options?.[0];
  const focused = subcommand?.options?.find((o) => o.focused);
  return subcommand && focused ? { subcommand: subcommand.name, name: focused.name, value: String(focused.value ?? '') } : undefined;
}
