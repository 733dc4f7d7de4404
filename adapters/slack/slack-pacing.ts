import type { DeliveryTarget } from '../../src/digest/delivery.js';
import type { PlatformHost } from '../../src/platform/port.js';
import { slackAddress } from './slack-channel.js';
import type { SlackSettings } from './slack-settings.js';

/**
 * Slack takes about one message a second per channel, and at most the workspace's limit in any
 * rolling second when one is set (its burst at once, the rest as the window allows). A post's turn
 * is taken around the whole delivery and released once Slack answered; a post not answered yet
 * counts from its turn plus a margin. On Redis the turns are shared by every replica.
 */
export function pacedSlackTarget(target: DeliveryTarget, settings: SlackSettings, host: PlatformHost): DeliveryTarget {
  const marginMs = settings.paceMarginMs;
  const perChannel = host.pacer({ limit: 1, windowMs: 1_000, marginMs });
  const perWorkspace = settings.workspaceRate > 0 ? host.pacer({ limit: settings.workspaceRate, windowMs: 1_000, marginMs }) : undefined;
  return {
    ...target,
    async deliver(channel, reply, part, deliveryId, options) {
      const channelDone = await perChannel(channel);
      const workspaceDone = await perWorkspace?.(`slack:${slackAddress(channel)?.team ?? channel}`);
      try {
        return await target.deliver(channel, reply, part, deliveryId, options);
      } finally {
        channelDone();
        workspaceDone?.();
      }
    },
  };
}
