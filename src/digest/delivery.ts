import type { Reply } from '../commands/reply.js';

/** What one delivery came to; the scheduler acts on it per channel. */
export type DeliveryOutcome =
  | { status: 'ok' }
  | { status: 'rate_limited'; retryAfterMs: number }
  | { status: 'gone' | 'forbidden'; reason: string }
  | { status: 'failed'; reason: string };

/**
 * Where digests go: each platform adapter implements this. A reply may take several messages on
 * a platform (its size limits); each is sent, recorded and recovered on its own.
 */
export interface DeliveryTarget {
  /** How many messages the reply takes in this channel: the same for the same reply, every time. */
  partCount(channel: string, reply: Reply): number;
  /** Posts message `part` (0-based) of the reply; `deliveryId` names that one message on every try. */
  deliver(channel: string, reply: Reply, part: number, deliveryId: string): Promise<DeliveryOutcome>;
  /**
   * Whether the message with this id reached the channel, looking at what was posted since `since`;
   * undefined where the platform cannot tell.
   */
  wasDelivered?(channel: string, deliveryId: string, since: Date): Promise<boolean | undefined>;
  /**
   * Sends `notice` to one member by direct message, about `channel` (which the platform names in
   * it); `memberId` is the platform's own id of the member. Resolves to whether it was sent.
   */
  notifyMember?(channel: string, memberId: string, notice: Reply): Promise<boolean>;
}
