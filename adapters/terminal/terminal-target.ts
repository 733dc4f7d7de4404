import type { Writable } from 'node:stream';
import type { DeliveryTarget } from '../../src/digest/delivery.js';
import { printDelivery } from './terminal-adapter.js';

/** Scheduled digests for terminal channels are printed where the person is typing, in one piece. */
export function terminalTarget(output: Writable, commandName: string): DeliveryTarget {
  return {
    partCount: () => 1,
    async deliver(channel, reply) {
      printDelivery(output, channel, reply, commandName);
      return { status: 'ok' };
    },
  };
}
