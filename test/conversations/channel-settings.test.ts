import { describe, expect, it } from 'vitest';
import { ALL_DRIVERS, useDriver } from '../drivers/all-drivers.js';

const ada = { name: 'ada' };
const bob = { name: 'bob', canManage: false };

describe.each(ALL_DRIVERS.map((factory) => [factory.name, factory] as const))("a channel's topics, schedule and settings on %s", (_name, factory) => {
  const driver = useDriver(factory);

  it('subscribing is announced to the channel, topics lists it, unsubscribing removes it', async () => {
    const channel = 'topics';
    const subscribed = await driver().send('/papers subscribe "video generation"', { channel, as: ada });
    expect(subscribed.visibility).toBe('channel');
    expect(subscribed.text).toContain('@ada subscribed this channel to "video generation"');

    const listed = await driver().send('/papers topics', { channel });
    expect(listed.visibility).toBe('ephemeral');
    expect(listed.text).toMatch(/follows 1 topic\b/);
    expect(listed.text).toContain('"video generation"');

    const removed = await driver().send('/papers unsubscribe "video generation"', { channel, as: ada });
    expect(removed.visibility).toBe('channel');
    expect(removed.text).toContain('@ada unsubscribed this channel from "video generation"');
    const after = await driver().send('/papers topics', { channel });
    expect(after.text).toMatch(/follows no topics/);
    expect(after.text).not.toContain('"video generation"');
  });

  it('a schedule set for 9:30 Berlin time on weekdays is announced and shown back', async () => {
    const channel = 'schedule';
    const set = await driver().send('/papers schedule 9:30 Europe/Berlin weekdays', { channel, as: ada });
    expect(set.visibility).toBe('channel');
    expect(set.text).toContain("@ada set this channel's digest schedule");
    expect(set.text).toContain('Digest at 09:30 Europe/Berlin, weekdays.');

    const shown = await driver().send('/papers schedule', { channel });
    expect(shown.visibility).toBe('ephemeral');
    expect(shown.text).toContain('Digest at 09:30 Europe/Berlin, weekdays.');
    // The next digest falls on a weekday, at 09:30 Berlin time (GMT+1 in winter, GMT+2 in summer).
    expect(shown.text).toMatch(/Next: (Mon|Tue|Wed|Thu|Fri) \d{1,2} \w{3}, 09:30 GMT\+[12]\b/);
  });

  it('digest size 8 and minimum upvotes 5 are announced and shown back', async () => {
    const channel = 'settings';
    const before = await driver().send('/papers settings', { channel });
    expect(before.text).not.toContain('Digest size: 8 papers.');

    const changed = await driver().send('/papers settings size=8 min-upvotes=5', { channel, as: ada });
    expect(changed.visibility).toBe('channel');
    expect(changed.text).toContain("@ada changed this channel's settings");

    const shown = await driver().send('/papers settings', { channel });
    expect(shown.visibility).toBe('ephemeral');
    expect(shown.text).toContain('Digest size: 8 papers.');
    expect(shown.text).toContain('Minimum upvotes: 5.');
  });

  it('a member without the right to manage the channel cannot subscribe it, and nothing is saved', async (context) => {
    const why = driver().cannot('refused-member');
    context.skip(why !== undefined, why);
    const channel = 'refusal';
    const refused = await driver().send('/papers subscribe llm', { channel, as: bob });
    expect(refused.visibility).toBe('ephemeral');
    expect(refused.text).toMatch(/Changing this channel's topics needs the .+ permission, which you do not have here\./);
    expect(refused.text).not.toContain('subscribed');

    const listed = await driver().send('/papers topics', { channel, as: ada });
    expect(listed.text).toMatch(/follows no topics/);
    // The same command from a member who may: the refusal was about the member, not the command.
    const allowed = await driver().send('/papers subscribe llm', { channel, as: ada });
    expect(allowed.text).toContain('@ada subscribed this channel to llm');
  });
});
