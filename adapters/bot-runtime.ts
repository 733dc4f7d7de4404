import type { Config } from '../config/config.js';
import { platformOf } from '../src/channels/channel-key.js';
import { ChannelLikes } from '../src/likes/channel-likes.js';
import { toggleLike } from '../src/likes/toggle-like.js';
import { ChannelStore } from '../src/channels/channel-store.js';
import type { Command } from '../src/commands/command.js';
import type { CommandContext, CommandDeps } from '../src/commands/command-context.js';
import type { Reply } from '../src/commands/reply.js';
import { createCommandLimiter } from '../src/commands/command-limits.js';
import { runCommand } from '../src/commands/run-command.js';
import { createCore, type Core } from '../src/core.js';
import type { DeliveryTarget } from '../src/digest/delivery.js';
import { routingTarget } from '../src/digest/routing-target.js';
import { createSlotRunner } from '../src/digest/slot-runner.js';
import { createPacer } from '../src/digest/pacer.js';
import { createRedisQueue } from '../src/digest/redis-queue.js';
import type { Logger } from '../src/log.js';
import { createMetrics, type Metrics } from '../src/metrics.js';
import type { AnyPlatformPort, ConsoleIo, PlatformAdapter, PlatformHost, Route } from '../src/platform/port.js';
import { Redis } from 'ioredis';
import { DigestScheduler } from '../src/scheduler/digest-scheduler.js';
import { startExpirySweeper } from '../src/storage/expiry-sweeper.js';
import { firstTimeGuard } from '../src/storage/first-time.js';
import type { KeyValue } from '../src/store.js';
import { startHttpServer } from './http/http-server.js';
import { operationsRoutes } from './http/operations-routes.js';
import { PLATFORMS } from './platforms.js';

export interface BotRuntimeOptions {
  config: Config;
  logger: Logger;
  now?: () => Date;
  /** The person's console: with it, the console platform runs (and only it); without, every other configured platform. */
  console?: ConsoleIo;
  /** Read papers from Hugging Face (off for tests on imported files only). */
  online?: boolean;
  /** The platforms it can run: the registry. */
  platforms?: readonly AnyPlatformPort[];
}

export interface BotRuntime {
  core: Core;
  channels: ChannelStore;
  scheduler: DigestScheduler;
  runSlot: ReturnType<typeof createSlotRunner>;
  metrics: Metrics;
  /** The running platforms, by name. */
  platforms: ReadonlyMap<string, PlatformAdapter>;
  /** Runs a `/papers` command as a platform does (limits, permissions, handlers); never throws. */
  handle(input: string | Command, ctx: CommandContext): Promise<Reply>;
  /** Starts the HTTP server, the platforms and the schedules; resolves to the public HTTP port, when one is served. */
  start(): Promise<number | undefined>;
  /** Where /healthz and /metrics are served, once started. */
  readonly opsPort: number | undefined;
  stop(): Promise<void>;
}

/** The platforms that run: the console one alone when there is a console, else every other one configured. */
function activePorts(config: Config, console: ConsoleIo | undefined, ports: readonly AnyPlatformPort[]): AnyPlatformPort[] {
  const configured = ports.filter((port) => config.platforms[port.name as keyof Config['platforms']] !== undefined);
  return configured.filter((port) => Boolean(port.console) === Boolean(console));
}

