import type { ChannelPause, ChannelState } from '../channels/channel-state.js';
import { infoReply, type Reply } from '../commands/reply.js';

const WHY: Record<NonNullable<ChannelPause['cause']> | 'unknown', string> = {
  gone: 'the channel was archived or deleted, the bot was removed from it, or the bot was uninstalled',
  forbidden: 'the bot is not a member of the channel, or may not send messages there',
  unknown: 'the bot could not post there',
};

const FIX: Record<NonNullable<ChannelPause['cause']> | 'unknown', string> = {
  gone: 'unarchive the channel or invite the bot back',
  forbidden: 'invite the bot to the channel, or give it the permission to send messages',
  unknown: 'make sure the bot can post in the channel',
};

/** The command that resumes digests: the schedule as it is, set again (setting it clears the pause). */
export function resumeCommand(state: ChannelState, commandName: string): string {
  return `${commandName} schedule ${state.schedule.time} ${state.schedule.timeZone}`;
}

/** Why digests stopped and how to start them again, in the words a member acts on. */
export function pauseAdvice(state: ChannelState, pause: ChannelPause, commandName: string): string[] {
  const cause = pause.cause ?? 'unknown';
  return [
    `Paused since ${pause.at.slice(0, 10)}: the platform answered \`${pause.reason}\`, which means ${WHY[cause]}.`,
    `To resume: ${FIX[cause]}, then run \`${resumeCommand(state, commandName)}\` in the channel.`,
  ];
}

/** The direct message to the member who set the channel up; the platform adds which channel it is. */
export function pauseNotice(state: ChannelState, pause: ChannelPause, commandName: string): Reply {
  return infoReply('The Daily Papers digest you set up has stopped', [
    ...pauseAdvice(state, pause, commandName),
    `\`${commandName} status\` there shows the schedule and the pause.`,
  ]);
}
