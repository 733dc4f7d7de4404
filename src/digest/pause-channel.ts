import type { ChannelMember, ChannelPause, ChannelState } from '../channels/channel-state.js';
import type { ChannelStore } from '../channels/channel-store.js';
import type { Logger } from '../log.js';
import type { DeliveryOutcome, DeliveryTarget } from './delivery.js';
import { pauseNotice } from './pause-notice.js';

export interface PauseDeps {
  channels: ChannelStore;
  target: DeliveryTarget;
  logger: Logger;
  commandName: string;
  now: () => Date;
}

type Permanent = Extract<DeliveryOutcome, { status: 'gone' | 'forbidden' }>;

/**
 * Pauses a channel that cannot take digests, and tells the member who last set it up, once a pause.
 * The message is claimed in the same atomic change that pauses the channel (`notifiedAt`), so of
 * the runs, retries and replicas that meet the failure exactly one sends it; a send that fails is
 * not repeated (at most once). A run started before a member set the schedule again changes
 * nothing: they may have fixed the channel, and their change stands.
 */
export async function pauseChannel(channel: string, outcome: Permanent, startedAt: string, deps: PauseDeps): Promise<void> {
  const at = deps.now().toISOString();
  let notify: { member: ChannelMember; pause: ChannelPause } | undefined;
  const state = await deps.channels.update(channel, (current) => {
    notify = undefined;
    if (current.scheduleSetAt && current.scheduleSetAt > startedAt) return undefined;
    const pause: ChannelPause = current.paused ?? { reason: outcome.reason, at, cause: outcome.status };
    if (pause.notifiedAt || !current.changedBy || !deps.target.notifyMember) return { ...current, paused: pause };
    const claimed = { ...pause, notifiedAt: at };
    notify = { member: current.changedBy, pause: claimed };
    return { ...current, paused: claimed };
  });
  if (notify) await tellMember(channel, state, notify.member, notify.pause, deps);
}

async function tellMember(channel: string, state: ChannelState, member: ChannelMember, pause: ChannelPause, deps: PauseDeps): Promise<void> {
  const notice = pauseNotice(state, pause, deps.commandName);
  let sent = false;
  try {
    sent = (await deps.target.notifyMember?.(channel, member.id, notice)) ?? false;
  } catch (error) {
    deps.logger.warn({ channel, error: String(error) }, 'could not send the pause notice');
  }
  if (sent) deps.logger.info({ channel }, 'told the member who set the channel up that its digests are paused');
  else deps.logger.warn({ channel }, 'the member who set the channel up could not be told that its digests are paused');
}
