import { userInfo } from 'node:os';
import { configSecrets, loadConfig } from '../config/config.js';
import type { CliArgs } from '../src/cli/args.js';
import { importData, type CliIo } from '../src/cli/run-cli.js';
import { createLogger } from '../src/log.js';
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
  const useTerminal = args.terminal || loaded.terminal || (!loaded.slack && !loaded.discord);
  const config = { ...loaded, terminal: useTerminal };
  const logger = createLogger(config.logLevel, undefined, configSecrets(config));
  const stop = stopSignals(config.stopDeadlineMs, logger);
  const runtime = await createBotRuntime({ config, logger, terminalOutput: useTerminal ? process.stdout : undefined });
  const unguard = guardProcess(logger, () => runtime.stop());
  const { core } = runtime;
  const untilStopped = <T>(work: Promise<T>) => Promise.race([work, stop.stopping]);
  const refresh = new AbortController();
  stop.signal.addEventListener('abort', () => refresh.abort(), { once: true });
  let refreshing: Promise<void> | undefined;
  try {
    await untilStopped(importData(core, args.data, io));
    refreshing = core.archive.refreshRecent(refresh.signal).then(({ failed }) => {
      if (failed.length > 0 && !refresh.signal.aborted) {
        io.err(`Could not reach Hugging Face (${config.huggingFace.baseUrl}); answering from the archive (${core.archive.index.size} papers).`);
      }
    });
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
        greeting: [
          `papers-bot in the terminal${config.slack || config.discord ? '' : ' (no Slack or Discord tokens set)'}. Channel ${TERMINAL_CHANNEL}.`,
          papers > 0
            ? `The archive holds ${papers} papers up to ${core.archive.latestDate()}. Type ${config.commandName} help.`
            : `The archive is empty: the bot fetches the last week of Daily Papers from Hugging Face when online, or run npm start -- --data <file-or-folder>. Type ${config.commandName} help.`,
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
    unguard();
    stop.done();
  }
}
