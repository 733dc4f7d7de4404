import type { WebClient } from '@slack/web-api';

/** A member's right to change a channel is asked of Slack at most this often. */
const CACHE_MS = 60_000;
const CACHE_SIZE = 10_000;

export interface Who {
  team: string;
  channel: string;
  user: { id: string; name: string };
}

/**
 * Whether a member may change a channel (workspace admin or owner, or the channel's creator), asked
 * only when a command changes something, remembered per (team, member, channel) for a minute. The
 * client it gets answers fast or fails (no retries, no waiting out a 429), so a slow Slack costs one
 * member one answer, never the other channels' commands.
 */
export function slackPermissions(clientFor: (team: string) => Promise<WebClient | undefined>, now: () => number = Date.now) {
  const cache = new Map<string, { allowed: boolean; until: number }>();
  return async (who: Who): Promise<boolean> => {
    const key = `${who.team}|${who.user.id}|${who.channel}`;
    const cached = cache.get(key);
    if (cached && cached.until > now()) return cached.allowed;
    const client = await clientFor(who.team);
    if (!client) return false;
    // A failed lookup throws: the member is told the check could not be made, not that they lack the right.
    const [user, channel] = await Promise.all([client.users.info({ user: who.user.id }), client.conversations.info({ channel: who.channel })]);
    const allowed = Boolean(user.user?.is_admin || user.user?.is_owner || channel.channel?.creator === who.user.id);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, { allowed, until: now() + CACHE_MS });
    return allowed;
  };
}
