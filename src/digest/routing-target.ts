import { parseChannelKey, type Platform } from '../channels/channel-key.js';
import type { DeliveryTarget } from './delivery.js';

/** Sends each channel's digest through the adapter of its platform. */
export function routingTarget(targets: Partial<Record<Platform, DeliveryTarget>>): DeliveryTarget {
  const targetFor = (channel: string) => {
    const platform = parseChannelKey(channel)?.platform;
    return platform ? targets[platform] : undefined;
  };
  return {
    async deliver(channel, reply, deliveryId) {
      const target = targetFor(channel);
      if (!target) return { status: 'failed', reason: `no adapter is running for ${channel}` };
      return target.deliver(channel, reply, deliveryId);
    },
    async wasDelivered(channel, deliveryId) {
      const target = targetFor(channel);
      // A platform that cannot tell is taken as delivered: a missed digest beats a doubled one.
      return target?.wasDelivered ? target.wasDelivered(channel, deliveryId) : true;
    },
  };
}
