import { userInfo } from 'node:os';
import { loadConfig } from '../config/config.js';
import { parseChannelKey, type Platform } from '../src/channels/channel-key.js';
import { ChannelStore } from '../src/channels/channel-store.js';
import type { CliArgs } from '../src/cli/args.js';
import { importData, type CliIo } from '../src/cli/run-cli.js';
import type { CommandDeps } from '../src/commands/command-context.js';
import { runCommand } from '../src/commands/run-command.js';
import { createCore } from '../src/core.js';
import type { DeliveryTarget } from '../src/digest/delivery.js';
import { routingTarget } from '../src/digest/routing-target.js';
import { createSlotRunner } from '../src/digest/slot-runner.js';
import { createLogger } from '../src/log.js';
import { DigestScheduler } from '../src/scheduler/digest-scheduler.js';
import { runTerminal, TERMINAL_CHANNEL } from './terminal/terminal-adapter.js';
import { terminalTarget } from './terminal/terminal-target.js';

/** Starts the bot with the adapters its configuration allows; the terminal when there are no tokens. */
export async function startBot(args: CliArgs, io: CliIo): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const core = await createCore(config, logger);
  const stopping = new AbortController();
  let scheduler: DigestScheduler | undefined;
  try {
    await importData(core, args.data, io);
    const channels = new ChannelStore(core.store.namespace('channels'), logger);
    const targets: Partial<Record<Platform, DeliveryTarget>> = { terminal: terminalTarget(process.stdout, config.commandName) };
    const runSlot = createSlotRunner({
      archive: core.archive,
      channels,
      deliveries: core.store.namespace('deliveries'),
      target: routingTarget(targets),
      logger,
      commandName: config.commandName,
      now: () => new Date(),
    });
    scheduler = new DigestScheduler({
      channels,
      runSlot,
      logger,
      now: () => new Date(),
      handles: (channel) => {
        const platform = parseChannelKey(channel)?.platform;
        return platform !== undefined && targets[platform] !== undefined;
      },
    });
    const deps: CommandDeps & { logger: typeof logger } = {
      archive: core.archive,
      channels,
      commandName: config.commandName,
      logger,
      onScheduleChange: (channel) => scheduler!.reschedule(channel),
    };

    const refreshing = core.archive.refreshRecent(stopping.signal).then(({ failed }) => {
      if (failed.length > 0 && !stopping.signal.aborted) {
        io.err(`Could not reach Hugging Face (${config.huggingFace.baseUrl}); answering from the archive (${core.archive.index.size} papers).`);
      }
    });
    await scheduler.start();

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
          { channel: TERMINAL_CHANNEL, user: { id: 'local', name: userInfo().username }, canManage: true, managePermission: 'terminal', now: new Date() },
          deps,
        ),
    });
    stopping.abort();
    await refreshing;
    return 0;
  } finally {
    stopping.abort();
    await scheduler?.stop();
    await core.close();
  }
}
