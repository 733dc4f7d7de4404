import { beforeEach, describe, expect, it } from 'vitest';
import { commandHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await commandHarness();
});

describe('/papers commands as a user reads them', () => {
  it.each(['', 'help', '/papers', '/papers help', 'HELP'])('%j shows every subcommand with an example', async (input) => {
    const { text, reply } = await h.send(input);
    expect(reply.kind).toBe('info');
    for (const sub of ['today', 'week', 'search', 'paper', 'similar', 'subscribe', 'unsubscribe', 'topics', 'schedule', 'settings', 'status', 'follow', 'follows', 'unfollow']) {
      expect(text).toContain(`/papers ${sub}`);
    }
  });

  it('today lists the latest day in its ranking, as many as asked', async () => {
    const { reply, text } = await h.send('today 3');
    expect(reply.heading).toBe('Top 3 of 13 Daily Papers, 2025-06-11');
    expect(reply.papers.map((p) => p.paper.upvotes)).toEqual([19, 7, 6]);
    expect(text).toContain('Geopolitical biases in LLMs');
    expect(text).toContain('https://b-61j.pages.dev/papers/2506.06751');
  });

  it('today shows the channel digest size by default', async () => {
    await h.send('settings size=2');
    expect((await h.send('today')).reply.papers).toHaveLength(2);
  });

  it('week ranks the last seven days together', async () => {
    const { reply } = await h.send('week 5');
    expect(reply.heading).toMatch(/Daily Papers, 2025-06-05 to 2025-06-11$/);
    const votes = reply.papers.map((p) => p.paper.upvotes);
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    expect(reply.papers.map((p) => p.paper.dailyDate)).toContain('2025-06-10');
  });

  it('search ranks hits with reasons and offers the next page', async () => {
    const { reply, text } = await h.send('search video');
    expect(reply.kind).toBe('papers');
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.papers).toHaveLength(5);
    expect(reply.papers.every((p) => p.reasons.length > 0)).toBe(true);
    expect(text).toMatch(/Matched (title|keywords|abstract): video/);
    expect(reply.more?.command).toBe('search video --page 2');
    const next = await h.send(reply.more!.command);
    expect(next.reply.heading).toMatch(/\(6–10\)/);
    expect(next.reply.papers[0]!.paper.id).not.toBe(reply.papers[0]!.paper.id);
  });

  it('search --share posts to the channel', async () => {
    expect((await h.send('search video --share')).reply.visibility).toBe('channel');
  });

  it('a search with no hits says so and suggests a broader query that finds something', async () => {
    const { text } = await h.send('search "world models" -reasoning -video');
    expect(text).toContain('No papers match "world models" -reasoning -video.');
    expect(text).toContain('Try a broader query: /papers search world models -reasoning -video');
    expect((await h.send('search world models -reasoning -video')).reply.papers.length).toBeGreaterThan(0);
    expect((await h.send('search zzyzxqq')).text).toContain('Try fewer or more general words.');
  });

  it('paper shows one paper in full from an id or a link', async () => {
    for (const ref of ['2506.06751', '2506.06751v2', 'arXiv:2506.06751', 'arxiv:2506.06751v2', 'https://arxiv.org/abs/2506.06751', 'https://b-61j.pages.dev/papers/2506.06751']) {
      const { reply } = await h.send(`paper ${ref}`);
      expect(reply.papers[0]!.paper.id).toBe('2506.06751');
      expect(reply.notes[0]).toMatch(/^This paper evaluates geopolitical biases in LLMs/);
    }
    expect((await h.send('paper 2101.00001')).text).toContain('Paper 2101.00001 is not in the archive.');
  });

  it('similar takes an arXiv: id like paper does', async () => {
    const plain = await h.send('similar 2506.06751');
    const prefixed = await h.send('similar arXiv:2506.06751');
    expect(prefixed.reply.kind).not.toBe('error');
    expect(prefixed.text).toBe(plain.text);
  });

  it('subscribe, topics and unsubscribe keep a numbered list', async () => {
    const added = await h.send('subscribe "video generation"');
    expect(added.reply.visibility).toBe('channel');
    expect(added.text).toBe('@ada subscribed this channel to "video generation"\n\nDigests will lead with papers that match it.');
    await h.send('subscribe author:wang -survey');
    const listed = await h.send('topics');
    expect(listed.text).toContain('1. "video generation" — added by ada on 2025-06-11; recently: "');
    expect(listed.text).toContain('2. author:wang -survey —');
    expect((await h.send('unsubscribe 1')).text).toBe('@ada unsubscribed this channel from "video generation"');
    expect((await h.send('unsubscribe author:wang -survey')).reply.kind).toBe('info');
    expect((await h.channels.get('terminal:test')).topics).toEqual([]);
  });

  it('unsubscribe all removes every topic', async () => {
    await h.send('subscribe a1');
    await h.send('subscribe b2');
    expect((await h.send('unsubscribe all')).text).toContain('from all 2 topics');
  });

  it('schedule sets time, zone and days, shows the next run in the zone, and turns off', async () => {
    const set = await h.send('schedule 09:00 Europe/Berlin mon,wed');
    expect(set.text).toContain('Digest at 09:00 Europe/Berlin, Mon, Wed.');
    expect(set.text).toContain('Next: Mon 16 Jun, 09:00 GMT+2.');
    expect((await h.send('schedule')).text).toContain('Digest at 09:00 Europe/Berlin, Mon, Wed.');
    expect((await h.send('schedule 7:30pm america/new_york daily')).text).toContain('Digest at 19:30 America/New_York, every day.');
    expect((await h.send('schedule off')).reply.kind).toBe('info');
    expect((await h.send('schedule')).text).toContain('Digests are off.');
  });

  it('settings changes size and minimum upvotes together', async () => {
    const { text } = await h.send('settings size=8 min-upvotes=5');
    expect(text).toContain('Digest size: 8 papers.');
    expect(text).toContain('Minimum upvotes: 5.');
    expect((await h.send('settings')).text).toContain('Digest size: 8 papers.');
  });
});

