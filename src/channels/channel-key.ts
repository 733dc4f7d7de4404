export type Platform = 'slack' | 'discord' | 'terminal';

/** Where a channel lives: `slack:T123:C456`, `discord:G789:C012`, `terminal:local`. */
export interface ChannelAddress {
  platform: Platform;
  /** Slack team (or enterprise) id, Discord guild id; empty for the terminal. */
  workspace: string;
  channel: string;
}

// Each part is escaped (`%` and `:`) so that no two different channels share a key; the ids the
// platforms use hold neither, so every key written before this escaping reads the same.
const encode = (part: string) => part.replace(/%/g, '%25').replace(/:/g, '%3A');
const decode = (part: string) => part.replace(/%3A/gi, ':').replace(/%25/g, '%');

export function formatChannelKey(address: ChannelAddress): string {
  return address.platform === 'terminal'
    ? `terminal:${encode(address.channel)}`
    : `${address.platform}:${encode(address.workspace)}:${encode(address.channel)}`;
}

export function parseChannelKey(key: string): ChannelAddress | null {
  const parts = key.split(':');
  if (parts[0] === 'terminal' && parts.length === 2 && parts[1]) return { platform: 'terminal', workspace: '', channel: decode(parts[1]) };
  if ((parts[0] === 'slack' || parts[0] === 'discord') && parts.length === 3 && parts[1] && parts[2]) {
    return { platform: parts[0], workspace: decode(parts[1]), channel: decode(parts[2]) };
  }
  return null;
}
