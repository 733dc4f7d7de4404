import { clearLine, createInterface, cursorTo } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { formatChannelKey } from '../../src/channels/channel-key.js';
import type { DigestStyle } from '../../src/channels/channel-state.js';
import type { Reply } from '../../src/commands/reply.js';
import { renderText } from './render-text.js';
import { renderDigestText } from './render-styles.js';

export const TERMINAL = 'terminal';
/** The terminal as a channel: the same `/papers …` grammar as Slack, as channel `terminal:local`. */
export const TERMINAL_CHANNEL = formatChannelKey({ platform: TERMINAL, workspace: '', channel: 'local' });

export interface TerminalOptions {
  input: Readable;
  output: Writable;
  commandName: string;
  run(text: string): Promise<Reply>;
  greeting: string;
  /** Ends the session (a stop signal): the input is let go at once. */
  signal?: AbortSignal;
  /** The first fetch from Hugging Face, resolving to a line saying what it got. */
  firstFetch?: Promise<string> | undefined;
  /** How long piped input waits for the first fetch before answering from what is there. */
  firstFetchWaitMs?: number;
}

/** A fetch over this is usually Hugging Face retrying; a script still gets its answers. */
const FIRST_FETCH_WAIT_MS = 60_000;

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
  // Typed: the fetch's line is printed when it comes, above a redrawn prompt. Piped: the script's
  // commands wait for it, so a first run answers from the week just fetched.
  let fetched = options.firstFetch?.catch(() => 'Could not fetch from Hugging Face; answering from the archive.');
  if (interactive) {
    lines.setPrompt('papers> ');
    lines.prompt();
    let open = true;
    lines.once('close', () => (open = false));
    void fetched?.then((line) => {
      if (!open) return;
      clearLine(output, 0);
      cursorTo(output, 0);
      write(line);
      lines.prompt(true);
    });
    fetched = undefined;
  }
  for await (const raw of lines) {
    if (fetched) {
      const first = fetched;
      const waitMs = options.firstFetchWaitMs ?? FIRST_FETCH_WAIT_MS;
      const line = await waitAtMost(first, waitMs, options.signal);
      if (line === LATE) {
        write(`Hugging Face has not answered within ${Math.round(waitMs / 1000)} s; answering from the archive meanwhile.`);
        // Said between two answers when it comes.
        void first.then((late) => !options.signal?.aborted && write(late));
      } else if (line) write(line);
      fetched = undefined;
    }
    const line = raw.trim();
    if (/^(exit|quit|\.exit)$/i.test(line)) break;
    if (line) {
      if (line.startsWith('/') && !line.toLowerCase().startsWith(commandName)) {
        write(`✗ This bot answers ${commandName}; type ${commandName} help.`);
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
export function printDelivery(output: Writable, channel: string, reply: Reply, commandName: string, style?: DigestStyle): void {
  output.write(`\n── digest for ${channel} ──\n${renderDigestText(reply, style, commandName)}\n\n`);
}

const LATE = Symbol('late');

/** The line, or LATE once `ms` have passed (the fetch goes on behind); '' when stopped. */
async function waitAtMost(line: Promise<string>, ms: number, signal?: AbortSignal): Promise<string | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE | ''>((resolve) => {
    timer = setTimeout(() => resolve(LATE), ms);
    signal?.addEventListener('abort', () => resolve(''), { once: true });
  });
  try {
    return await Promise.race([line, late]);
  } finally {
    clearTimeout(timer);
  }
}
