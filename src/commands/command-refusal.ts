import type { Subcommand } from './subcommands.js';

/**
 * Input the grammar refuses, from text or from a platform's typed options alike. The message names
 * the command as the bot is configured (`/papers`), which only `runCommand` knows.
 */
export class CommandRefusal {
  constructor(
    readonly message: (command: string) => string,
    /**
     * The subcommand asked for, and whether arguments came with it: a member without the manage
     * permission is told that first, whatever was wrong with the arguments.
     */
    readonly asked?: { name: Subcommand; withArguments: boolean },
  ) {}
}

/** A refusal whose message does not depend on the command's name. */
export function refuse(message: string | ((command: string) => string)): CommandRefusal {
  return new CommandRefusal(typeof message === 'string' ? () => message : message);
}
