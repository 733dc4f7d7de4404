import { platformOf } from '../channels/channel-key.js';
import type { DeliveryTarget } from './delivery.js';

/** Sends each channel's digest through the target of its platform (by the platform's name). */
export function routingTarget(targets: ReadonlyMap<string, DeliveryTarget>): DeliveryTarget {
  const targetFor = (channel: string) => targets.get(platformOf(channel) ?? '');
  return {
    partCount(channel, reply, style) {
      return targetFor(channel)?.partCount(channel, reply, style) ?? 1;
    },
    async deliver(channel, reply, part, deliveryId, options) {
      const target = targetFor(channel);
      if (!target) return { status: 'failed', reason: `no adapter is running for ${channel}` };
      return target.deliver(channel, reply, part, deliveryId, options);
    },
    async wasDelivered(channel, deliveryId, since, options) {
      return targetFor(channel)?.wasDelivered?.(channel, deliveryId, since, options);
    },
    async notifyMember(channel, memberId, notice) {
      return (await targetFor(channel)?.notifyMember?.(channel, memberId, notice)) ?? false;
    },
  };
}
