import { describe, expect, it } from 'vitest';
import { ALL_DRIVERS, useDriver } from '../drivers/all-drivers.js';
import { paperNumbers } from './read-answer.js';

describe.each(ALL_DRIVERS.map((factory) => [factory.name, factory] as const))('mistakes on %s', (_name, factory) => {
  const driver = useDriver(factory);
  const channel = 'mistakes';

  it('a misspelt subcommand is answered with the one meant', async (context) => {
    const why = driver().cannot('unknown-subcommand');
    context.skip(why !== undefined, why);
    const seen = await driver().send('/papers subscibe llm', { channel });
    expect(seen.visibility).toBe('ephemeral');
    expect(seen.text).toMatch(/There is no \/papers subscibe\. Did you mean \/papers subscribe\?/);
    const topics = await driver().send('/papers topics', { channel });
    expect(topics.text).toMatch(/follows no topics/);
  });

  it('a time of day that does not exist is refused, saying how to write one, and the schedule stays', async () => {
    const before = await driver().send('/papers schedule', { channel });
    const seen = await driver().send('/papers schedule 25:99', { channel });
    expect(seen.visibility).toBe('ephemeral');
    expect(seen.text).toMatch(/"25:99" is not a time of day: write 9, 9:30, 21:00 or 9pm/);
    const after = await driver().send('/papers schedule', { channel });
    const digestAt = (text: string) => text.match(/^Digest at .*$/m)?.[0];
    expect(digestAt(after.text)).toBeDefined();
    expect(digestAt(after.text)).toBe(digestAt(before.text));
  });

  it('a search with nothing to look for asks what to look for', async (context) => {
    const why = driver().cannot('empty-search');
    context.skip(why !== undefined, why);
    const seen = await driver().send('/papers search', { channel });
    expect(seen.visibility).toBe('ephemeral');
    expect(seen.text).toMatch(/Tell me what to look for: \/papers search \S+/);
    expect(paperNumbers(seen.text)).toEqual([]);
  });
});
