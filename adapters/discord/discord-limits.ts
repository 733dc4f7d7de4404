import type { PackLimits } from '../../src/presentation/pack.js';

/** Discord's message and embed limits (discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  /** Across every embed of one message; EmbedBuilder does not check this one. */
  embedCharsPerMessage: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  customId: 100,
  /** Action rows per message, and buttons per row. */
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Room kept in every message for the footer a digest adds (its delivery mark), which counts toward the limit. */
export const FOOTER_RESERVE = 80;

/** How papers' embeds are packed into messages: one embed per paper. */
export const DISCORD_PACKING: PackLimits = {
  itemsPerMessage: DISCORD_LIMITS.embedsPerMessage,
  charactersPerMessage: DISCORD_LIMITS.embedCharsPerMessage,
  reserve: FOOTER_RESERVE,
};
