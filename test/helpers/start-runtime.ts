import { PassThrough, Writable } from 'node:stream';
import { loadConfig, type Config } from '../../config/config.js';
import { createBotRuntime, type BotRuntime } from '../../adapters/bot-runtime.js';
import type { ConsoleIo } from '../../src/platform/port.js';
import { createLogger, silentLogger, type Logger } from '../../src/log.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import type { Paper } from '../../src/papers/paper.js';
import { fixturePath } from './fixtures.js';

/** What every test bot starts from: nothing kept between runs, and a Hugging Face that refuses connections. */
const TEST_ENV = { STORE_URL: 'memory://', HF_API_URL: 'http://127.0.0.1:1' };

/** A stream that keeps what is written to it, chunk by chunk, and calls `onWrite` after each chunk. */
export function captureWrites(onWrite?: () => void): { chunks: string[]; stream: Writable; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      onWrite?.();
      done();
    },
  });
  return { chunks, stream, text: () => chunks.join('') };
}

/** A logger at `level` whose JSON lines are kept in `lines` (with `secrets` redacted as in production). */
export function captureLog(level = 'debug', secrets: (string | undefined)[] = []): { lines: string[]; logger: Logger } {
  const { chunks, stream } = captureWrites();
  return { lines: chunks, logger: createLogger(level, stream, secrets) };
}

export interface TestRuntimeOptions {
  /** Environment variables over the test defaults (memory store, unreachable Hugging Face). */
  env?: Record<string, string>;
  now?: () => Date;
  /** Papers imported beside the fixture days (test/fixtures/hf/daily). */
  extraPapers?: Paper[];
  /** Where logs go; silent unless given (see `captureLog`). */
  logger?: Logger;
  /** The person's console: the terminal platform runs on it, and no other (see `printedTo`). */
  console?: ConsoleIo;
  /** Where terminal channels' digests are printed: the terminal platform without a session. */
  printedTo?: Writable;
  /** Read Hugging Face at HF_API_URL (off by default: answers come from the imported fixtures). */
  online?: boolean;
  /** Changes to the configuration read from the environment (a platform's test seams, `tuning`). */
  configure?: (config: Config) => Config;
  /** Start adapters, servers and the scheduler (default); false leaves `handle` and `runSlot` to call directly. */
  start?: boolean;
}

export interface TestRuntime {
  runtime: BotRuntime;
  /** The public HTTP port, when the configuration serves one. */
  port: number | undefined;
  stop(): Promise<void>;
}

/** A bot runtime as `npm start` builds it, on port 0, with the fixture papers imported, started. */
export async function startRuntime(options: TestRuntimeOptions = {}): Promise<TestRuntime> {
  const loaded = { ...loadConfig({ ...TEST_ENV, ...options.env }), port: 0 };
  const config = options.configure?.(loaded) ?? loaded;
  const printing = options.printedTo && { input: new PassThrough(), output: options.printedTo, greeting: () => '' };
  const runtime = await createBotRuntime({
    config,
    logger: options.logger ?? silentLogger,
    online: options.online ?? false,
    now: options.now,
    console: options.console ?? printing,
  });
  const fixtures = await loadPaperFiles([fixturePath('hf/daily')]);
  await runtime.core.archive.importPapers([...fixtures.papers, ...(options.extraPapers ?? [])]);
  const port = options.start === false ? undefined : await runtime.start();
  return { runtime, port, stop: () => runtime.stop() };
}
