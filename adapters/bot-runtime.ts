import type { Writable } from 'node:stream';
import type { Config } from '../config/config.js';
import { parseChannelKey, type Platform } from '../src/channels/channel-key.js';
import { ChannelStore } from '../src/channels/channel-store.js';
import type { CommandContext, CommandDeps } from '../src/commands/command-context.js';
import type { Reply } from '../src/commands/reply.js';
import { runCommand } from '../src/commands/run-command.js';
import { createCore, type Core } from '../src/core.js';
import type { DeliveryTarget } from '../src/digest/delivery.js';
import { routingTarget } from '../src/digest/routing-target.js';
import { createSlotRunner } from '../src/digest/slot-runner.js';
import type { Logger } from '../src/log.js';
import { DigestScheduler, type SlotRunner } from '../src/scheduler/digest-scheduler.js';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from './slack/slack-app.js';
import { terminalTarget } from './terminal/terminal-target.js';

export interface BotRuntimeOptions {
  config: Config;
  logger: Logger;
  now?: () => Date;
  /** Where terminal channels' digests are printed; no terminal adapter without it. */
  terminalOutput?: Writable;
  /** Read papers from Hugging Face (off for tests on imported files only). */
  online?: boolean;
  /** Test seams for the Slack app (retry policy, pacing). */
  slack?: Partial<Pick<SlackAdapterOptions, 'retryConfig' | 'perChannelIntervalMs' | 'unhandledRequestTimeoutMillis'>>;
}

export interface BotRuntime {
  core: Core;
  channels: ChannelStore;
  scheduler: DigestScheduler;
  runSlot: SlotRunner;
  slack: SlackAdapter | undefined;
  /** Runs a `/papers` command as a platform adapter does. */
  handle(text: string, ctx: CommandContext): Promise<Reply>;
  /** Starts adapters and schedules; resolves to the HTTP port, when one is served. */
  start(): Promise<number | undefined>;
  stop(): Promise<void>;
}

/** The core, the platforms' adapters its configuration asks for, and the digest scheduler, wired. */
export async function createBotRuntime(options: BotRuntimeOptions): Promise<BotRuntime> {
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  const core = await createCore(config, logger, { now, online: options.online });
  const channels = new ChannelStore(core.store.namespace('channels'), logger);
  const targets: Partial<Record<Platform, DeliveryTarget>> = {};
  const runSlot = createSlotRunner({
    archive: core.archive,
    channels,
    deliveries: core.store.namespace('deliveries'),
    target: routingTarget(targets),
    logger,
    commandName: config.commandName,
    now,
  });
  const scheduler = new DigestScheduler({
    channels,
    runSlot,
    logger,
    now,
    handles: (channel) => {
      const platform = parseChannelKey(channel)?.platform;
      return platform !== undefined && targets[platform] !== undefined;
    },
  });
  const deps: CommandDeps & { logger: Logger } = {
    archive: core.archive,
    channels,
    commandName: config.commandName,
    logger,
    onScheduleChange: (channel) => scheduler.reschedule(channel),
  };
  const handle = (text: string, ctx: CommandContext) => runCommand(text, ctx, deps);

  if (options.terminalOutput) targets.terminal = terminalTarget(options.terminalOutput, config.commandName);
  const slack = config.slack && !config.terminal
    ? createSlackAdapter({
        config: config.slack,
        port: config.port,
        commandName: config.commandName,
        handle,
        findPaper: (id) => core.archive.findPaper(id),
        installations: core.store.namespace('slack-installations'),
        logger,
        now,
        ...options.slack,
      })
    : undefined;
  if (slack) targets.slack = slack.target;

  return {
    core,
    channels,
    scheduler,
    runSlot,
    slack,
    handle,
    async start() {
      const port = await slack?.start();
      await scheduler.start();
      return port;
    },
    async stop() {
      await scheduler.stop();
      await slack?.stop();
      await core.close();
    },
  };
}
