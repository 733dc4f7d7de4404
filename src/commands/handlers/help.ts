import { QUERY_FIELDS } from '../../search/query.js';
import { infoReply, type Reply } from '../reply.js';
import { MAX_LIST } from './papers.js';
import { SETTINGS } from './settings.js';

/** Every subcommand, option and query operator the grammar accepts, each with an example. */
export function helpReply(command: string): Reply {
  const { size, 'min-upvotes': minUpvotes } = SETTINGS;
  const fields = QUERY_FIELDS.map((field) => `\`${field}:\``).join(', ');
  return infoReply(`${command}: Hugging Face Daily Papers in this channel`, [
    `\`${command} today [1–${MAX_LIST}]\` — the latest day's top papers, e.g. \`${command} today 10\``,
    `\`${command} week [1–${MAX_LIST}]\` — the top of the last seven days`,
    `\`${command} search <query> [--page N] [--share]\` — ranked papers, 5 a page; \`--share\` posts them to the channel`,
    `\`${command} paper <arXiv id or link>\` — one paper in full, e.g. \`${command} paper 2406.12345\``,
    `\`${command} similar <arXiv id or link>\` — the papers most like one, with the words they share, e.g. \`${command} similar 2406.12345\``,
    `\`${command} subscribe <query>\` — digests lead with papers that match, e.g. \`${command} subscribe "video generation" OR author:hinton\``,
    `\`${command} unsubscribe <number | query | all>\` — e.g. \`${command} unsubscribe 2\``,
    `\`${command} topics\` — this channel's topics, numbered`,
    `\`${command} schedule [time] [zone] [days]\` — e.g. \`${command} schedule 9:30 Europe/Berlin weekdays\`; a part alone changes only it, e.g. \`${command} schedule weekends\`; \`${command} schedule off\`; \`${command} schedule\` shows it`,
    `Time: \`9\`, \`9:30\`, \`21:00\`, \`9pm\`. Zone: \`Europe/Berlin\` (any IANA name), \`UTC\`, \`CET\`, \`PST\`, \`EST\`, \`JST\`… Days: \`weekdays\`, \`weekends\`, \`daily\`, \`mon,wed,fri\`, \`mon-fri\``,
    `\`${command} settings [size=${size.min}–${size.max}] [min-upvotes=${minUpvotes.min}–${minUpvotes.max}]\` — e.g. \`${command} settings size=8 min-upvotes=5\`; \`${command} settings\` shows them`,
    `\`${command} help\` — this list`,
    `Queries: words (all must match), \`"exact phrase"\`, \`-excluded\`, \`a OR b\` (also \`a or b\`), \`(groups)\`, \`prefix*\`, ${fields} — e.g. \`(video OR audio) "world model" -diffusion\``,
  ]);
}
