import { DIGEST_STYLES, MAX_DIGEST_SIZE, MAX_FOLLOWS_PER_MEMBER } from '../channels/channel-state.js';
import { MAX_QUERY_LENGTH } from '../search/query.js';
import { SEARCH_PAGE_SIZE } from './handlers/papers.js';

/** The most papers `today` and `week` show. */
export const MAX_LIST = 20;
/** The highest `--page` a search takes. */
export const MAX_SEARCH_PAGE = 9999;
/** The highest minimum upvote count a channel can set; no paper has ever come near it. */
export const MAX_MIN_UPVOTES = 100_000;

/** One argument of a subcommand; `name` is also the option name a platform's typed form uses. */
export interface ArgumentSpec {
  name: string;
  kind: 'integer' | 'text' | 'flag';
  /** Shown in the platform's form; an integer's range is added to it. */
  description: string;
  required?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  choices?: readonly string[];
  /** The platform suggests values as the member types (the channel's topics, time zones). */
  autocomplete?: boolean;
}

export interface SubcommandSpec {
  /** Shown in the platform's command list. */
  description: string;
  /** What follows the subcommand's name in its help line: `<query> [--page N] [--share]`. */
  usage?: string;
  summary?: string;
  /** A whole command (without `/papers`), shown after `e.g.`. */
  example?: string;
  /** The rest of the help line after the example, given the command's name. */
  more?: (command: string) => string;
  /** Help lines of their own after this one. */
  notes?: readonly string[];
  arguments: readonly ArgumentSpec[];
  /** Changing the channel needs the manage permission: always, or only when arguments are given. */
  changes?: { what: string; when: 'always' | 'with-arguments' };
}

const integer = (name: string, description: string, min: number, max: number) => ({ name, kind: 'integer', description, min, max }) as const;
export const LIST_COUNT = integer('count', 'How many papers', 1, MAX_LIST);
const count = LIST_COUNT;
const paperId = { name: 'id', kind: 'text', description: 'arXiv id or Hugging Face / arXiv link', required: true, maxLength: 200 } as const;
/** Settings by their names in text (`min-upvotes`), with the example each message and the help give. */
export const SETTINGS = {
  size: { ...integer('size', 'Papers per digest', 1, MAX_DIGEST_SIZE), field: 'size', example: 8 },
  'min-upvotes': { ...integer('min_upvotes', 'Leave out papers with fewer upvotes', 0, MAX_MIN_UPVOTES), field: 'minUpvotes', example: 5 },
  style: { name: 'style', kind: 'text', description: 'How the digest looks', choices: DIGEST_STYLES, field: 'style', example: 'compact' },
  taste: { name: 'taste', kind: 'text', description: "Lift digest papers like the ones this channel liked", choices: ['on', 'off'], field: 'taste', example: 'off' },
} as const;
const { size, 'min-upvotes': minUpvotes, style, taste } = SETTINGS;
export const SEARCH_PAGE = integer('page', `Which page of results, ${SEARCH_PAGE_SIZE} a page`, 1, MAX_SEARCH_PAGE);

/** `1–20`, as every message and description names a range. */
export const range = (spec: { min: number; max: number }) => `${spec.min}–${spec.max}`;

