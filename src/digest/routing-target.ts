import { parseChannelKey, type Platform } from '../channels/channel-key.js';
import type { DeliveryTarget } from './delivery.js';

/** Sends each channel's digest through the adapter of its platform. */
export function routingTarget(targets: Partial<Record<Platform, DeliveryTarget>>): DeliveryTarget {
  const targetFor = (channel: string) => {
    const platform = parseChannelKey(channel)?.platform;
    return platform ? targets[platform] : undefined;
  };
  return {
    partCount(channel, reply) {
      return targetFor(channel)?.partCount(channel, reply) ?? 1;
    },
    async deliver(channel, reply, part, deliveryId) {
      const target = targetFor(channel);
      if (!target) return { status: 'failed', reason: `no adapter is running for ${channel}` };
      return target.deliver(channel, reply, part, deliveryId);
    },
    async wasDelivered(channel, deliveryId, since) {
      return targetFor(channel)?.wasDelivered?.(channel, deliveryId, since);
    },
  };
}