describe('bad input gets a one-line message and changes nothing', () => {
  const cases: [string, RegExp][] = [
    ['serch diffusion', /^✗ There is no \/papers serch\. Did you mean \/papers search\?/],
    ['frobnicate', /^✗ There is no \/papers frobnicate\. Type \/papers help/],
    ['today 0', /today takes how many papers to show, from 1 to 20/],
    ['today lots', /today takes how many papers to show/],
    ['week 99', /week takes how many papers to show, from 1 to 20/],
    ['search', /Tell me what to look for/],
    ['search   --share', /Tell me what to look for/],
    [`search ${'x'.repeat(300)}`, /300 characters; keep it under 256/],
    ['search "world model', /never closed/],
    ['search OR video', /OR needs a term on each side/],
    ['search -video', /at least one word to look for/],
    ['paper', /Give an arXiv id or link/],
    ['paper not-an-id', /Give an arXiv id or link/],
    ['subscribe', /Tell me the topic/],
    ['subscribe "unclosed', /never closed/],
    ['subscribe author:', /author: needs something after it/],
    ['unsubscribe', /Say which topic/],
    ['unsubscribe 3', /There is no topic 3: this channel has 1\. See \/papers topics/],
    ['schedule 25:00', /"25:00" is not a time of day: write 9, 9:30, 21:00 or 9pm/],
    ['schedule nine', /"nine" is not a time, a time zone or days: write a time like 9, 9:30 or 9pm/],
    ['schedule 09:00 Mars/Olympus', /"Mars\/Olympus" is not a time zone: use an IANA name like Europe\/Berlin/],
    ['schedule 09:00 Europe/Berlin funday', /"funday" is not a time, a time zone or days/],
    ['settings size=50', /size is 1–20, not 50: e\.g\. \/papers settings size=8\./],
    ['settings size=5 colour=blue', /"colour=blue" is not a setting/],
    [`search ${'a '.repeat(600)}`, /keep it under 1000/],
  ];

  it.each(cases)('%j', async (input, message) => {
    await h.send('subscribe "keep me"');
    await h.send('schedule 08:15 Asia/Tokyo daily');
    const before = await h.channels.get('terminal:test');
    const { reply, text } = await h.send(input);
    expect(reply.kind).toBe('error');
    expect(text).toMatch(message);
    expect(text.split('\n')).toHaveLength(1);
    expect(await h.channels.get('terminal:test')).toEqual(before);
  });

  it('refuses a duplicate topic, however it is spelled', async () => {
    await h.send('subscribe World Model -video');
    expect((await h.send('subscribe -Video world   model')).text).toMatch(/already follows/);
    expect((await h.channels.get('terminal:test')).topics).toHaveLength(1);
  });

  it('refuses a 26th topic', async () => {
    for (let i = 0; i < 25; i++) await h.send(`subscribe topic${i}`);
    const { text } = await h.send('subscribe one-too-many');
    expect(text).toMatch(/has 25 topics, the most it can have/);
    expect((await h.channels.get('terminal:test')).topics).toHaveLength(25);
  });

  it('refuses changes from a member without the manage permission, and saves nothing', async () => {
    const { text } = await h.send('subscribe llm', { canManage: false });
    expect(text).toBe("✗ Changing this channel's topics needs the Manage Channels permission, which you do not have here.");
    expect((await h.send('schedule 10:00', { canManage: false })).reply.kind).toBe('error');
    expect((await h.send('schedule', { canManage: false })).reply.kind).toBe('info');
    expect(await h.channels.exists('terminal:test')).toBe(false);
  });
});