/** Every subcommand, in the order platforms list them; help lists `help` last. */
export const SUBCOMMAND_TABLE = {
  help: { description: 'Every subcommand with an example', summary: 'this list', arguments: [] },
  today: {
    description: "The latest day's top papers",
    usage: `[${range(count)}]`,
    summary: "the latest day's top papers",
    example: 'today 10',
    arguments: [count],
  },
  week: { description: 'The top of the last seven days', usage: `[${range(count)}]`, summary: 'the top of the last seven days', arguments: [count] },
  search: {
    description: 'Ranked papers with why each matched',
    usage: '<query> [--page N] [--share]',
    summary: `ranked papers, ${SEARCH_PAGE_SIZE} a page; \`--share\` posts them to the channel`,
    arguments: [
      { name: 'query', kind: 'text', description: 'Words, "phrases", -excluded, OR, prefix*, author:, org:, title:', required: true, maxLength: MAX_QUERY_LENGTH },
      { name: 'share', kind: 'flag', description: 'Post the answer to the channel' },
      SEARCH_PAGE,
    ],
  },
  paper: { description: 'One paper in full', usage: '<arXiv id or link>', summary: 'one paper in full', example: 'paper 2406.12345', arguments: [paperId] },
  similar: {
    description: 'The papers most like one, with the words they share',
    usage: '<arXiv id or link>',
    summary: 'the papers most like one',
    arguments: [paperId],
  },
  subscribe: {
    description: "Lead this channel's digest with papers matching a query",
    usage: '<query>',
    summary: 'digests lead with papers that match',
    example: 'subscribe "video generation" OR author:hinton',
    arguments: [{ name: 'query', kind: 'text', description: 'e.g. "world model" -video', required: true, maxLength: MAX_QUERY_LENGTH }],
    changes: { what: 'topics', when: 'always' },
  },
  unsubscribe: {
    description: 'Remove a topic',
    usage: '<number | query | all>',
    example: 'unsubscribe 2',
    arguments: [{ name: 'topic', kind: 'text', description: 'The topic (or all)', required: true, autocomplete: true, maxLength: 256 }],
    changes: { what: 'topics', when: 'always' },
  },
  topics: { description: "This channel's topics", summary: "this channel's topics, numbered", arguments: [] },
  schedule: {
    description: "Show or set this channel's digest time; what you leave out stays as it is",
    usage: '[time] [zone] [days]',
    example: 'schedule 9:30 Europe/Berlin weekdays',
    more: (c) => `; a part alone changes only it, e.g. \`${c} schedule weekends\`; \`${c} schedule off\``,
    notes: ['Time: `9`, `9:30`, `21:00`, `9pm`. Zone: `Europe/Berlin` (any IANA name), `UTC`, `CET`, `PST`… Days: `weekdays`, `weekends`, `daily`, `mon,wed,fri`, `mon-fri`'],
    arguments: [
      { name: 'time', kind: 'text', description: 'e.g. 9, 9:30, 21:00 or 9pm', maxLength: 8 },
      { name: 'timezone', kind: 'text', description: 'An IANA time zone like Europe/Berlin, or UTC, CET, PST, EST, JST', autocomplete: true, maxLength: 64 },
      { name: 'days', kind: 'text', description: 'weekdays, weekends, daily, mon,wed,fri or mon-fri', maxLength: 40 },
      { name: 'off', kind: 'flag', description: 'Turn the digest off' },
    ],
    changes: { what: 'schedule', when: 'with-arguments' },
  },
  settings: {
    description: 'Show or change digest size, minimum upvotes, style and taste',
    usage: `[size=${range(size)}] [min-upvotes=${range(minUpvotes)}] [style=…] [taste=${taste.choices.join('|')}]`,
    example: `settings size=${size.example} min-upvotes=${minUpvotes.example}`,
    more: (c) => `; \`${c} settings\` shows them`,
    notes: [`Style: ${style.choices.map((c) => `\`${c}\``).join(', ')}. Taste: 👍 lifts papers like the liked ones (\`on\` by itself from 3 likes)`],
    arguments: [size, minUpvotes, style, taste],
    changes: { what: 'settings', when: 'with-arguments' },
  },
  status: {
    description: "This channel's schedule, next and last digest, and why digests stopped, if they did",
    summary: 'schedule, last and next digest, and any pause with how to resume',
    arguments: [],
  },
  follow: {
    description: 'Be mentioned when a digest here has a paper matching your query',
    usage: '<query> [--dm]',
    summary: `digest papers that match mention you; \`--dm\`: privately (up to ${MAX_FOLLOWS_PER_MEMBER})`,
    example: 'follow "world model"',
    arguments: [
      { name: 'query', kind: 'text', description: 'e.g. "world model" -video', required: true, maxLength: MAX_QUERY_LENGTH },
      { name: 'dm', kind: 'flag', description: 'A direct message after the digest instead of a mention' },
    ],
  },
  follows: { description: 'Your follows in this channel', summary: 'your follows in this channel, numbered', arguments: [] },
  unfollow: {
    description: 'Remove one of your follows',
    usage: '<number | query | all>',
    example: 'unfollow 1',
    arguments: [{ name: 'follow', kind: 'text', description: 'The follow (or all)', required: true, maxLength: 256 }],
  },
  top: {
    description: "This channel's most liked papers, with who liked them",
    usage: `[week|month|all] [${range(count)}]`,
    summary: 'the most liked papers here, and by whom',
    example: 'top month 5',
    arguments: [{ name: 'period', kind: 'text', description: 'Count the likes of the last week (the default), month, or all', choices: ['week', 'month', 'all'] }, count],
  },
} as const satisfies Record<string, SubcommandSpec>;

export type Subcommand = keyof typeof SUBCOMMAND_TABLE;
export const SUBCOMMANDS = Object.keys(SUBCOMMAND_TABLE) as Subcommand[];
