import { configSecrets, loadConfig } from '../config/config.js';
import type { CliArgs } from './cli/args.js';
import { UsageError } from './cli/args.js';
import { plural } from './cli/plural.js';
import { fileLogger, importData, type CliIo } from './cli/run-cli.js';
import type { Core } from '../src/core.js';
import { createLogger } from '../src/log.js';
import { addDays, dayOf } from '../src/papers/days.js';
import type { AnyPlatformPort, ConsoleIo } from '../src/platform/port.js';
import { createBotRuntime } from './bot-runtime.js';
import { PLATFORMS } from './platforms.js';
import { guardProcess } from './process-guards.js';
import { stopSignals } from './stop-signals.js';

const ports = PLATFORMS as readonly AnyPlatformPort[];
const consolePort = ports.find((port) => port.console);
const servicePorts = ports.filter((port) => !port.console);

/**
 * Starts the bot with the platforms its configuration allows; the console (the terminal) when none
 * is configured. The first SIGINT or SIGTERM, at any point from here on, stops it cleanly within the deadline.
 */
export async function startBot(args: CliArgs, io: CliIo): Promise<number> {
  const config = loadConfig();
  const settingsOf = (port: AnyPlatformPort): unknown => config.platforms[port.name as keyof typeof config.platforms];
  const services = servicePorts.filter((port) => settingsOf(port) !== undefined);
  if (args.service && services.length === 0) throw new UsageError(noPlatform());
  const consoleWanted = consolePort?.wanted?.(settingsOf(consolePort)) ?? false;
  const useTerminal = !args.service && (args.terminal || consoleWanted || services.length === 0);
  // In the terminal, log lines would cross the prompt: they go to a file, named once.
  const logger = useTerminal ? fileLogger(config, io) : createLogger(config.logLevel, undefined, configSecrets(config));
  const stop = stopSignals(config.stopDeadlineMs, logger);
  const refresh = new AbortController();
  stop.signal.addEventListener('abort', () => refresh.abort(), { once: true });
  let refreshing: Promise<string> | undefined;
  // The console's greeting and first fetch are filled in once the archive is loaded, before its session.
  const console: ConsoleIo | undefined = useTerminal ? { input: process.stdin, output: process.stdout, signal: stop.signal, greeting: () => '' } : undefined;
  const runtime = await createBotRuntime({ config, logger, console });
  const unguard = guardProcess(logger, () => runtime.stop());
  const { core } = runtime;
  const untilStopped = <T>(work: Promise<T>) => Promise.race([work, stop.stopping]);
  try {
    await untilStopped(importData(core, args.data, io));
    const emptyAtStart = !core.archive.hasPapers;
    refreshing = core.archive.refreshRecent(refresh.signal).then(({ refreshed, failed }) => firstFetchLine(core, refreshed, failed, emptyAtStart));
    if (console) {
      console.firstFetch = refreshing;
      console.greeting = (channel) => greeting(core, config.commandName, channel, services.length > 0);
    } else {
      void refreshing.then((line) => {
        if (!refresh.signal.aborted) logger.info(line);
      });
    }
    const port = stop.signal.aborted ? undefined : await untilStopped(runtime.start());

    if (stop.signal.aborted) {
      // Stopped during start-up.
    } else if (!console) {
      const running = Object.fromEntries([...runtime.platforms].map(([name, adapter]) => [name, adapter.describe?.() ?? true]));
      logger.info({ ...running, port }, 'papers-bot is running');
      await stop.stopping;
    } else {
      // The console's session ends the bot: the input closed, `exit`, or a stop signal.
      await Promise.all([...runtime.platforms.values()].map((adapter) => adapter.session?.()));
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

/** Why `--service` cannot start: every platform's variables, named. */
function noPlatform(): string {
  return `no ${servicePorts.map((port) => port.title).join(' or ')} tokens are set, and --service does not open ${consolePort?.title ?? 'a console'}. ` +
    `Set ${servicePorts.map((port) => port.setup).join(', or ')}, in .env or the environment; see .env.example.`;
}

/** What the console says first: where it is, and what the archive holds. */
function greeting(core: Core, commandName: string, channel: string, otherPlatforms: boolean): string {
  const papers = core.archive.index.size;
  return [
    `papers-bot in ${consolePort?.title ?? 'the console'}${otherPlatforms ? '' : ` (no ${servicePorts.map((port) => port.title).join(' or ')} tokens set)`}. Channel ${channel}.`,
    papers > 0
      ? `The archive holds ${plural(papers, 'paper')} up to ${core.archive.latestDate()}; checking Hugging Face for newer ones. Type ${commandName} help.`
      : `The archive is empty: fetching the last week of Daily Papers from Hugging Face (or run npm start -- --data <file-or-folder>). Type ${commandName} help.`,
  ].join('\n');
}

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
