import { formatChannelKey, parseChannelKey } from '../../src/channels/channel-key.js';

export const SLACK = 'slack';

/** A Slack channel's key: `slack:<team or enterprise id>:<channel id>`. */
export function slackChannel(team: string, channel: string): string {
  return formatChannelKey({ platform: SLACK, workspace: team, channel });
}

/** The team and channel of a Slack channel key; undefined for another platform's key. */
export function slackAddress(key: string): { team: string; channel: string } | undefined {
  const address = parseChannelKey(key);
  return address?.platform === SLACK && address.workspace ? { team: address.workspace, channel: address.channel } : undefined;
}
