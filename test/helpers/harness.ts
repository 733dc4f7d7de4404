import { ChannelStore } from '../../src/channels/channel-store.js';
import { ChannelLikes } from '../../src/likes/channel-likes.js';
import type { CommandContext } from '../../src/commands/command-context.js';
import { runCommand } from '../../src/commands/run-command.js';
import { silentLogger } from '../../src/log.js';
import type { PaperArchive } from '../../src/papers/archive.js';
import type { Store } from '../../src/store.js';
import { renderText } from '../../adapters/terminal/render-text.js';
import { fixtureArchive } from './archive.js';

export interface Harness {
  archive: PaperArchive;
  store: Store;
  channels: ChannelStore;
  likes: ChannelLikes;
  /** Sends a command as a user of `channel` would, and returns the reply and the text they would read. */
  send(text: string, as?: Partial<CommandContext>): Promise<{ reply: Awaited<ReturnType<typeof runCommand>>; text: string }>;
}

export async function commandHarness(options: { now?: Date } = {}): Promise<Harness> {
  const { archive, store } = await fixtureArchive();
  const channels = new ChannelStore(store, silentLogger);
  const likes = new ChannelLikes(store);
  const deps = { archive, channels, likes, commandName: '/papers', logger: silentLogger };
  return {
    archive,
    store,
    channels,
    likes,
    async send(text, as = {}) {
      const ctx: CommandContext = {
        channel: 'terminal:test',
        user: { id: 'U1', name: 'ada' },
        canManage: true,
        managePermission: 'Manage Channels',
        now: options.now ?? new Date('2025-06-11T12:00:00Z'),
        ...as,
      };
      const reply = await runCommand(text, ctx, deps);
      return { reply, text: renderText(reply, '/papers') };
    },
  };
}
