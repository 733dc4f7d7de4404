import type { ChannelStore } from '../channels/channel-store.js';
import type { ChannelLikes } from '../likes/channel-likes.js';
import type { PaperArchive } from '../papers/archive.js';

/** Who typed the command, where, and when. */
export interface CommandContext {
  /** The channel key (`<platform>:<workspace>:<channel>`, made by the platform). */
  channel: string;
  user: { id: string; name: string };
  /**
   * Whether this member may change the channel's settings: known at once, or asked of the platform
   * only when a command changes something (it may throw when the platform does not answer).
   */
  canManage: boolean | (() => Promise<boolean>);
  /** How the platform names the permission that management needs, for the refusal. */
  managePermission: string;
  now: Date;
}

export interface CommandDeps {
  archive: PaperArchive;
  channels: ChannelStore;
  /** The channels' 👍. */
  likes: ChannelLikes;
  commandName: string;
  /** Called after a command changed a channel, so this process's scheduler follows it at once. */
  onChannelChange?(channel: string): Promise<void>;
}
