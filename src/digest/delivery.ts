import type { Reply } from '../commands/reply.js';

/** What one delivery came to; the scheduler acts on it per channel. */
export type DeliveryOutcome =
  | { status: 'ok' }
  | { status: 'rate_limited'; retryAfterMs: number }
  | { status: 'gone' | 'forbidden'; reason: string }
  | { status: 'failed'; reason: string };

/** Where digests go: each platform adapter implements this. */
export interface DeliveryTarget {
  /** Posts the reply to the channel; `deliveryId` is the same on every try of one (channel, slot). */
  deliver(channel: string, reply: Reply, deliveryId: string): Promise<DeliveryOutcome>;
  /** After a crash mid-send: whether the post with this id reached the channel, where the platform can tell. */
  wasDelivered?(channel: string, deliveryId: string): Promise<boolean>;
}
