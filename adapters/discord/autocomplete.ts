import type { ChannelStore } from '../../src/channels/channel-store.js';
import { DISCORD_LIMITS } from './discord-limits.js';

export interface Choice {
  name: string;
  value: string;
}

let zones: string[] | undefined;

/** Up to 25 choices for the option being typed: the channel's topics, or time zones. */
export async function autocompleteChoices(
  focused: { subcommand: string; name: string; value: string },
  channel: string,
  channels: ChannelStore,
): Promise<Choice[]> {
  const typed = focused.value.toLowerCase();
  const clamp = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  if (focused.subcommand === 'unsubscribe' && focused.name === 'topic') {
    const { topics } = await channels.get(channel);
    const choices = topics
      .map((topic, i) => ({ name: clamp(`${i + 1}. ${topic.query}`, DISCORD_LIMITS.choiceName), value: String(i + 1) }))
      .filter((choice) => choice.name.toLowerCase().includes(typed));
    if (topics.length > 1 && 'all'.includes(typed)) choices.push({ name: 'all topics', value: 'all' });
    return choices.slice(0, DISCORD_LIMITS.autocompleteChoices);
  }
  if (focused.subcommand === 'schedule' && focused.name === 'timezone') {
    zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone')];
    const starts = zones.filter((zone) => zone.toLowerCase().startsWith(typed));
    const contains = zones.filter((zone) => !zone.toLowerCase().startsWith(typed) && zone.toLowerCase().includes(typed));
    return [...starts, ...contains].slice(0, DISCORD_LIMITS.autocompleteChoices).map((zone) => ({ name: zone, value: zone }));
  }
  return [];
}
