import { plural } from './plural.js';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { parseChannelKey } from '../../src/channels/channel-key.js';
import { composeDigest, digestReply } from '../../src/digest/compose-digest.js';
import { loadPaperFiles, PaperFileError } from '../../src/papers/files.js';
import { QueryError, parseQuery } from '../../src/search/query.js';
import { searchPapers } from '../../src/search/search-papers.js';
import { queryFromWords, UsageError, type CliArgs } from './args.js';
import { renderPaperTable } from './render-table.js';
import { PLATFORMS } from '../platforms.js';

import { withArchive, type CliIo } from './archive-session.js';
import { backfillCommand } from './backfill-command.js';
import { searchBatch } from './search-batch.js';

export { fileLogger, importData, withArchive, type CliIo } from './archive-session.js';

type CoreCommand = (args: CliArgs, io: CliIo) => Promise<number>;

/** The subcommands that need only the core: parse, search, today, digest, backfill. */
export const coreCommands: Record<string, CoreCommand> = {
  async parse(args, io) {
    if (args.positionals.length === 0) throw new UsageError('parse needs at least one file, e.g. papers-bot parse day.json --json');
    const loaded = await loadPaperFiles(args.positionals);
    for (const bad of loaded.badFiles) io.err(`skipped ${bad.reason}`);
    for (const skip of loaded.skipped) io.err(`skipped ${skip.file} item ${skip.index}: ${skip.reason}`);
    io.out(args.json ? JSON.stringify(loaded.papers, null, 2) : renderPaperTable(loaded.papers));
    return 0;
  },

  async search(args, io) {
    if (args.batch !== undefined) return searchBatch(args, io);
    const text = queryFromWords(args.positionals);
    if (!text.trim()) throw new UsageError('search needs a query, e.g. papers-bot search "world model" -video --data ./papers');
    let query;
    try {
      query = parseQuery(text);
    } catch (error) {
      if (error instanceof QueryError) throw new UsageError(error.message);
      throw error;
    }
    return withArchive(args, io, async (core) => {
      const page = searchPapers(core.archive.index, query, { limit: args.limit ?? 10 });
      io.out(args.json ? JSON.stringify(page.hits, null, 2) : `${plural(page.total, 'paper matches', 'papers match')}.\n${renderPaperTable(page.hits)}`);
      return 0;
    });
  },

  async digest(args, io) {
    if (!args.channel || !isChannelKey(args.channel)) {
      throw new UsageError('digest needs --channel <key>, e.g. --channel slack:T0123:C0456 or --channel terminal:local');
    }
    const at = new Date(args.at ?? Date.now());
    return withArchive(args, io, async (core) => {
      const channels = new ChannelStore(core.store, core.logger);
      const digest = composeDigest(await channels.get(args.channel!), await channels.history(args.channel!), core.archive, at);
      const reply = digestReply(digest, core.config.commandName);
      if (args.json) {
        io.out(JSON.stringify({ channel: args.channel, at: at.toISOString(), throughDay: digest.throughDay, papers: digest.papers.map((p) => ({ ...p.paper, topic: p.topic ?? null, reasons: p.reasons })) }, null, 2));
      } else {
        io.out(digest.papers.length > 0 ? `${reply.heading}\n${renderPaperTable(digest.papers.map((p) => ({ ...p.paper, score: 0, reasons: p.reasons })))}` : 'Nothing new for this channel.');
      }
      return 0;
    });
  },

  async today(args, io) {
    return withArchive(args, io, async (core) => {
      const date = args.date ?? core.archive.latestDate();
      const papers = date ? core.archive.papersOn(date).slice(0, args.limit ?? 10) : [];
      if (args.json) io.out(JSON.stringify(papers, null, 2));
      else io.out(date ? `Daily Papers of ${date}\n${renderPaperTable(papers)}` : 'No papers.');
      return 0;
    });
  },

  backfill: backfillCommand,
};

/** A key of a channel some platform can have: its platform's, with a workspace where the platform has them. */
function isChannelKey(key: string): boolean {
  const address = parseChannelKey(key);
  const port = address && PLATFORMS.find((p) => p.name === address.platform);
  return Boolean(port && (address.workspace !== '') === port.workspaces);
}

/** Turns the errors a user can fix into a message and exit code 2. */
export function explainCliError(error: unknown, io: CliIo): number {
  if (error instanceof UsageError || error instanceof PaperFileError) {
    io.err(`papers-bot: ${error.message}`);
    return 2;
  }
  if (error instanceof Error && error.name === 'ConfigError') {
    io.err(error.message);
    return 2;
  }
  io.err(`papers-bot: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}
