import { PassThrough } from 'node:stream';
import type { BotRuntime } from '../../adapters/bot-runtime.js';
import { runTerminal } from '../../adapters/terminal/terminal-adapter.js';
import type { CommandContext } from '../../src/commands/command-context.js';
import type { Reply } from '../../src/commands/reply.js';
import { captureWrites, startRuntime } from '../helpers/start-runtime.js';
import { commandText, memberOf, type Attempt, type Driver, type DriverFactory, type Seen, type SendOptions } from './driver.js';

interface TerminalSession {
  /** Feeds one line to the session; resolves to what it printed for it and the reply behind it. */
  type(line: string, ctx: CommandContext): Promise<{ printed: string; reply: Reply }>;
  close(): Promise<void>;
}

/**
 * The terminal session of `npm start -- --terminal`, over pipes. The only place that knows how the
 * terminal is wired to the runtime (`runTerminal` with a `run` callback calling `runtime.handle`).
 * The context is the test's: a real terminal is always `terminal:local`, its reader allowed everything.
 */
function openTerminalSession(runtime: BotRuntime): TerminalSession {
  const input = new PassThrough();
  const waiters: (() => void)[] = [];
  const output = captureWrites(() => waiters.splice(0).forEach((wake) => wake()));
  const nextWrite = () => new Promise<void>((resolve) => waiters.push(resolve));
  let current: { ctx: CommandContext; reply?: Reply } | undefined;
  const session = runTerminal({
    input,
    output: output.stream,
    commandName: '/papers',
    greeting: 'papers-bot in the terminal (test)',
    run: async (text) => {
      const turn = current!;
      turn.reply = await runtime.handle(text, turn.ctx);
      return turn.reply;
    },
  });
  return {
    async type(line, ctx) {
      current = { ctx };
      const from = output.chunks.length;
      input.write(`${line}\n`);
      // Piped input is echoed as `> line`, then the answer, then a blank line.
      const answered = () => {
        const echo = output.chunks.indexOf(`> ${line}\n`, from);
        const end = echo < 0 ? -1 : output.chunks.indexOf('\n', echo + 1);
        return end < 0 ? undefined : output.chunks.slice(echo + 1, end).join('');
      };
      let printed = answered();
      while (printed === undefined) {
        await nextWrite();
        printed = answered();
      }
      return { printed, reply: current.reply! };
    },
    async close() {
      input.end();
      await session;
    },
  };
}

function seenOf(printed: string, reply: Reply, channel: string): Seen {
  const more = printed.match(/^More: \/papers (.+)$/m)?.[1];
  return {
    text: printed.trimEnd(),
    // The terminal shows every answer to its one reader; the reply says whom the bot meant it for.
    visibility: reply.visibility,
    buttons: more ? [{ label: 'More', command: more, channel }] : [],
    raw: [printed],
  };
}

/** The terminal: what a person typing `/papers …` at `npm start -- --terminal` reads. */
export const terminalDriver: DriverFactory = {
  name: 'terminal',
  async start(): Promise<Driver> {
    const { runtime, stop } = await startRuntime();
    const session = openTerminalSession(runtime);
    let turn = Promise.resolve();
    const type = (text: string, options: SendOptions = {}) => {
      const member = memberOf(options.as);
      const channel = options.channel ?? 'local';
      const ctx: CommandContext = {
        channel: `terminal:${channel}`,
        user: { id: member.id, name: member.name },
        canManage: true,
        managePermission: 'terminal',
        now: new Date(),
      };
      // One keyboard: a line is typed once the answer to the one before has been printed.
      const answer = turn.then(() => session.type(text, ctx)).then(({ printed, reply }) => seenOf(printed, reply, channel));
      turn = answer.then(() => undefined, () => undefined);
      return answer;
    };
    return {
      name: 'terminal',
      send: (command, options) => type(`/papers ${commandText(command)}`.trim(), options),
      // A terminal has no buttons: the More line says what to type, and the member types it.
      click: (button, options) => type(`/papers ${String(button.command)}`, { ...options, channel: String(button.channel) }),
      cannot: (attempt: Attempt) =>
        ({
          'refused-member': 'the terminal is one person at their own keyboard, allowed to change their own channel',
          'unknown-subcommand': undefined,
          'empty-search': undefined,
          'share-button': 'the terminal prints no buttons: its reader types --share',
          'similar-button': 'the terminal prints no buttons: its reader types /papers similar <id>',
        })[attempt],
      async stop() {
        await session.close();
        await stop();
      },
    };
  },
};
