import type { CommandOf } from './command.js';
import { CommandRefusal, refuse } from './command-refusal.js';
import { range, SETTINGS } from './subcommands.js';

export type SettingName = keyof typeof SETTINGS;
type SettingsCommand = CommandOf<'settings'>;

/** `size=8`, `size 8`, `min_upvotes = 5` → `name=value` parts. */
function settingParts(args: string): string[] {
  return args
    .replace(/\s*[=:]\s*/g, '=')
    .replace(/(^|\s)(size|min[-_]?upvotes)\s+(?=[-+]?\d)/gi, '$1$2=')
    .split(/\s+/)
    .filter(Boolean);
}

/** One setting's value, added to `command`; refused when given twice or out of its range. */
export function readSetting(command: SettingsCommand, name: SettingName, value: string): CommandRefusal | undefined {
  const setting = SETTINGS[name];
  if (command[setting.field] !== undefined) return refuse((c) => `${name} is given twice: give each setting once, e.g. \`${c} settings ${name}=${setting.example}\`.`);
  const n = Number(value);
  if (!/^\d{1,7}$/.test(value) || n < setting.min || n > setting.max) {
    return refuse((c) => `${name} is ${range(setting)}${value ? `, not ${value.slice(0, 20)}` : ''}: e.g. \`${c} settings ${name}=${setting.example}\`.`);
  }
  command[setting.field] = n;
  return undefined;
}

/** `settings [size=N] [min-upvotes=N]`. */
export function readSettings(args: string): SettingsCommand | CommandRefusal {
  const command: SettingsCommand = { name: 'settings' };
  for (const part of settingParts(args)) {
    const [rawName = '', value = ''] = part.split('=', 2);
    const name = rawName.toLowerCase().replace(/^min[-_]?upvotes$/, 'min-upvotes');
    if (!Object.hasOwn(SETTINGS, name)) {
      const { size, 'min-upvotes': minUpvotes } = SETTINGS;
      return refuse((c) => `"${part.slice(0, 40)}" is not a setting: use size=N (${range(size)}) and min-upvotes=N (${range(minUpvotes)}), e.g. \`${c} settings size=${size.example} min-upvotes=${minUpvotes.example}\`.`);
    }
    const refused = readSetting(command, name as SettingName, value);
    if (refused) return refused;
  }
  return command;
}
