/** Where a channel lives: `<platform>:<workspace>:<channel>`, or `<platform>:<channel>` where the platform has no workspaces. */
export interface ChannelAddress {
  /** The platform's name, as its port gives it. */
  platform: string;
  /** The workspace (team, server) the channel is in; empty where the platform has none. */
  workspace: string;
  channel: string;
}

const PLATFORM_NAME = /^[a-z][a-z0-9-]*$/;

// Each part is escaped (`%` and `:`) so that no two different channels share a key; the ids the
// platforms use hold neither, so every key written before this escaping reads the same.
const encode = (part: string) => part.replace(/%/g, '%25').replace(/:/g, '%3A');
const decode = (part: string) => part.replace(/%3A/gi, ':').replace(/%25/g, '%');

export function formatChannelKey(address: ChannelAddress): string {
  return address.workspace === ''
    ? `${address.platform}:${encode(address.channel)}`
    : `${address.platform}:${encode(address.workspace)}:${encode(address.channel)}`;
}

export function parseChannelKey(key: string): ChannelAddress | null {
  const [platform = '', ...parts] = key.split(':');
  if (!PLATFORM_NAME.test(platform) || parts.length < 1 || parts.length > 2 || parts.some((part) => !part)) return null;
  const [workspace, channel] = parts.length === 2 ? parts : ['', parts[0]!];
  return { platform, workspace: decode(workspace!), channel: decode(channel!) };
}

/** The platform a channel key names, or undefined for a malformed key. */
export function platformOf(key: string): string | undefined {
  return parseChannelKey(key)?.platform;
}
