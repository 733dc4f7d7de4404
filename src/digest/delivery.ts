import type { DigestStyle } from '../channels/channel-state.js';
import type { Reply } from '../commands/reply.js';

/**
 * What one delivery came to; the scheduler acts on it per channel. A message posted may come back
 * with `ref`, the platform's id of it (a threaded digest's replies go under its headline's).
 */
export type DeliveryOutcome =
  | { status: 'ok'; ref?: string }
  | { status: 'rate_limited'; retryAfterMs: number }
  | { status: 'gone' | 'forbidden'; reason: string }
  | { status: 'failed'; reason: string };

/** How a digest is posted: its style, and for a threaded one's replies the headline they answer. */
export interface DeliveryOptions {
  /** `cards` when absent. */
  style?: DigestStyle;
  /** The `ref` of the headline (part 0) of a `thread` digest: the parts after it are replies to it. */
  thread?: string;
}

/** A message found in the channel, with its platform id where the platform tells it. */
export interface FoundMessage {
  ref: string;
}

/**
 * Where digests go: each platform adapter implements this. A reply may take several messages on
 * a platform (its size limits, its style); each is sent, recorded and recovered on its own.
 */
export interface DeliveryTarget {
  /** How many messages the reply takes in this channel: the same for the same reply and style, every time. */
  partCount(channel: string, reply: Reply, style?: DigestStyle): number;
  /** Posts message `part` (0-based) of the reply; `deliveryId` names that one message on every try. */
  deliver(channel: string, reply: Reply, part: number, deliveryId: string, options?: DeliveryOptions): Promise<DeliveryOutcome>;
  /**
   * Whether the message with this id reached the channel (or, with `options.thread`, that thread),
   * looking at what was posted since `since`: true or the message found (with its `ref`), false,
   * or undefined where the platform cannot tell.
   */
  wasDelivered?(channel: string, deliveryId: string, since: Date, options?: DeliveryOptions): Promise<boolean | FoundMessage | undefined>;
  /**
   * Sends `notice` to one member by direct message, about `channel` (which the platform names in
   * it); `memberId` is the platform's own id of the member. Resolves to whether it was sent.
   */
  notifyMember?(channel: string, memberId: string, notice: Reply): Promise<boolean>;
}
