import type { Writable } from 'node:stream';
import type { DeliveryTarget } from '../../src/digest/delivery.js';
import { renderText } from './render-text.js';
import { printDelivery } from './terminal-adapter.js';

/** Scheduled digests for terminal channels are printed where the person is typing, in one piece, in the channel's style. */
export function terminalTarget(output: Writable, commandName: string): DeliveryTarget {
  return {
    partCount: () => 1,
    async deliver(channel, reply, _part, _deliveryId, posting) {
      printDelivery(output, channel, reply, commandName, posting?.style);
      return { status: 'ok' };
    },
    async notifyMember(channel, memberId, notice) {
      output.write(`\n── direct message to ${memberId} about ${channel} ──\n${renderText(notice, commandName)}\n\n`);
      return true;
    },
  };
}
