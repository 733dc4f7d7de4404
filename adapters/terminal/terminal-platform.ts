import { userInfo } from 'node:os';
import { z } from 'zod';
import { flag } from '../../src/platform/env-fields.js';
import type { Member, PlatformPort } from '../../src/platform/port.js';
import { runTerminal, TERMINAL, TERMINAL_CHANNEL } from './terminal-adapter.js';
import { terminalTarget } from './terminal-target.js';

const terminalEnv = z.object({ TERMINAL: flag });

export interface TerminalSettings {
  /** TERMINAL=true: open the terminal even when other platforms are configured (they then stay off). */
  asked: boolean;
}

/** The terminal: the person who started the bot, at their keyboard, as channel `terminal:local`. */
export const terminalPlatform = {
  name: TERMINAL,
  workspaces: false,
  title: 'the terminal',
  libraries: [],
  setup: 'TERMINAL=true',
  env: terminalEnv,
  settings: (values) => ({ asked: values.TERMINAL }),
  secrets: () => [],
  console: true,
  wanted: (settings) => settings.asked,
  rateLimited: false,
  create(_settings, host) {
    const io = host.console;
    if (!io) throw new Error('the terminal platform needs the console');
    const member: Member = { channel: TERMINAL_CHANNEL, user: { id: 'local', name: userInfo().username }, canManage: true, managePermission: 'terminal' };
    return {
      target: terminalTarget(io.output, host.commandName),
      start: async () => undefined,
      session: () =>
        runTerminal({
          input: io.input,
          output: io.output,
          commandName: host.commandName,
          signal: io.signal,
          firstFetch: io.firstFetch,
          greeting: io.greeting(TERMINAL_CHANNEL),
          run: (text) => host.run(text, member),
        }),
      stop: async () => undefined,
    };
  },
} as const satisfies PlatformPort<TerminalSettings, z.infer<typeof terminalEnv>>;
