import type { PackLimits } from '../../src/presentation/pack.js';

/** Slack's Block Kit limits (api.slack.com/reference/block-kit); renderers clamp against these. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  contextElements: 10,
  actionElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  /** `text` is cut after 40,000 characters; a notification needs far less. */
  fallbackText: 3000,
  /**
   * Not documented: Slack has rejected messages of about 13k characters of blocks that were
   * within every listed limit, so a message is kept well under that.
   */
  blockCharsPerMessage: 10_000,
} as const;

/** How papers' blocks are packed into messages: characters are those of the blocks' JSON. */
export const SLACK_PACKING: PackLimits = {
  itemsPerMessage: SLACK_LIMITS.blocksPerMessage,
  charactersPerMessage: SLACK_LIMITS.blockCharsPerMessage,
  reserve: 0,
};
