import type { Logger } from '../log.js';
import { StoreUnavailableError } from '../store.js';
import type { CommandContext, CommandDeps } from './command-context.js';
import { helpReply } from './handlers/help.js';
import { paper, search, today, week } from './handlers/papers.js';
import { schedule } from './handlers/schedule.js';
import { settings } from './handlers/settings.js';
import { similar } from './handlers/similar.js';
import { subscribe, topics, unsubscribe } from './handlers/topics.js';
import { parseCommand, type Subcommand } from './parse-command.js';
import { errorReply, type Reply } from './reply.js';

type Handler = (args: string, ctx: CommandContext, deps: CommandDeps) => Promise<Reply>;

/** Lists of papers offer "Similar" on each. */
const offeringSimilar = (handler: Handler): Handler => async (args, ctx, deps) => {
  const reply = await handler(args, ctx, deps);
  return reply.kind === 'papers' ? { ...reply, similar: true } : reply;
};

const HANDLERS: Record<Subcommand, Handler> = {
  help: async (_args, _ctx, deps) => helpReply(deps.commandName),
  today: offeringSimilar(today),
  week: offeringSimilar(week),
  search: offeringSimilar(search),
  paper: offeringSimilar(paper),
  similar,
  subscribe,
  unsubscribe,
  topics,
  schedule,
  settings,
};

/** Changing these needs the platform's manage permission; reading them (no arguments) does not. */
function changesChannel(name: Subcommand, args: string): boolean {
  if (name === 'subscribe' || name === 'unsubscribe') return true;
  return (name === 'schedule' || name === 'settings') && args.length > 0;
}

export const MAX_COMMAND_LENGTH = 1_000;

/** Runs one `/papers …` command and returns what the user sees; it never throws. */
export async function runCommand(text: string, ctx: CommandContext, deps: CommandDeps & { logger: Logger }): Promise<Reply> {
  const command = deps.commandName;
  if (text.length > MAX_COMMAND_LENGTH) {
    return errorReply(`That command is ${text.length} characters long; keep it under ${MAX_COMMAND_LENGTH}.`);
  }
  const parsed = parseCommand(text, command);
  if (!parsed.ok) {
    const hint = parsed.suggestion ? `Did you mean \`${command} ${parsed.suggestion}\`? ` : '';
    return errorReply(`There is no \`${command} ${parsed.unknown.slice(0, 40)}\`. ${hint}Type \`${command} help\` for the list.`);
  }
  if (changesChannel(parsed.name, parsed.args)) {
    let allowed: boolean;
    try {
      allowed = typeof ctx.canManage === 'function' ? await ctx.canManage() : ctx.canManage;
    } catch (error) {
      deps.logger.warn({ channel: ctx.channel, error: String(error) }, 'could not check a member\'s permission');
      return errorReply(`The bot could not check whether you have the ${ctx.managePermission} permission right now, so nothing was changed. Try again in a minute.`);
    }
    if (!allowed) {
      return errorReply(`Changing this channel's ${parsed.name === 'subscribe' || parsed.name === 'unsubscribe' ? 'topics' : parsed.name} needs the ${ctx.managePermission} permission, which you do not have here.`);
    }
  }
  try {
    const reply = await HANDLERS[parsed.name](parsed.args, ctx, deps);
    // A channel that changed anything is enrolled in digests; this process follows it at once, the others through the store.
    if (reply.kind !== 'error' && changesChannel(parsed.name, parsed.args)) await deps.onChannelChange?.(ctx.channel);
    return reply;
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      deps.logger.error({ channel: ctx.channel, command: parsed.name, error: error.message }, 'store unavailable during a command');
      return errorReply('The bot cannot reach its storage right now, so nothing was changed. Try again in a minute.');
    }
    deps.logger.error({ channel: ctx.channel, command: parsed.name, error: String(error), stack: (error as Error).stack }, 'command failed');
    return errorReply('Something went wrong on the bot\'s side and nothing was changed. Try again, or tell whoever runs the bot.');
  }
}
