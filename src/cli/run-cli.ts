import { readFile } from 'node:fs/promises';
import { configSecrets, loadConfig, type Config } from '../../config/config.js';
import { createCore, type Core } from '../core.js';
import { createFileLogger, createLogger, TERMINAL_LOG_FILE, type Logger } from '../log.js';
import { backfill, firstDayOf } from '../papers/backfill.js';
import { createHfClient, HfSourceError } from '../papers/hf-client.js';
import { dayOf } from '../papers/days.js';
import { progressBar } from './progress-bar.js';
import { plural } from './plural.js';
import { ChannelStore } from '../channels/channel-store.js';
import { parseChannelKey } from '../channels/channel-key.js';
import { composeDigest, digestReply } from '../digest/compose-digest.js';
import { loadPaperFiles, PaperFileError } from '../papers/files.js';
import { QueryError, parseQuery } from '../search/query.js';
import { searchPapers } from '../search/search-papers.js';
import { queryFromWords, UsageError, type CliArgs } from './args.js';
import { renderPaperTable } from './render-table.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

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
    if (!args.channel || !parseChannelKey(args.channel)) {
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

  async backfill(args, io) {
    if (!args.since) throw new UsageError('backfill needs --since, a month or a day, e.g. papers-bot backfill --since 2025-01 (--until defaults to today).');
    const config = loadConfig();
    const now = new Date();
    const range = { since: firstDayOf(args.since), until: args.until ?? dayOf(now) };
    if (range.since > range.until) throw new UsageError(`--since ${range.since} is after --until ${range.until}.`);
    const onTerminal = Boolean(process.stderr.isTTY);
    const logger = onTerminal ? fileLogger(config, io) : createLogger(config.logLevel, undefined, configSecrets(config));
    const core = await createCore(config, logger, { online: false });
    const client = createHfClient({ ...config.huggingFace, logger, minIntervalMs: config.backfillGapMs });
    const bar = progressBar('Backfill', 'days', '{papers} papers | {month}');
    const stopped = new AbortController();
    const stop = (signal: NodeJS.Signals) => stopped.abort(signal);
    process.once('SIGINT', stop).once('SIGTERM', stop);
    let month = range.since.slice(0, 7);
    try {
      const summary = await backfill({
        archive: core.archive,
        markers: core.store.namespace('backfill'),
        fetchMonth: (asked, signal) => {
          month = asked;
          return client.fetchDaily({ month: asked }, signal);
        },
        range,
        now,
        signal: stopped.signal,
        onProgress: (progress) => bar.update(progress.daysDone, progress.totalDays, { papers: progress.papers, month: progress.month }),
      });
      bar.stop();
      io.out(
        `Backfilled ${summary.since} to ${summary.until}: ${plural(summary.days, 'day')} with papers, ${plural(summary.papers, 'paper')} ` +
          `(${plural(summary.monthsFetched, 'month')} fetched, ${summary.monthsKept} already done${summary.skipped ? `, ${plural(summary.skipped, 'item')} skipped as malformed` : ''}).`,
      );
      return 0;
    } catch (error) {
      bar.stop();
      if (stopped.signal.aborted) {
        io.err(`Backfill stopped at ${month}; the months before it are kept. Run the same command again to go on.`);
        return stopped.signal.reason === 'SIGTERM' ? 143 : 130;
      }
      if (error instanceof HfSourceError) {
        io.err(`papers-bot: backfill stopped at ${month}: ${error.message}. The months before it are kept; run the same command again to go on.`);
        return 1;
      }
      throw error;
    } finally {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      await core.close();
    }
  },
};

/**
 * `search --batch <file>`: one query per line against one loaded archive, one answer per line in
 * order. A bad query is answered with its error and the batch goes on; blank lines are skipped.
 */
async function searchBatch(args: CliArgs, io: CliIo): Promise<number> {
  if (args.positionals.length > 0) {
    throw new UsageError(`search --batch reads its queries from the file; drop the query words (${queryFromWords(args.positionals)}) or --batch.`);
  }
  const lines = (await readBatch(args.batch!)).split(/\r?\n/).filter((line) => line.trim());
  return withArchive(args, io, async (core) => {
    for (const line of lines) {
      const query = line.trim();
      let parsed;
      try {
        parsed = parseQuery(query);
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
        io.out(args.json ? JSON.stringify({ query, error: error.message }) : `${query}\n  error: ${error.message}\n`);
        continue;
      }
      const page = searchPapers(core.archive.index, parsed, { limit: args.limit ?? 10 });
      io.out(args.json ? JSON.stringify({ query, total: page.total, hits: page.hits }) : `${query}\n${plural(page.total, 'paper matches', 'papers match')}.\n${renderPaperTable(page.hits)}\n`);
    }
    return 0;
  });
}

/** The batch's text: a file, or standard input for `-`. */
async function readBatch(source: string): Promise<string> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(source, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`--batch ${source}: ${reason}; give a text file with one query per line, or - for standard input.`);
  }
}

/** Logs to a file, named once, so they never cross a progress bar or the prompt. */
export function fileLogger(config: Config, io: CliIo): Logger {
  try {
    const logger = createFileLogger(config.logLevel, TERMINAL_LOG_FILE, configSecrets(config));
    io.err(`Logs go to ${TERMINAL_LOG_FILE}.`);
    return logger;
  } catch {
    return createLogger('error', undefined, configSecrets(config));
  }
}

/** Opens the configured archive offline, imports --data first, and refuses an empty archive. */
export async function withArchive(args: CliArgs, io: CliIo, run: (core: Core) => Promise<number>): Promise<number> {
  const config = loadConfig();
  const core = await createCore(config, createLogger(config.logLevel, undefined, configSecrets(config)), { online: false });
  try {
    await importData(core, args.data, io);
    if (!core.archive.hasPapers) {
      throw new UsageError('The archive holds no papers yet: add --data <file-or-dir> with Daily Papers JSON or page text.');
    }
    return await run(core);
  } finally {
    await core.close();
  }
}

/** Imports files into the archive, with a progress bar on a terminal and one summary line. */
export async function importData(core: Core, paths: string[], io: CliIo): Promise<void> {
  if (paths.length === 0) return;
  const bar = progressBar('Import', 'files', '{papers} papers');
  let loaded;
  try {
    loaded = await loadPaperFiles(paths, { onFile: (done, total, papers) => bar.update(done, total, { papers }) });
  } finally {
    bar.stop();
  }
  const summary = await core.archive.importPapers(loaded.papers);
  for (const bad of loaded.badFiles) io.err(`Skipped ${bad.reason}`);
  io.err(`Imported ${plural(loaded.files.length, 'file')}: ${plural(summary.papers, 'paper')} on ${plural(summary.days, 'day')}.`);
  if (loaded.skipped.length > 0) io.err(`Skipped ${plural(loaded.skipped.length, 'item')} that failed validation.`);
  if (summary.undated > 0) io.err(`Left out ${plural(summary.undated, 'paper')} with no Daily Papers day.`);
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
