export type Platform = 'slack' | 'discord' | 'terminal';

/** Where a channel lives: `slack:T123:C456`, `discord:G789:C012`, `terminal:local`. */
export interface ChannelAddress {
  platform: Platform;
  /** Slack team (or enterprise) id, Discord guild id; empty for the terminal. */
  workspace: string;
  channel: string;
}

export function formatChannelKey(address: ChannelAddress): string {
  return address.platform === 'terminal'
    ? `terminal:${address.channel}`
    : `${address.platform}:${address.workspace}:${address.channel}`;
}

export function parseChannelKey(key: string): ChannelAddress | null {
  const parts = key.split(':');
  if (parts[0] === 'terminal' && parts.length === 2 && parts[1]) return { platform: 'terminal', workspace: '', channel: parts[1] };
  if ((parts[0] === 'slack' || parts[0] === 'discord') && parts.length === 3 && parts[1] && parts[2]) {
    return { platform: parts[0], workspace: parts[1], channel: parts[2] };
  }
  return null;
}
