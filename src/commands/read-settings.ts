import type { CommandOf } from './command.js';
import { CommandRefusal, refuse } from './command-refusal.js';
import { range, SETTINGS } from './subcommands.js';

export type SettingName = keyof typeof SETTINGS;
type SettingsCommand = CommandOf<'settings'>;
type Setting = (typeof SETTINGS)[SettingName];

/** `size=8`, `size 8`, `min_upvotes = 5`, `style compact` → `name=value` parts. */
function settingParts(args: string): string[] {
  return args
    .replace(/\s*[=:]\s*/g, '=')
    .replace(/(^|\s)(size|min[-_]?upvotes)\s+(?=[-+]?\d)/gi, '$1$2=')
    .replace(/(^|\s)(style|taste)\s+(?=[a-z])/gi, '$1$2=')
    .split(/\s+/)
    .filter(Boolean);
}

/** What a setting takes: `1–20`, or `cards, compact or thread`. */
function allowed(setting: Setting): string {
  if (!('choices' in setting)) return range(setting);
  const choices = [...setting.choices];
  return `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
}

/** One setting's value, added to `command`; refused when given twice or not one it takes. */
export function readSetting(command: SettingsCommand, name: SettingName, value: string): CommandRefusal | undefined {
  const setting: Setting = SETTINGS[name];
  if (command[setting.field] !== undefined) return refuse((c) => `${name} is given twice: give each setting once, e.g. \`${c} settings ${name}=${setting.example}\`.`);
  const refusal = refuse((c) => `${name} is ${allowed(setting)}${value ? `, not ${value.slice(0, 20)}` : ''}: e.g. \`${c} settings ${name}=${setting.example}\`.`);
  if ('choices' in setting) {
    const choice = (setting.choices as readonly string[]).find((c) => c === value.toLowerCase());
    if (!choice) return refusal;
    Object.assign(command, { [setting.field]: choice });
    return undefined;
  }
  const n = Number(value);
  if (!/^\d{1,7}$/.test(value) || n < setting.min || n > setting.max) return refusal;
  Object.assign(command, { [setting.field]: n });
  return undefined;
}

/** `settings [size=N] [min-upvotes=N] [style=cards|compact|thread] [taste=on|off]`. */
export function readSettings(args: string): SettingsCommand | CommandRefusal {
  const command: SettingsCommand = { name: 'settings' };
  for (const part of settingParts(args)) {
    const [rawName = '', value = ''] = part.split('=', 2);
    const name = rawName.toLowerCase().replace(/^min[-_]?upvotes$/, 'min-upvotes');
    if (!Object.hasOwn(SETTINGS, name)) {
      const { size, 'min-upvotes': minUpvotes } = SETTINGS;
      return refuse(
        (c) =>
          `"${part.slice(0, 40)}" is not a setting: use size=N (${range(size)}), min-upvotes=N (${range(minUpvotes)}), style=cards|compact|thread and taste=on|off, e.g. \`${c} settings size=${size.example} min-upvotes=${minUpvotes.example}\`.`,
      );
    }
    const refused = readSetting(command, name as SettingName, value);
    if (refused) return refused;
  }
  return command;
}
