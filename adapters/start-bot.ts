import { userInfo } from 'node:os';
import { configSecrets, loadConfig } from '../config/config.js';
import type { CliArgs } from '../src/cli/args.js';
import { importData, type CliIo } from '../src/cli/run-cli.js';
import { createLogger } from '../src/log.js';
import { createBotRuntime } from './bot-runtime.js';
import { guardProcess } from './process-guards.js';
import { runTerminal, TERMINAL_CHANNEL } from './terminal/terminal-adapter.js';

/** Starts the bot with the adapters its configuration allows; the terminal when there are no tokens. */
export async function startBot(args: CliArgs, io: CliIo): Promise<number> {
  const loaded = loadConfig();
  const useTerminal = args.terminal || loaded.terminal || (!loaded.slack && !loaded.discord);
  const config = { ...loaded, terminal: useTerminal };
  const logger = createLogger(config.logLevel, undefined, configSecrets(config));
  const runtime = await createBotRuntime({ config, logger, terminalOutput: useTerminal ? process.stdout : undefined });
  const unguard = guardProcess(logger, () => runtime.stop());
  const { core } = runtime;
  const stopping = new AbortController();
  // Registered before start-up work, so a SIGTERM during a catch-up fan-out still stops gracefully.
  const terminated = new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  try {
    await importData(core, args.data, io);
    const refreshing = core.archive.refreshRecent(stopping.signal).then(({ failed }) => {
      if (failed.length > 0 && !stopping.signal.aborted) {
        io.err(`Could not reach Hugging Face (${config.huggingFace.baseUrl}); answering from the archive (${core.archive.index.size} papers).`);
      }
    });
    const port = await runtime.start();

    if (!useTerminal) {
      logger.info({ slack: config.slack?.mode, discordGateway: config.discord?.gateway, discordInteractions: config.discord?.interactions, port }, 'papers-bot is running');
      await terminated;
      logger.info('shutting down: no new work; running digests finish, queued ones stay queued');
    } else {
      const papers = core.archive.index.size;
      await runTerminal({
        input: process.stdin,
        output: process.stdout,
        commandName: config.commandName,
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
    stopping.abort();
    await refreshing;
    return 0;
  } finally {
    stopping.abort();
    await runtime.stop();
    unguard();
  }
}
