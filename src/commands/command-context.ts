import type { ChannelStore } from '../channels/channel-store.js';
import type { PaperArchive } from '../papers/archive.js';

/** Who typed the command, where, and when. */
export interface CommandContext {
  /** The channel key (`slack:T1:C1`, `terminal:local`). */
  channel: string;
  user: { id: string; name: string };
  /** False when the platform says this member may not change the channel's settings. */
  canManage: boolean;
  /** How the platform names the permission that management needs, for the refusal. */
  managePermission: string;
  now: Date;
}

export interface CommandDeps {
  archive: PaperArchive;
  channels: ChannelStore;
  commandName: string;
  /** Called after a command changed a channel, so this process's scheduler follows it at once. */
  onChannelChange?(channel: string): Promise<void>;
}
