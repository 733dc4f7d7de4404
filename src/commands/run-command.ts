import { withLikeCounts } from '../likes/like-counts.js';
import type { Logger } from '../log.js';
import { StoreUnavailableError } from '../store.js';
import { hasArguments, type Command, type CommandOf } from './command.js';
import type { CommandContext, CommandDeps } from './command-context.js';
import { follow, follows, unfollow } from './handlers/follows.js';
import { helpReply } from './handlers/help.js';
import { paper, search, today, week } from './handlers/papers.js';
import { schedule } from './handlers/schedule.js';
import { settings } from './handlers/settings.js';
import { similar } from './handlers/similar.js';
import { status } from './handlers/status.js';
import { top } from './handlers/top.js';
import { subscribe, topics, unsubscribe } from './handlers/topics.js';
import { parseCommand } from './parse-command.js';
import { errorReply, type Reply } from './reply.js';
import { SUBCOMMAND_TABLE, type Subcommand, type SubcommandSpec } from './subcommands.js';

type Handler<C extends Command = Command> = (command: C, ctx: CommandContext, deps: CommandDeps) => Promise<Reply>;

/** Papers offer "Similar" on each, when `similar`, and a 👍 showing the channel's count. */
const withPaperButtons = <C extends Command>(handler: Handler<C>, similar = true): Handler<C> => async (command, ctx, deps) => {
  const reply = await handler(command, ctx, deps);
  if (reply.kind !== 'papers' || reply.papers.length === 0) return reply;
  // Papers are answered from memory: a store that does not answer costs only the 👍 buttons.
  const likes = await deps.likes.of(ctx.channel).catch(() => undefined);
  if (!likes) return similar ? { ...reply, similar: true } : reply;
  return { ...reply, papers: withLikeCounts(reply.papers, likes), likes: true, ...(similar && { similar: true }) };
};

const HANDLERS: { [Name in Subcommand]: Handler<CommandOf<Name>> } = {
  help: async (_command, _ctx, deps) => helpReply(deps.commandName),
  today: withPaperButtons(today),
  week: withPaperButtons(week),
  search: withPaperButtons(search),
  paper: withPaperButtons(paper),
  similar: withPaperButtons(similar, false),
  subscribe,
  unsubscribe,
  topics,
  schedule,
  settings,
  status,
  follow,
  follows,
  unfollow,
  top: withPaperButtons(top),
};

/** What a command changes, when it changes the channel: that needs the platform's manage permission. */
function changes(asked: { name: Subcommand; withArguments: boolean }): string | undefined {
  const spec: SubcommandSpec = SUBCOMMAND_TABLE[asked.name];
  if (!spec.changes) return undefined;
  return spec.changes.when === 'always' || asked.withArguments ? spec.changes.what : undefined;
}

/** The refusal when the member may not change the channel, or undefined when they may. */
async function permissionRefusal(what: string, ctx: CommandContext, deps: { logger: Logger }): Promise<Reply | undefined> {
  let allowed: boolean;
  try {
    allowed = typeof ctx.canManage === 'function' ? await ctx.canManage() : ctx.canManage;
  } catch (error) {
    deps.logger.warn({ channel: ctx.channel, error: String(error) }, 'could not check a member\'s permission');
    return errorReply(`The bot could not check whether you have the ${ctx.managePermission} permission right now, so nothing was changed. Try again in a minute.`);
  }
  return allowed ? undefined : errorReply(`Changing this channel's ${what} needs the ${ctx.managePermission} permission, which you do not have here.`);
}

/** Runs one `/papers …` command and returns what the user sees; it never throws. */
export async function runCommand(input: string | Command, ctx: CommandContext, deps: CommandDeps & { logger: Logger }): Promise<Reply> {
  const command = typeof input === 'string' ? parseCommand(input, deps.commandName) : input;
  const asked = command.name === 'refused' ? command.refusal.asked : { name: command.name, withArguments: hasArguments(command) };
  const changed = asked && changes(asked);
  if (changed) {
    const refusal = await permissionRefusal(changed, ctx, deps);
    if (refusal) return refusal;
  }
  if (command.name === 'refused') return errorReply(command.refusal.message(deps.commandName));
  try {
    const reply = await (HANDLERS[command.name] as Handler)(command, ctx, deps);
    // A channel that changed anything is enrolled in digests; this process follows it at once, the others through the store.
    if (reply.kind !== 'error' && changed) await deps.onChannelChange?.(ctx.channel);
    return reply;
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      deps.logger.error({ channel: ctx.channel, command: command.name, error: error.message }, 'store unavailable during a command');
      return errorReply('The bot cannot reach its storage right now, so nothing was changed. Try again in a minute.');
    }
    deps.logger.error({ channel: ctx.channel, command: command.name, error: String(error), stack: (error as Error).stack }, 'command failed');
    return errorReply('Something went wrong on the bot\'s side and nothing was changed. Try again, or tell whoever runs the bot.');
  }
}
