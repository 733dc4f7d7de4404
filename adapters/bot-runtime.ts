import type { Writable } from 'node:stream';
import type { Config } from '../config/config.js';
import { parseChannelKey, type Platform } from '../src/channels/channel-key.js';
import { ChannelStore } from '../src/channels/channel-store.js';
import type { CommandContext, CommandDeps } from '../src/commands/command-context.js';
import type { Reply } from '../src/commands/reply.js';
import { createCommandLimiter } from '../src/commands/command-limits.js';
import { runCommand } from '../src/commands/run-command.js';
import { createCore, type Core } from '../src/core.js';
import type { DeliveryTarget } from '../src/digest/delivery.js';
import { routingTarget } from '../src/digest/routing-target.js';
import { createSlotRunner } from '../src/digest/slot-runner.js';
import { createPacer, type Release } from '../src/digest/pacer.js';
import { createRedisQueue } from '../src/digest/redis-queue.js';
import type { Logger } from '../src/log.js';
import { createMetrics, type Metrics } from '../src/metrics.js';
import { Redis } from 'ioredis';
import { DigestScheduler } from '../src/scheduler/digest-scheduler.js';
import { startExpirySweeper } from '../src/storage/expiry-sweeper.js';
import { firstTimeGuard } from '../src/storage/first-time.js';
import { createDiscordGateway } from './discord/discord-gateway.js';
import { discordRest, discordTarget } from './discord/discord-target.js';
import { discordInteractionsRoute } from './discord/http-interactions.js';
import { createInteractionHandler } from './discord/interaction-handler.js';
import { startHttpServer, type Route } from './http/http-server.js';
import { operationsRoutes } from './http/operations-routes.js';
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
  /** Test seams for the Slack app (its Web API retry policy). */
  slack?: Partial<Pick<SlackAdapterOptions, 'retryConfig' | 'unhandledRequestTimeoutMillis'>>;
}

export interface BotRuntime {
  core: Core;
  channels: ChannelStore;
  scheduler: DigestScheduler;
  runSlot: ReturnType<typeof createSlotRunner>;
  slack: SlackAdapter | undefined;
  metrics: Metrics;
  /** Runs a `/papers` command as a platform adapter does. */
  handle(text: string, ctx: CommandContext): Promise<Reply>;
  /** Starts adapters and schedules; resolves to the public HTTP port, when one is served. */
  start(): Promise<number | undefined>;
  /** Where /healthz and /metrics are served, once started. */
  readonly opsPort: number | undefined;
  stop(): Promise<void>;
}

