import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import type { Command } from '../../src/commands/command.js';
import { commandFromValues } from '../../src/commands/parse-command.js';
import { range, SUBCOMMAND_TABLE, SUBCOMMANDS, type ArgumentSpec, type SubcommandSpec } from '../../src/commands/subcommands.js';

const OPTION_TYPES = {
  integer: ApplicationCommandOptionType.Integer,
  text: ApplicationCommandOptionType.String,
  flag: ApplicationCommandOptionType.Boolean,
} as const;

/** One argument as a Discord option; an integer's range is named in its description as the core's messages name it. */
function optionOf(spec: ArgumentSpec) {
  const ranged = spec.min !== undefined && spec.max !== undefined ? { min: spec.min, max: spec.max } : undefined;
  return {
    type: OPTION_TYPES[spec.kind],
    name: spec.name,
    description: ranged ? `${spec.description} (${range(ranged)})` : spec.description,
    ...(spec.required && { required: true }),
    ...(spec.autocomplete && { autocomplete: true }),
    ...(spec.maxLength !== undefined && { max_length: spec.maxLength }),
    ...(ranged && { min_value: ranged.min, max_value: ranged.max }),
    ...(spec.choices && { choices: spec.choices.map((choice) => ({ name: choice, value: choice })) }),
  };
}

/** `/papers` with a subcommand for each row of the grammar's table; registered by `register-commands`. */
export function papersCommand(name = 'papers') {
  return {
    type: ApplicationCommandType.ChatInput,
    name,
    description: 'Hugging Face Daily Papers: search, topics and a daily digest',
    dm_permission: false,
    options: SUBCOMMANDS.map((subcommand) => {
      const spec: SubcommandSpec = SUBCOMMAND_TABLE[subcommand];
      return { type: ApplicationCommandOptionType.Subcommand, name: subcommand, description: spec.description, options: spec.arguments.map(optionOf) };
    }),
  };
}

export interface InteractionOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: InteractionOption[];
}

/** The subcommand and its options as a command, read by the same rules as typed text. */
export function commandOf(options: InteractionOption[] | undefined): Command {
  const subcommand = options?.[0];
  return commandFromValues(subcommand?.name, Object.fromEntries((subcommand?.options ?? []).map((o) => [o.name, o.value])));
}

/** The option being typed in an autocomplete interaction. */
export function focusedOption(options: InteractionOption[] | undefined): { subcommand: string; name: string; value: string } | undefined {
  const subcommand = options?.[0];
  const focused = subcommand?.options?.find((o) => o.focused);
  return subcommand && focused ? { subcommand: subcommand.name, name: focused.name, value: String(focused.value ?? '') } : undefined;
}
