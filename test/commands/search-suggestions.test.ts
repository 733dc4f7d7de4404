import { beforeEach, describe, expect, it } from 'vitest';
import { commandHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await commandHarness();
});

describe('search helps a user whose query finds nothing or is malformed', () => {
  it('suggests the nearest indexed word for a misspelt one, as a command to type', async () => {
    const { reply, text } = await h.send('search difusion');
    expect(reply.kind).toBe('info');
    expect(reply.heading).toBe('No papers match `difusion`. Did you mean `diffusion`?');
    expect(text).toMatch(/\d+ papers match it: \/papers search diffusion/);
    expect((await h.send('search diffusion')).reply.papers.length).toBeGreaterThan(0);
  });

  it('keeps the rest of the query as typed when correcting one word', async () => {
    const { reply } = await h.send('search (Vidoe generation) -music');
    expect(reply.heading).toBe('No papers match `(Vidoe generation) -music`. Did you mean `(video generation) -music`?');
  });

  it('broadens a corrected query that still finds nothing', async () => {
    const { text } = await h.send('search difusion quokka');
    expect(text).toContain('No papers match difusion quokka.');
    expect(text).toContain('Try a broader query: /papers search diffusion');
  });

  it('leaves out the word no paper has, wherever it stands', async () => {
    expect((await h.send('search quokka video generation')).text).toContain('Try a broader query: /papers search video generation');
  });

  it('keeps a phrase that finds papers and leaves out the word that finds none', async () => {
    expect((await h.send('search "world model" zzzqqq')).text).toContain('Try a broader query: /papers search "world model"');
  });

  it('offers a broader query only if it can be typed as it is shown', async () => {
    for (const typed of ['"ratio:2 video" qqqzzz', '"black or white" zzzqqq']) {
      const { text } = await h.send(`search ${typed}`);
      const broader = /Try a broader query: \/papers search (.+)$/m.exec(text)?.[1];
      expect(broader).toBeDefined();
      const again = await h.send(`search ${broader}`);
      expect(again.reply.kind).toBe('papers');
    }
  });

  it('searches a stop word as a prefix', async () => {
    for (const start of ['in', 'to', 'the']) expect((await h.send(`search ${start}*`)).reply.kind).toBe('papers');
  });

  it.each([
    ['search authors:dong', '`authors:` is not a search field; did you mean `author:dong`? The fields are `author:`, `org:` and `title:`.'],
    ['search foo:bar', '`foo:` is not a search field; the fields are `author:`, `org:` and `title:`, e.g. `author:hinton`. To search for the text itself, quote it: `"foo:bar"`.'],
    ['search (video OR audio -diffusion', 'The `(` opened at `(video OR audio -diffusion` is never closed; add a `)` where the group ends, e.g. `(video OR audio) -diffusion`.'],
    ['search llm -(video audio)', '`-(video audio)` would leave out only papers that have all of it, which search cannot do; leave out each with `-video -audio`, or the words side by side with `-"video audio"`.'],
    ['search llm -author:(hinton lecun)', '`-author:(hinton lecun)` would leave out only papers that have all of it, which search cannot do; leave out each with `-author:hinton -author:lecun`, or the words side by side with `-author:"hinton lecun"`.'],
    ['search llm -(video "world model")', '`-(video "world model")` would leave out only papers that have all of it, which search cannot do; leave out each with `-video -"world model"`.'],
    ['search (a b) OR (c d) OR (e f) OR (g h) OR (i j)', 'That grouping expands to 160 terms once its alternatives are combined, more than the 64 a search takes; use fewer alternatives per group, or split it into several searches, e.g. `(video OR audio) generation`.'],
  ])('%j is refused with what to type instead', async (input, message) => {
    const { reply } = await h.send(input);
    expect(reply.kind).toBe('error');
    expect(reply.heading).toBe(message);
  });

  it('groups with parentheses, and reasons show no parentheses', async () => {
    const { reply } = await h.send('search (video OR audio) -diffusion');
    expect(reply.papers.length).toBeGreaterThan(0);
    for (const { reasons } of reply.papers) for (const reason of reasons) for (const term of reason.terms) expect(term).not.toMatch(/[()]/);
  });

  it('refuses a topic the channel follows already, written with groups another way', async () => {
    expect((await h.send('subscribe (video OR audio) -diffusion')).reply.kind).toBe('info');
    const again = await h.send('subscribe -Diffusion audio or video');
    expect(again.reply.kind).toBe('error');
    expect(again.text).toContain('already follows');
  });
});

describe('a topic stored before the query language refused what it says', () => {
  it('is listed as no longer valid, with how to replace it, instead of failing the list', async () => {
    await h.send('subscribe diffusion');
    await h.channels.update('terminal:test', (state) => ({
      ...state,
      topics: [...state.topics, { query: 'authors:dong', canonical: 'authors:dong', addedBy: 'ada', addedAt: '2025-06-01T00:00:00.000Z' }],
    }));
    const { reply, text } = await h.send('topics');
    expect(reply.kind).toBe('info');
    expect(text).toContain('1. diffusion');
    expect(text).toContain('2. authors:dong — added by ada on 2025-06-01; no longer a valid query, so it picks nothing: authors: is not a search field; did you mean author:dong?');
    expect(text).toContain('Replace it: /papers unsubscribe 2, then subscribe again.');
  });
});

describe('subscribe says when no paper matches the new topic', () => {
  it('keeps a misspelt topic but suggests the word the papers use', async () => {
    const { reply, text } = await h.send('subscribe "world model" difusion');
    expect(reply.kind).toBe('info');
    expect(text).toContain('No paper in the archive matches it yet. Did you mean "world model" diffusion?');
    expect(text).toMatch(/papers? match(es)? it: \/papers unsubscribe "world model" difusion, then \/papers subscribe "world model" diffusion\./);
    expect((await h.send('topics')).text).toContain('"world model" difusion');
  });

  it('keeps a topic no paper has yet, and says digests will follow it', async () => {
    expect((await h.send('subscribe zzqquokka')).text).toContain('No paper in the archive matches it yet; digests will lead with it once one does.');
  });

  it('says nothing more for a topic that papers match', async () => {
    expect((await h.send('subscribe diffusion')).text).not.toContain('No paper in the archive');
  });
});

describe('did you mean, inside a phrase', () => {
  it('corrects the misspelt word of a phrase and keeps the quotes', async () => {
    const { reply } = await h.send('search "difusion model"');
    expect(reply.heading).toBe('No papers match `"difusion model"`. Did you mean `"diffusion model"`?');
    expect((await h.send('search "diffusion model"')).reply.papers.length).toBeGreaterThan(0);
  });
});
