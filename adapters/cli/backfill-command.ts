import { configSecrets, loadConfig } from '../../config/config.js';
import { createCore } from '../../src/core.js';
import { createLogger } from '../../src/log.js';
import { backfill } from '../../src/papers/backfill.js';
import { dayOf } from '../../src/papers/days.js';
import { createHfClient, HfSourceError } from '../../src/papers/hf-client.js';
import { UsageError, type CliArgs } from './args.js';
import { fileLogger, type CliIo } from './archive-session.js';
import { plural } from './plural.js';
import { progressBar } from './progress-bar.js';

/** `backfill --since … [--until …]`: past months from Hugging Face into the archive, resumable. */
export async function backfillCommand(args: CliArgs, io: CliIo): Promise<number> {
  if (!args.since) throw new UsageError('backfill needs --since, a month or a day, e.g. papers-bot backfill --since 2025-01 (--until defaults to today).');
  const config = loadConfig();
  const now = new Date();
  const range = { since: args.since, until: args.until ?? dayOf(now) };
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
}
