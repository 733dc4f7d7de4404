import { platformOf } from '../channels/channel-key.js';
import type { DeliveryTarget } from './delivery.js';

/** Sends each channel's digest through the target of its platform (by the platform's name). */
export function routingTarget(targets: ReadonlyMap<string, DeliveryTarget>): DeliveryTarget {
  const targetFor = (channel: string) => targets.get(platformOf(channel) ?? '');
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
    async notifyMember(channel, memberId, notice) {
      return (await targetFor(channel)?.notifyMember?.(channel, memberId, notice)) ?? false;
    },
  };
}
