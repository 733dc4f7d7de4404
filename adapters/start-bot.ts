import { userInfo } from 'node:os';
import { loadConfig } from '../config/config.js';
import { ChannelStore } from '../src/channels/channel-store.js';
import type { CliArgs } from '../src/cli/args.js';
import { importData, type CliIo } from '../src/cli/run-cli.js';
import { runCommand } from '../src/commands/run-command.js';
import { createCore } from '../src/core.js';
import { createLogger } from '../src/log.js';
import { runTerminal, TERMINAL_CHANNEL } from './terminal/terminal-adapter.js';

/** Starts the bot with the adapters its configuration allows; the terminal when there are no tokens. */
export async function startBot(args: CliArgs, io: CliIo): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const core = await createCore(config, logger);
  try {
    await importData(core, args.data, io);
    const channels = new ChannelStore(core.store.namespace('channels'), logger);
    const deps = { archive: core.archive, channels, commandName: config.commandName, logger };

    const stopping = new AbortController();
    const refreshing = core.archive.refreshRecent(stopping.signal).then(({ failed }) => {
      if (failed.length > 0 && !stopping.signal.aborted) {
        io.err(`Could not reach Hugging Face (${config.huggingFace.baseUrl}); answering from the archive (${core.archive.index.size} papers).`);
      }
    });

    const papers = core.archive.index.size;
    await runTerminal({
      input: process.stdin,
      output: process.stdout,
      commandName: config.commandName,
      greeting: [
        `papers-bot in the terminal (no Slack or Discord tokens set). Channel ${TERMINAL_CHANNEL}.`,
        papers > 0
          ? `The archive holds ${papers} papers up to ${core.archive.latestDate()}. Type ${config.commandName} help.`
          : `The archive is empty: the bot fetches today's papers from Hugging Face when online, or run npm start -- --data <file-or-folder>. Type ${config.commandName} help.`,
      ].join('\n'),
      run: (text) =>
        runCommand(
          text,
          {
            channel: TERMINAL_CHANNEL,
            user: { id: 'local', name: userInfo().username },
            canManage: true,
            managePermission: 'terminal',
            now: new Date(),
          },
          deps,
        ),
    });
    stopping.abort();
    await refreshing;
    return 0;
  } finally {
    await core.close();
  }
}
