import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Reply } from '../../src/commands/reply.js';
import { renderText } from './render-text.js';

/** The terminal as a channel: the same `/papers …` grammar as Slack, as channel `terminal:local`. */
export const TERMINAL_CHANNEL = 'terminal:local';

export interface TerminalOptions {
  input: Readable;
  output: Writable;
  commandName: string;
  run(text: string): Promise<Reply>;
  greeting: string;
  /** Ends the session (a stop signal): the input is let go at once. */
  signal?: AbortSignal;
}

/** Reads commands line by line (typed or piped) until the input ends or the user types `exit`. */
export async function runTerminal(options: TerminalOptions): Promise<void> {
  const { input, output, commandName } = options;
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
  const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const write = (text: string) => output.write(`${text}\n`);
  const close = () => lines.close();
  options.signal?.addEventListener('abort', close, { once: true });
  // Ctrl-C at the prompt ends the session as the signal would.
  lines.on('SIGINT', close);
  write(options.greeting);
  if (interactive) {
    lines.setPrompt('papers> ');
    lines.prompt();
  }
  for await (const raw of lines) {
    const line = raw.trim();
    if (/^(exit|quit|\.exit)$/i.test(line)) break;
    if (line) {
      if (line.startsWith('/') && !line.toLowerCase().startsWith(commandName)) {
        write(`✗ This bot answers ${commandName}; type \`${commandName} help\`.`);
      } else {
        if (!interactive) write(`> ${line}`);
        write(renderText(await options.run(line), commandName));
      }
      write('');
    }
    if (interactive) lines.prompt();
  }
  options.signal?.removeEventListener('abort', close);
  lines.close();
}

/** Prints a scheduled digest as it would be posted, so the flow is visible offline. */
export function printDelivery(output: Writable, channel: string, reply: Reply, commandName: string): void {
  output.write(`\n── digest for ${channel} ──\n${renderText(reply, commandName)}\n\n`);
}
