import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import type { Readable, Writable } from 'node:stream';
import type { ChannelStore } from '../channels/channel-store.js';
import type { Command } from '../commands/command.js';
import type { Reply } from '../commands/reply.js';
import type { DeliveryTarget } from '../digest/delivery.js';
import type { Turns, WindowLimit } from '../digest/pacer.js';
import type { Redaction } from '../log-redaction.js';
import type { Logger } from '../log.js';
import type { LikeOutcome } from '../likes/toggle-like.js';
import type { Paper } from '../papers/paper.js';
import type { KeyValue } from '../store.js';

/**
 * What every chat platform implements, and all the runtime knows of one. A platform lives in one
 * folder of `adapters/` and is one line of the registry (`adapters/platforms.ts`).
 */
export interface PlatformPort<Settings = unknown, Values = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The first part of its channel keys (`<name>:<workspace>:<channel>`), and its name in logs and metrics. */
  readonly name: string;
  /** Whether its channels live in workspaces (teams, servers): keys `<name>:<workspace>:<channel>`, else `<name>:<channel>`. */
  readonly workspaces: boolean;
  /** How people call it, in messages. */
  readonly title: string;
  /** Its client libraries (npm packages): only its own folder may import them. */
  readonly libraries: readonly string[];
  /** What to set to configure it, for the message of a start that has no platform. */
  readonly setup: string;
  /** Its environment variables: each read and checked with the core's (one message names every bad one). */
  readonly env: z.ZodType<Values>;
  /**
   * Its settings from those variables, or undefined when none is set. A half-set platform throws a
   * `ConfigError` (`missingSetting`) naming the variable and what it needs.
   */
  settings(values: Values): Settings | undefined;
  /** The secrets among its settings, which no log line may show. */
  secrets(settings: Settings): (string | undefined)[];
  /** Shapes of its credentials (tokens, one-time codes, webhook paths) to redact from every log line. */
  readonly redactions?: readonly Redaction[];
  /**
   * A console platform talks to the person who started the bot (it needs `PlatformHost.console`);
   * it runs when no other platform is configured, or when asked for.
   */
  readonly console?: boolean;
  /** For a console platform: whether its settings ask for it even when other platforms are configured (which then stay off). */
  wanted?(settings: Settings): boolean;
  /** Members' commands are counted against the per-member limits (not at one's own keyboard). */
  readonly rateLimited: boolean;
  /** Its own command-line commands (`papers-bot manifest`), beside the bot's. */
  readonly cli?: readonly PlatformCliCommand<Settings>[];
  /** Builds the running adapter: nothing connects or listens before `start`. */
  create(settings: Settings, host: PlatformHost): PlatformAdapter;
}

/** A platform's running part. */
export interface PlatformAdapter {
  /** Where the digests of its channels go. */
  target?: DeliveryTarget;
  /** What it serves on the bot's one HTTP server. */
  routes?: Route[];
  /** What to log at start-up about how it runs (never a secret). */
  describe?(): Record<string, unknown>;
  start(): Promise<void>;
  /** For a console platform: resolves when its session ends (the input closed, `exit`), which stops the bot. */
  session?(): Promise<void>;
  /** Stops taking work; lets answers in flight finish. */
  stop(): Promise<void>;
}

/** A member of a channel sending a command or pressing a button. */
export interface Member {
  /** The channel key, made by the platform (`formatChannelKey`). */
  channel: string;
  user: { id: string; name: string };
  /** Whether they may change the channel: known at once, or asked only when a command changes something. */
  canManage: boolean | (() => Promise<boolean>);
  /** How the platform names the permission that management needs, for the refusal. */
  managePermission: string;
}

/** What the runtime hands a platform: the command pipeline and the shared services, nothing platform-specific. */
export interface PlatformHost {
  commandName: string;
  logger: Logger;
  now(): Date;
  /** Runs a command (typed, or as the member typed it) through limits, permissions and handlers; never throws. */
  run(input: string | Command, member: Member): Promise<Reply>;
  channels: ChannelStore;
  /** The paper with this arXiv id: the archive's, else Hugging Face's (then kept in the archive); undefined when neither has it. */
  lookupPaper(id: string): Promise<Paper | undefined>;
  /** A member's click on a paper's 👍: toggles their like for the channel; never throws. */
  like(member: Member, paperId: string): Promise<LikeOutcome>;
  /** A namespace of the shared store; `expiring` ones are swept of expired records where the store does not expire them itself. */
  store(name: string, options?: { expiring?: boolean }): KeyValue;
  /** True the first time a request id is seen, on any replica; `forget` undoes it for a request that was not served. */
  firstTime: ((id: string) => Promise<boolean>) & { forget?(id: string): Promise<void> };
  /** Turns of at most `limit` per rolling window, shared by every replica when the store is shared. */
  pacer(limit: WindowLimit): Turns;
  /** The person's console, for a console platform. */
  console?: ConsoleIo;
}

export interface ConsoleIo {
  input: Readable;
  output: Writable;
  /** Said first, given the console's channel key. */
  greeting(channel: string): string;
  /** The first fetch from the source, resolving to a line saying what it got. */
  firstFetch?: Promise<string>;
  /** Ends the session (a stop signal). */
  signal?: AbortSignal;
}

/** One path of the bot's HTTP server. */
export interface Route {
  /** An exact path, or a prefix ending in `/*` (`/events/*`). */
  path: string;
  method: 'GET' | 'POST' | 'ANY';
  handler(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

/** A command-line command of a platform's own; a bad use throws `UsageError`. */
export interface PlatformCliCommand<Settings> {
  name: string;
  /** Its lines of `papers-bot --help`. */
  usage: string;
  /** Its flags, as node:util's `parseArgs` takes them. */
  options: NonNullable<ParseArgsConfig['options']>;
  run(call: PlatformCliCall<Settings>): Promise<number>;
}

export interface PlatformCliCall<Settings> {
  /** The flags given. */
  values: Record<string, string | boolean | undefined>;
  /** The platform's settings from the environment, undefined when it is not configured. */
  settings: Settings | undefined;
  commandName: string;
  out(text: string): void;
  err(text: string): void;
}

/** A port with its settings type erased, for the registry. */
export type AnyPlatformPort = PlatformPort<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The settings type of a port. */
export type SettingsOf<P> = P extends PlatformPort<infer S, any> ? S : never; // eslint-disable-line @typescript-eslint/no-explicit-any
