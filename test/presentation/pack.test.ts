import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, DISCORD_PACKING, FOOTER_RESERVE } from '../../adapters/discord/discord-limits.js';
import { embedChars, renderDiscordMessages } from '../../adapters/discord/render-embeds.js';
import { renderSlackMessages } from '../../adapters/slack/render-blocks.js';
import { SLACK_LIMITS, SLACK_PACKING } from '../../adapters/slack/slack-limits.js';
import type { Reply } from '../../src/commands/reply.js';
import { pack } from '../../src/presentation/pack.js';
import { longPaper } from './sample-papers.js';

const words = (group: string[]) => ({ items: group.length, characters: group.join('').length });

describe('pack', () => {
  it('fills each message up to its item and character limits, keeping groups whole and in order', () => {
    const groups = [['aaaa'], ['bb', 'cc'], ['d'], ['eeeeee'], ['f', 'g', 'h']];
    const messages = pack(groups, { itemsPerMessage: 3, charactersPerMessage: 10, reserve: 2 }, words);
    expect(messages).toEqual([[['aaaa'], ['bb', 'cc']], [['d'], ['eeeeee']], [['f', 'g', 'h']]]);
    expect(messages.flat()).toEqual(groups);
  });

  it('always gives one message, and a group too big for any message one of its own', () => {
    expect(pack([], { itemsPerMessage: 1, charactersPerMessage: 1, reserve: 0 }, words)).toEqual([[]]);
    expect(pack([['x'.repeat(20)], ['y']], { itemsPerMessage: 5, charactersPerMessage: 10, reserve: 0 }, words)).toEqual([[['x'.repeat(20)]], [['y']]]);
  });

  it('is driven by each platform\'s documented limits', () => {
    expect(SLACK_PACKING).toEqual({ itemsPerMessage: 50, charactersPerMessage: SLACK_LIMITS.blockCharsPerMessage, reserve: 0 });
    expect(DISCORD_PACKING).toEqual({ itemsPerMessage: 10, charactersPerMessage: 6000, reserve: FOOTER_RESERVE });
  });
});

const twentyLongPapers: Reply = {
  kind: 'papers', visibility: 'channel', heading: 'Digest', notes: ['a note'], similar: true,
  papers: Array.from({ length: 20 }, (_, i) => ({ paper: longPaper(i + 1), reasons: [{ field: 'abstract' as const, terms: ['x'.repeat(200), 'video'] }], topic: 'video' })),
};

describe('twenty papers with long text', () => {
  it('Slack: every message within 50 blocks and 10k characters of blocks; every paper once, in order', () => {
    const messages = renderSlackMessages(twentyLongPapers, { buttons: { more: 'search x --page 2', share: 'search x --share' } });
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.blockCharsPerMessage);
    }
    const numbers = messages.flatMap((m) => m.blocks.flatMap((b) => {
      const text = (b.text as { text?: string } | undefined)?.text ?? '';
      const match = /^(\d+)\. \*</.exec(text);
      return match ? [Number(match[1])] : [];
    }));
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(messages.at(-1)!.blocks.at(-1)!.type).toBe('actions');
  });

  it('Discord: every message within 10 embeds and 6000 characters less the footer\'s reserve; every paper once, in order', () => {
    const messages = renderDiscordMessages(twentyLongPapers, { moreId: 'papers:more:x' });
    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages) {
      expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
      expect(message.embeds.reduce((sum, e) => sum + embedChars(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedCharsPerMessage - FOOTER_RESERVE);
      expect(message.allowed_mentions).toEqual({ parse: [] });
    }
    const titles = messages.flatMap((m) => m.embeds.map((e) => Number(/^(\d+)\. /.exec(e.title!)![1])));
    expect(titles).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Each message's Similar buttons are those of its own papers, More on the last one only.
    messages.forEach((message, i) => {
      const ids = (message.components as { components: { custom_id: string; label: string }[] }[]).flatMap((row) => row.components);
      expect(ids.filter((b) => b.custom_id.startsWith('papers:similar:')).map((b) => b.label)).toEqual(message.embeds.map((e) => `Similar to ${/^(\d+)\./.exec(e.title!)![1]}`));
      expect(ids.at(-1)!.custom_id === 'papers:more:x').toBe(i === messages.length - 1);
    });
  });
});
