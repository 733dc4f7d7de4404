import { MAX_DIGEST_SIZE, type ChannelState } from '../../channels/channel-state.js';
import type { CommandContext, CommandDeps } from '../command-context.js';
import { errorReply, infoReply, type Reply } from '../reply.js';
import { describeSchedule } from './schedule.js';

function describeSettings(state: ChannelState, now: Date): string[] {
  return [
    `Digest size: ${state.size} papers.`,
    `Minimum upvotes: ${state.minUpvotes}.`,
    `Topics: ${state.topics.length}.`,
    ...describeSchedule(state, now),
  ];
}

/** The highest minimum upvote count a channel can set; no paper has ever come near it. */
export const MAX_MIN_UPVOTES = 100_000;

/** Each numeric setting, its range, and the state field it sets. */
export const SETTINGS = {
  size: { min: 1, max: MAX_DIGEST_SIZE, field: 'size', example: 8 },
  'min-upvotes': { min: 0, max: MAX_MIN_UPVOTES, field: 'minUpvotes', example: 5 },
} as const;
type SettingName = keyof typeof SETTINGS;

/** `size=8`, `size 8`, `min_upvotes = 5` → `name=value` parts. */
function settingParts(args: string): string[] {
  return args
    .replace(/\s*[=:]\s*/g, '=')
    .replace(/(^|\s)(size|min[-_]?upvotes)\s+(?=[-+]?\d)/gi, '$1$2=')
    .split(/\s+/)
    .filter(Boolean);
}

/** `settings [size=N] [min-upvotes=N]`: all changes apply together, or none. */
export async function settings(args: string, ctx: CommandContext, deps: CommandDeps): Promise<Reply> {
  const command = deps.commandName;
  if (!args) return infoReply('Settings of this channel', describeSettings(await deps.channels.get(ctx.channel), ctx.now));
  const changes: Partial<Pick<ChannelState, 'size' | 'minUpvotes'>> = {};
  for (const part of settingParts(args)) {
    const [rawName = '', value = ''] = part.split('=', 2);
    const name = rawName.toLowerCase().replace(/^min[-_]?upvotes$/, 'min-upvotes');
    if (!(name in SETTINGS)) {
      return errorReply(`"${part.slice(0, 40)}" is not a setting: use size=N (${SETTINGS.size.min}–${SETTINGS.size.max}) and min-upvotes=N (${SETTINGS['min-upvotes'].min}–${MAX_MIN_UPVOTES}), e.g. \`${command} settings size=8 min-upvotes=5\`.`);
    }
    const setting = SETTINGS[name as SettingName];
    if (setting.field in changes) return errorReply(`${name} is given twice: give each setting once, e.g. \`${command} settings ${name}=${setting.example}\`.`);
    const n = Number(value);
    if (!/^\d{1,7}$/.test(value) || n < setting.min || n > setting.max) {
      return errorReply(`${name} is ${setting.min}–${setting.max}${value ? `, not ${value.slice(0, 20)}` : ''}: e.g. \`${command} settings ${name}=${setting.example}\`.`);
    }
    changes[setting.field] = n;
  }
  const saved = await deps.channels.update(ctx.channel, (state) => ({
    ...state,
    ...changes,
    scheduleSetAt: state.scheduleSetAt ?? ctx.now.toISOString(),
  }));
  return { ...infoReply('changed this channel\'s settings', describeSettings(saved, ctx.now), 'channel'), actor: ctx.user };
}
