import { infoReply, type Reply } from '../reply.js';

export function helpReply(command: string): Reply {
  return infoReply(`${command}: Hugging Face Daily Papers in this channel`, [
    `\`${command} today [N]\` — the latest day's top papers, e.g. \`${command} today 10\``,
    `\`${command} week [N]\` — the top of the last seven days`,
    `\`${command} search <query>\` — e.g. \`${command} search "world model" -video\`; add \`--share\` to post it to the channel`,
    `\`${command} paper <arXiv id or link>\` — one paper in full, e.g. \`${command} paper 2406.12345\``,
    `\`${command} subscribe <query>\` — digests lead with matching papers, e.g. \`${command} subscribe "video generation" OR author:hinton\``,
    `\`${command} unsubscribe <number | query | all>\` — e.g. \`${command} unsubscribe 2\``,
    `\`${command} topics\` — this channel's topics, numbered`,
    `\`${command} schedule <HH:MM> [time zone] [weekdays | daily | mon,wed,fri]\` — e.g. \`${command} schedule 09:00 Europe/Berlin weekdays\`; \`${command} schedule off\`; \`${command} schedule\` shows it`,
    `\`${command} settings [size=N] [min-upvotes=N]\` — e.g. \`${command} settings size=8 min-upvotes=5\``,
    'Queries: words (all must match), "exact phrase", -excluded, OR, author:, org:, title:',
  ]);
}