/** The core, the platforms its configuration asks for, and the digest scheduler, wired. */
export async function createBotRuntime(options: BotRuntimeOptions): Promise<BotRuntime> {
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  let depth = async () => 0;
  const metrics = createMetrics(() => depth());
  const core = await createCore(config, logger, { now, online: options.online, onFetch: (outcome) => metrics.fetches.inc({ outcome }) });
  const channels = new ChannelStore(core.store, logger);
  const likes = new ChannelLikes(core.store);
  // On Redis, replicas share the digest queue and the pacing; embedded, both stay in process.
  const redis = core.store.kind === 'redis' ? new Redis(config.storeUrl!, { maxRetriesPerRequest: 3 }) : undefined;
  // Limits and pacing fail fast while Redis is away (a limiter that cannot answer lets work through).
  const limitsRedis = redis?.duplicate({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  for (const connection of [redis, limitsRedis]) connection?.on('error', (error) => logger.warn({ error: error.message }, 'Redis connection error'));

  const expiring: Record<string, KeyValue> = {};
  const namespace = (name: string, opts: { expiring?: boolean } = {}) => {
    const kv = core.store.namespace(name);
    if (opts.expiring) expiring[name] = kv;
    return kv;
  };
  const deliveries = namespace('deliveries', { expiring: true });
  // Request ids seen in the last ten minutes (the platforms' five, either way, with room).
  const firstTime = firstTimeGuard(namespace('request-ids', { expiring: true }), 10 * 60_000, logger);

  const targets = new Map<string, DeliveryTarget>();
  let sweeper: { stop(): Promise<void> } | undefined;
  const runSlot = createSlotRunner(
    {
      archive: core.archive,
      channels,
      deliveries,
      likes,
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
    handles: (channel) => targets.has(platformOf(channel) ?? ''),
  });
  const deps: CommandDeps & { logger: Logger } = {
    archive: core.archive,
    channels,
    likes,
    commandName: config.commandName,
    logger,
    onChannelChange: (channel) => scheduler.channelChanged(channel),
  };

  const ports = activePorts(config, options.console, options.platforms ?? PLATFORMS);
  const unlimited = new Set(ports.filter((port) => !port.rateLimited).map((port) => port.name));
  const limited = createCommandLimiter(config.commandLimits, limitsRedis, config.storePrefix);
  const handle = async (input: string | Command, ctx: CommandContext) => {
    const platform = platformOf(ctx.channel) ?? 'unknown';
    const reply = (unlimited.has(platform) ? undefined : await limited(ctx)) ?? (await runCommand(input, ctx, deps));
    metrics.commands.inc({ platform, outcome: reply.kind === 'error' ? 'error' : 'ok' });
    return reply;
  };

  const host: PlatformHost = {
    commandName: config.commandName,
    logger,
    now,
    run: (input, member) => handle(input, { ...member, now: now() }),
    channels,
    lookupPaper: (id) => core.archive.lookupPaper(id).then((found) => (found.status === 'found' ? found.paper : undefined)),
    like: (member, paperId) => toggleLike(likes, { channel: member.channel, user: member.user, paperId, now: now() }, logger),
    store: namespace,
    firstTime,
    pacer: (limit) => createPacer(limit, limitsRedis, config.storePrefix),
    console: options.console,
  };
  const platforms = new Map<string, PlatformAdapter>();
  for (const port of ports) {
    const adapter = port.create(config.platforms[port.name as keyof Config['platforms']], host);
    platforms.set(port.name, adapter);
    if (adapter.target) targets.set(port.name, adapter.target);
  }

  const operations = operationsRoutes(core.store, metrics, { metricsToken: config.ops.metricsToken });
  const ownOpsPort = config.ops.port > 0;
  const platformRoutes: Route[] = [...platforms.values()].flatMap((adapter) => adapter.routes ?? []);
  // One public server for the platforms' routes and (unless they have a port of their own) operations.
  const servesPublicly = platformRoutes.length > 0 || (!ownOpsPort && ports.some((port) => !port.console));
  const servers: Awaited<ReturnType<typeof startHttpServer>>[] = [];
  let opsPort: number | undefined;

  return {
    core,
    channels,
    scheduler,
    runSlot,
    metrics,
    platforms,
    handle,
    get opsPort() {
      return opsPort;
    },
    async start() {
      let port: number | undefined;
      if (servesPublicly) {
        const server = await startHttpServer({ routes: [...platformRoutes, ...(ownOpsPort ? [] : operations)], port: config.port, limits: config.http, logger });
        servers.push(server);
        port = server.port;
        if (!ownOpsPort) opsPort = port;
      }
      if (ownOpsPort) {
        const server = await startHttpServer({ routes: operations, port: config.ops.port, host: config.ops.host, limits: config.http, logger });
        servers.push(server);
        opsPort = server.port;
      }
      for (const adapter of platforms.values()) await adapter.start();
      await scheduler.start();
      sweeper = startExpirySweeper(expiring, logger);
      return port;
    },
    /** Stops taking work (HTTP, platforms, timers), lets running digests finish, then closes the store. */
    async stop() {
      await Promise.all(servers.map((server) => server.close()));
      for (const adapter of platforms.values()) await adapter.stop();
      await scheduler.stop();
      await sweeper?.stop();
      await runSlot.queue.close();
      await limitsRedis?.quit().catch(() => undefined);
      await redis?.quit().catch(() => undefined);
      await core.close();
    },
  };
}
