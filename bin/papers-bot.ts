#!/usr/bin/env node
import { parseCliArgs } from '../adapters/cli/args.js';
import { coreCommands, explainCliError, type CliIo } from '../adapters/cli/run-cli.js';
import { USAGE } from '../adapters/cli/usage.js';
import { UsageError } from '../adapters/cli/args.js';
import { startBot } from '../adapters/start-bot.js';
import { PLATFORM_COMMANDS, runPlatformCommand } from '../adapters/platform-commands.js';
import { loadEnvFile } from '../config/env-file.js';
import { closest, distance } from 'fastest-levenshtein';

const io: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

async function main(argv: string[]): Promise<number> {
  loadEnvFile();
  // An unknown command is named before its options are read: `serach "a b" -video` gets the suggestion.
  const first = argv[0];
  if (first !== undefined && !first.startsWith('-') && !COMMANDS.includes(first)) {
    throw new UsageError(`unknown command "${first}".${didYouMean(first)} Run papers-bot --help for the commands.`);
  }
  if (first !== undefined && PLATFORM_COMMAND_NAMES.includes(first)) {
    if (argv.some((arg) => arg === '--help' || arg === '-h')) {
      io.out(USAGE);
      return 0;
    }
    return runPlatformCommand(argv, io);
  }
  const args = parseCliArgs(argv);
  if (args.help || args.command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (args.command === undefined || args.command === 'start') return startBot(args, io);
  const command = coreCommands[args.command];
  if (!command) throw new UsageError(`unknown command "${args.command}".${didYouMean(args.command)} Run papers-bot --help for the commands.`);
  return command(args, io);
}

const PLATFORM_COMMAND_NAMES = PLATFORM_COMMANDS.map(({ command }) => command.name);
const COMMANDS = ['start', 'help', ...PLATFORM_COMMAND_NAMES, ...Object.keys(coreCommands)];

function isBotStart(argv: string[]): boolean {
  return argv[0] === undefined || argv[0] === 'start' || argv[0].startsWith('-');
}

function didYouMean(typed: string): string {
  const near = closest(typed.toLowerCase(), COMMANDS);
  return distance(typed.toLowerCase(), near) <= 2 ? ` Did you mean "${near}"?` : '';
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // A stopped bot is done: a client library still retrying (Slack unreachable) must not keep it alive.
    if (isBotStart(process.argv.slice(2))) process.exit(code);
  },
  (error: unknown) => {
    process.exitCode = explainCliError(error, io);
    if (isBotStart(process.argv.slice(2))) process.exit(process.exitCode);
  },
);
