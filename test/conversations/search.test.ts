import { describe, expect, it } from 'vitest';
import { ALL_DRIVERS, useDriver } from '../drivers/all-drivers.js';
import { buttonLabelled } from '../drivers/driver.js';
import { paperLines, paperNumbers, REASONS, reasonLines } from './read-answer.js';

describe.each(ALL_DRIVERS.map((factory) => [factory.name, factory] as const))('searching on %s', (_name, factory) => {
  const driver = useDriver(factory);
  const channel = 'search';

  it('answers the member alone with five ranked papers, each saying why it matched', async () => {
    const seen = await driver().send('/papers search video', { channel });
    expect(seen.visibility).toBe('ephemeral');
    expect(seen.text).toMatch(/\b\d+ papers match "?video"? \(1–5\)/);
    expect(paperNumbers(seen.text)).toEqual([1, 2, 3, 4, 5]);
    const reasons = reasonLines(seen.text);
    expect(reasons).toHaveLength(5);
    for (const line of reasons) {
      expect(line).toMatch(REASONS);
      expect(line).toMatch(/: [^;]*\bvideo/i);
    }
  });

  it('More shows the next five, numbered on from 6, none of them on the first page', async () => {
    const first = await driver().send('/papers search video', { channel });
    const next = await driver().click(buttonLabelled(first, 'More'));
    expect(next.text).toMatch(/papers match "?video"? \(6–10\)/);
    expect(paperNumbers(next.text)).toEqual([6, 7, 8, 9, 10]);
    const earlier = new Set(paperLines(first.text));
    expect(paperLines(next.text).filter((line) => earlier.has(line))).toEqual([]);
    expect(reasonLines(next.text)).toHaveLength(5);
  });

  it('--share shows the same papers to the whole channel', async () => {
    const mine = await driver().send('/papers search video', { channel });
    const shared = await driver().send('/papers search video --share', { channel });
    expect(shared.visibility).toBe('channel');
    expect(paperLines(shared.text)).toEqual(paperLines(mine.text));
  });

  it('the Share button posts the answer to the channel', async (context) => {
    const why = driver().cannot('share-button');
    context.skip(why !== undefined, why);
    const mine = await driver().send('/papers search video', { channel });
    const shared = await driver().click(buttonLabelled(mine, 'Share'));
    expect(shared.visibility).toBe('channel');
    expect(paperLines(shared.text)).toEqual(paperLines(mine.text));
  });

  it("a paper's Similar button shows the papers most like it, to the member alone", async (context) => {
    const why = driver().cannot('similar-button');
    context.skip(why !== undefined, why);
    const mine = await driver().send('/papers search video', { channel });
    const first = paperLines(mine.text)[0]!;
    const similar = await driver().click(buttonLabelled(mine, /^Similar/));
    expect(similar.visibility).toBe('ephemeral');
    expect(similar.text).toMatch(/^Papers most like arXiv \d{4}\.\d{4,5}, "/);
    expect(similar.text).toContain(first.replace(/\s+▲ \d+$/, ''));
    expect(paperNumbers(similar.text).length).toBeGreaterThan(1);
    for (const line of reasonLines(similar.text)) expect(line).toMatch(REASONS);
  });
});
