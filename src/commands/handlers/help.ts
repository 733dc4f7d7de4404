import { QUERY_FIELDS } from '../../search/query.js';
import { infoReply, type Reply } from '../reply.js';
import { SUBCOMMAND_TABLE, SUBCOMMANDS, type Subcommand, type SubcommandSpec } from '../subcommands.js';

/** `` `/papers today [1–20]` — the latest day's top papers, e.g. `/papers today 10` ``, and its notes. */
function helpLines(command: string, name: Subcommand): string[] {
  const spec: SubcommandSpec = SUBCOMMAND_TABLE[name];
  const usage = spec.usage ? `${name} ${spec.usage}` : name;
  const example = spec.example && `e.g. \`${command} ${spec.example}\``;
  const text = [spec.summary, example].filter(Boolean).join(', ');
  return [`\`${command} ${usage}\` — ${text}${spec.more?.(command) ?? ''}`, ...(spec.notes ?? [])];
}

/** Every subcommand, option and query operator the grammar accepts, each with an example, from the table. */
export function helpReply(command: string): Reply {
  const fields = QUERY_FIELDS.map((field) => `\`${field}:\``).join(', ');
  const order = [...SUBCOMMANDS.filter((name) => name !== 'help'), 'help' as const];
  return infoReply(`${command}: Hugging Face Daily Papers in this channel`, [
    ...order.flatMap((name) => helpLines(command, name)),
    `Queries: words (all must match), \`"exact phrase"\`, \`-excluded\`, \`a OR b\` (also \`a or b\`), \`(groups)\`, \`prefix*\`, ${fields} — e.g. \`(video OR audio) "world model" -diffusion\``,
  ]);
}