/** The core, the platforms' adapters its configuration asks for, and the digest scheduler, wired. */
export async function createBotRuntime(options: BotRuntimeOptions): Promise<BotRuntime> {
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  let depth = async () => 0;
  const metrics = createMetrics(() => depth());
  const core = await createCore(config, logger, { now, online: options.online, onFetch: (outcome) => metrics.fetches.inc({ outcome }) });
  const channels = new ChannelStore(core.store, logger);
  const targets: Partial<Record<Platform, DeliveryTarget>> = {};
  // On Redis, replicas share the digest queue and the per-channel pacing; embedded, both stay in process.
  const redis = core.store.kind === 'redis' ? new Redis(config.storeUrl!, { maxRetriesPerRequest: 3 }) : undefined;
  // Limits and pacing fail fast while Redis is away (a limiter that cannot answer lets work through).
  const limitsRedis = redis?.duplicate({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  for (const connection of [redis, limitsRedis]) connection?.on('error', (error) => logger.warn({ error: error.message }, 'Redis connection error'));
  // Slack: about one message a second per channel, and at most the workspace's limit in any rolling
  // second when one is set (its burst at once, the rest as the window allows). A post's window counts
  // from Slack's answer (its release); a post not answered yet counts from its turn plus a margin.
  const marginMs = config.slack?.paceMarginMs ?? 50;
  const perChannel = createPacer({ limit: 1, windowMs: 1_000, marginMs }, limitsRedis, config.storePrefix);
  const rate = config.slack?.workspaceRate ?? 0;
  const perWorkspace = rate > 0 ? createPacer({ limit: rate, windowMs: 1_000, marginMs }, limitsRedis, config.storePrefix) : undefined;
  const pace = async (channel: string): Promise<Release> => {
    const channelDone = await perChannel(channel);
    const workspaceDone = await perWorkspace?.(`slack:${parseChannelKey(channel)?.workspace ?? channel}`);
    return () => {
      channelDone();
      workspaceDone?.();
    };
  };
  // The turn is taken around the whole delivery (the Slack target's own pacing is left out), so that
  // it is released once Slack answered.
  const pacedAround = (target: DeliveryTarget): DeliveryTarget => ({
    ...target,
    async deliver(channel, reply, part, deliveryId) {
      const release = await pace(channel);
      try {
        return await target.deliver(channel, reply, part, deliveryId);
      } finally {
        release();
      }
    },
  });
  const deliveries = core.store.namespace('deliveries');
  const buttons = core.store.namespace('discord-buttons');
  let sweeper: { stop(): Promise<void> } | undefined;
  const runSlot = createSlotRunner(
    {
      archive: core.archive,
      channels,
      deliveries,
      target: routingTarget(targets),
      logger,
      commandName: config.commandName,
      now,
      leaseMs: config.digests.lockMs,
    },
    {
      concurrency: config.digests.concurrency,
      onResult: (result) => metrics.digests.inc({ result }),
      queue: redis
        ? (run, onResult) =>
            createRedisQueue({ redis, prefix: config.storePrefix, run, concurrency: config.digests.concurrency, lockMs: config.digests.lockMs, logger, onResult })
        : undefined,
    },
  );
  depth = () => runSlot.queue.depth();
  const scheduler = new DigestScheduler({
    channels,
    runSlot,
    resumeUnfinished: () => runSlot.resumeUnfinished(),
    refreshPapers: { everyMs: config.archive.refreshAfterMs, run: (signal) => core.archive.refreshRecent(signal) },
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
    onChannelChange: (channel) => scheduler.channelChanged(channel),
  };
  const limited = createCommandLimiter(config.commandLimits, limitsRedis, config.storePrefix);
  const handle = async (text: string, ctx: CommandContext) => {
    // The terminal is one person at a keyboard (or a script of theirs): no rate limit there.
    const atKeyboard = parseChannelKey(ctx.channel)?.platform === 'terminal';
    const reply = (atKeyboard ? undefined : await limited(ctx)) ?? (await runCommand(text, ctx, deps));
    metrics.commands.inc({ platform: parseChannelKey(ctx.channel)?.platform ?? 'unknown', outcome: reply.kind === 'error' ? 'error' : 'ok' });
    return reply;
  };

  if (options.terminalOutput) targets.terminal = terminalTarget(options.terminalOutput, config.commandName);
  // Request ids seen in the last ten minutes (Slack's and Discord's five, either way, with room).
  const requestIds = core.store.namespace('request-ids');
  const firstTime = firstTimeGuard(requestIds, 10 * 60_000, logger);
  const operations = operationsRoutes(core.store, metrics, { metricsToken: config.ops.metricsToken });
  const ownOpsPort = config.ops.port > 0;
  const routes: Route[] = ownOpsPort ? [] : [...operations];

  const discord = config.discord && !config.terminal ? config.discord : undefined;
  const discordHandler = discord
    ? createInteractionHandler({ handle, channels, buttons, now })
    : undefined;
  if (discord?.interactions && discordHandler) {
    routes.push({
      path: '/discord/interactions',
      method: 'POST',
      handler: discordInteractionsRoute({
        publicKey: discord.publicKey!,
        appId: discord.appId!,
        apiUrl: discord.apiUrl,
        handler: discordHandler,
        logger,
        firstTime,
      }),
    });
  }
  const gateway = discord?.gateway && discordHandler
    ? createDiscordGateway({ token: discord.token!, apiUrl: discord.apiUrl, commandName: config.commandName.replace(/^\//, ''), handler: discordHandler, logger })
    : undefined;
  if (discord?.token) targets.discord = discordTarget(discordRest(discord.token, discord.apiUrl));

  const slack = config.slack && !config.terminal
    ? createSlackAdapter({
        config: config.slack,
        commandName: config.commandName,
        handle,
        findPaper: (id) => core.archive.findPaper(id),
        installations: core.store.namespace('slack-installations'),
        logger,
        now,
        pace: async () => () => undefined,
        firstTime,
        ...options.slack,
      })
    : undefined;
  if (slack) targets.slack = pacedAround(slack.target);
  const servesPlatforms = slack?.httpListener !== undefined || discord?.interactions === true;
  const servers: Awaited<ReturnType<typeof startHttpServer>>[] = [];
  let opsPort: number | undefined;

  return {
    core,
    channels,
    scheduler,
    runSlot,
    slack,
    metrics,
    handle,
    get opsPort() {
      return opsPort;
    },
    async start() {
      await slack?.start();
      let port: number | undefined;
      // One public server for Slack, Discord interactions and (unless they have a port of their own) operations.
      if (servesPlatforms || (!ownOpsPort && (slack || discord))) {
        const server = await startHttpServer({ routes, port: config.port, limits: config.http, logger, fallback: slack?.httpListener });
        servers.push(server);
        port = server.port;
        if (!ownOpsPort) opsPort = port;
      }
      if (ownOpsPort) {
        const server = await startHttpServer({ routes: operations, port: config.ops.port, host: config.ops.host, limits: config.http, logger });
        servers.push(server);
        opsPort = server.port;
      }
      await gateway?.start();
      await scheduler.start();
      sweeper = startExpirySweeper({ deliveries, 'discord-buttons': buttons, 'request-ids': requestIds }, logger);
      return port;
    },
    /** Stops taking work (HTTP, gateway, timers), lets running digests finish, then closes the store. */
    async stop() {
      await Promise.all(servers.map((server) => server.close()));
      await slack?.stop();
      await gateway?.stop();
      await scheduler.stop();
      await sweeper?.stop();
      await runSlot.queue.close();
      await limitsRedis?.quit().catch(() => undefined);
      await redis?.quit().catch(() => undefined);
      await core.close();
    },
  };
}
