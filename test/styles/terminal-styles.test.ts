import { describe, expect, it } from 'vitest';
import { terminalTarget } from '../../adapters/terminal/terminal-target.js';
import type { Reply } from '../../src/commands/reply.js';
import { captureWrites } from '../helpers/start-runtime.js';
import { fixturePapersOfOneDay } from './style-platforms.js';

async function digest(): Promise<Reply> {
  const papers = (await fixturePapersOfOneDay()).slice(0, 3);
  return {
    kind: 'papers',
    visibility: 'channel',
    heading: 'Daily Papers digest, 2025-06-10',
    papers: papers.map((paper, i) => ({ paper: i === 0 ? { ...paper, title: `\u001b[31mred\u001b[0m ${paper.title}` } : paper, reasons: [], ...(i === 1 ? { topic: 'video' } : {}) })),
    notes: ['1 of 3 match this channel\'s topics.'],
  };
}

describe('digest styles in the terminal', () => {
  it('compact: the heading, then one line per paper with its rank, ▲, title, topic and link', async () => {
    const out = captureWrites();
    const target = terminalTarget(out.stream, '/papers');
    const reply = await digest();
    expect(target.partCount('terminal:local', reply, 'compact')).toBe(1);
    await target.deliver('terminal:local', reply, 0, 'id#1', { style: 'compact' });
    const lines = out.text().trim().split('\n');
    expect(lines[1]).toBe('Daily Papers digest, 2025-06-10');
    expect(lines.slice(2, 5).map((line) => /^ ?(\d)\. ▲\d+ {2}/.exec(line)?.[1])).toEqual(['1', '2', '3']);
    expect(lines[3]).toMatch(/ {2}\[video\] {2}https:\/\/\S+\/papers\/[\d.]+$/);
    expect(out.text()).not.toContain('\u001b');
  });

  it('thread: the headline with the count and topics, then each card indented as a reply', async () => {
    const out = captureWrites();
    await terminalTarget(out.stream, '/papers').deliver('terminal:local', await digest(), 0, 'id#1', { style: 'thread' });
    const text = out.text();
    expect(text).toContain("Daily Papers digest, 2025-06-10\n3 papers · topics: video\n1 of 3 match this channel's topics.\n  ↳ 1. ▲");
    expect(text.match(/^ {2}↳ \d\. ▲\d+ {2}/gm)).toHaveLength(3);
  });
});
