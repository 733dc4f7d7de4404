import type { Reply } from '../../src/commands/reply.js';
import type { DeliveryOutcome, DeliveryTarget } from '../../src/digest/delivery.js';

/** A delivery port that records every post, and can be told to fail for some channels. */
export class RecordingTarget implements DeliveryTarget {
  readonly posts: { channel: string; reply: Reply; deliveryId: string }[] = [];
  outcomeFor: (channel: string) => DeliveryOutcome = () => ({ status: 'ok' });

  async deliver(channel: string, reply: Reply, deliveryId: string): Promise<DeliveryOutcome> {
    const outcome = this.outcomeFor(channel);
    if (outcome.status === 'ok') this.posts.push({ channel, reply, deliveryId });
    return outcome;
  }

  async wasDelivered(_channel: string, deliveryId: string): Promise<boolean> {
    return this.posts.some((post) => post.deliveryId === deliveryId);
  }

  postsTo(channel: string) {
    return this.posts.filter((post) => post.channel === channel);
  }
}
