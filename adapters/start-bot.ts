import { userInfo } from 'node:os';
import { configSecrets, loadConfig } from '../config/config.js';
import type { CliArgs } from '../src/cli/args.js';
import { UsageError } from '../src/cli/args.js';
import { plural } from '../src/cli/plural.js';
import { fileLogger, importData, type CliIo } from '../src/cli/run-cli.js';
import type { Core } from '../src/core.js';
import { createLogger } from '../src/log.js';
import { addDays, dayOf } from '../src/papers/days.js';
import { createBotRuntime } from './bot-runtime.js';
import { guardProcess } from './process-guards.js';
import { stopSignals } from './stop-signals.js';
import { runTerminal, TERMINAL_CHANNEL } from './terminal/terminal-adapter.js';

/**
 * Starts the bot with the adapters its configuration allows; the terminal when there are no tokens.
 * The first SIGINT or SIGTERM, at any point from here on, stops it cleanly within the deadline.
 */
export async function startBot(args: CliArgs, io: CliIo): Promise<number> {
  const loaded = loadConfig();
  if (args.service && !loaded.slack && !loaded.discord) throw new UsageError(NO_PLATFORM);
  const useTerminal = !args.service && (args.terminal || loaded.terminal || (!loaded.slack && !loaded.discord));
  const config = { ...loaded, terminal: useTerminal };
  // In the terminal, log lines would cross the prompt: they go to a file, named once.
  const logger = useTerminal ? fileLogger(config, io) : createLogger(config.logLevel, undefined, configSecrets(config));
  const stop = stopSignals(config.stopDeadlineMs, logger);
  const runtime = await createBotRuntime({ config, logger, terminalOutput: useTerminal ? process.stdout : undefined });
  const unguard = guardProcess(logger, () => runtime.stop());
  const { core } = runtime;
  const untilStopped = <T>(work: Promise<T>) => Promise.race([work, stop.stopping]);
  const refresh = new AbortController();
  stop.signal.addEventListener('abort', () => refresh.abort(), { once: true });
  let refreshing: Promise<string> | undefined;
  try {
    await untilStopped(importData(core, args.data, io));
    const emptyAtStart = !core.archive.hasPapers;
    refreshing = core.archive.refreshRecent(refresh.signal).then(({ refreshed, failed }) => firstFetchLine(core, refreshed, failed, emptyAtStart));
    if (!useTerminal) {
      void refreshing.then((line) => {
        if (!refresh.signal.aborted) logger.info(line);
      });
    }
    const port = stop.signal.aborted ? undefined : await untilStopped(runtime.start());

    if (stop.signal.aborted) {
      // Stopped during start-up.
    } else if (!useTerminal) {
      logger.info({ slack: config.slack?.mode, discordGateway: config.discord?.gateway, discordInteractions: config.discord?.interactions, port }, 'papers-bot is running');
      await stop.stopping;
    } else {
      const papers = core.archive.index.size;
      await runTerminal({
        input: process.stdin,
        output: process.stdout,
        commandName: config.commandName,
        signal: stop.signal,
        firstFetch: refreshing,
        greeting: [
          `papers-bot in the terminal${config.slack || config.discord ? '' : ' (no Slack or Discord tokens set)'}. Channel ${TERMINAL_CHANNEL}.`,
          papers > 0
            ? `The archive holds ${plural(papers, 'paper')} up to ${core.archive.latestDate()}; checking Hugging Face for newer ones. Type ${config.commandName} help.`
            : `The archive is empty: fetching the last week of Daily Papers from Hugging Face (or run npm start -- --data <file-or-folder>). Type ${config.commandName} help.`,
        ].join('\n'),
        run: (text) =>
          runtime.handle(text, {
            channel: TERMINAL_CHANNEL,
            user: { id: 'local', name: userInfo().username },
            canManage: true,
            managePermission: 'terminal',
            now: new Date(),
          }),
      });
    }
    return 0;
  } finally {
    // The refresh is let go (its requests are aborted); running digests finish, queued ones stay queued.
    if (!stop.signal.aborted) logger.info('shutting down');
    refresh.abort();
    await refreshing?.catch(() => undefined);
    await runtime.stop();
    logger.info('stopped');
    unguard();
    stop.done();
  }
}

const NO_PLATFORM =
  'no Slack or Discord tokens are set, and --service does not open the terminal. Set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET ' +
  '(or SLACK_APP_TOKEN for Socket Mode), or DISCORD_TOKEN with DISCORD_APP_ID, in .env or the environment; see .env.example.';

/** What the first fetch did, in one line: the terminal prints it, a platform start logs it. */
function firstFetchLine(core: Core, refreshed: string[], failed: string[], emptyAtStart: boolean): string {
  const papers = refreshed.reduce((sum, date) => sum + core.archive.papersOn(date).length, 0);
  const held = core.archive.index.size;
  const fetched =
    failed.length > 0
      ? `Could not reach Hugging Face (${core.config.huggingFace.baseUrl}); answering from the archive (${plural(held, 'paper')}).`
      : refreshed.length > 0
        ? `Fetched ${plural(refreshed.length, 'day')}, ${plural(papers, 'paper')} from Hugging Face.`
        : `The archive is up to date (newest papers from ${core.archive.latestDate() ?? 'none'}).`;
  if (!emptyAtStart || failed.length > 0) return fetched;
  const since = addDays(dayOf(new Date()), -90).slice(0, 7);
  return `${fetched} Only the last week is here: for older papers run npx papers-bot backfill --since ${since} (then restart to search them).`;
}
