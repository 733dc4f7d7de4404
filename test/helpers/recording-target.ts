import type { Reply } from '../../src/commands/reply.js';
import type { DeliveryOutcome, DeliveryTarget } from '../../src/digest/delivery.js';

/** A delivery port that records every post, and can be told to fail for some channels or parts. */
export class RecordingTarget implements DeliveryTarget {
  readonly posts: { channel: string; reply: Reply; part: number; deliveryId: string }[] = [];
  outcomeFor: (channel: string, part: number) => DeliveryOutcome = () => ({ status: 'ok' });
  /** How many messages each digest takes here. */
  constructor(private readonly parts = 1) {}

  partCount(): number {
    return this.parts;
  }

  async deliver(channel: string, reply: Reply, part: number, deliveryId: string): Promise<DeliveryOutcome> {
    const outcome = this.outcomeFor(channel, part);
    if (outcome.status === 'ok') this.posts.push({ channel, reply, part, deliveryId });
    return outcome;
  }

  async wasDelivered(_channel: string, deliveryId: string): Promise<boolean> {
    return this.posts.some((post) => post.deliveryId === deliveryId);
  }

  postsTo(channel: string) {
    return this.posts.filter((post) => post.channel === channel);
  }
}
