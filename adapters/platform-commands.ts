import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.js';
import type { AnyPlatformPort, PlatformCliCommand } from '../src/platform/port.js';
import { UsageError } from '../src/platform/usage-error.js';
import { PLATFORMS } from './platforms.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Each platform's own command-line commands, with the port they belong to. */
export const PLATFORM_COMMANDS = (PLATFORMS as readonly AnyPlatformPort[]).flatMap((port) =>
  (port.cli ?? []).map((command: PlatformCliCommand<unknown>) => ({ port, command })),
);

/** Runs `papers-bot <platform command> [flags]`: its flags parsed strictly, its platform's settings read from `env`. */
export async function runPlatformCommand(argv: string[], io: CliIo, env?: Record<string, string | undefined>): Promise<number> {
  const found = PLATFORM_COMMANDS.find(({ command }) => command.name === argv[0]);
  if (!found) throw new UsageError(`unknown command "${argv[0]}". Run papers-bot --help for the commands.`);
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv.slice(1), options: found.command.options, strict: true, allowPositionals: false }).values as typeof values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}. Run papers-bot --help for the options.`);
  }
  const config = loadConfig(env);
  return found.command.run({
    values,
    settings: config.platforms[found.port.name as keyof typeof config.platforms],
    commandName: config.commandName,
    out: io.out,
    err: io.err,
  });
}
