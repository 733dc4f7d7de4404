import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDiscordMessages, embedChars } from '../../adapters/discord/render-embeds.js';
import { DISCORD_LIMITS } from '../../adapters/discord/discord-limits.js';
import { renderSlackMessages } from '../../adapters/slack/render-blocks.js';
import { SLACK_LIMITS } from '../../adapters/slack/slack-limits.js';
import { commandHarness, type Harness } from '../helpers/harness.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const CHANNEL = 'terminal:test';

const SUBCOMMANDS = ['', 'help', 'today', 'week', 'search', 'paper', 'similar', 'subscribe', 'unsubscribe', 'topics', 'schedule', 'settings', 'serch', 'SEARCH'];
const FRAGMENTS = [
  '<!channel>', '<!here>', '<!everyone>', '@everyone', '@here', '<@U123>', '<@&999>', '<#C1>', '<https://evil.example|click>', '&amp;', '&lt;',
  '"', '""', '"world model', 'world model"', '-', '-"', '-"video"', '-"a -"b"', 'OR', 'OR OR', 'video OR', 'author:', 'org:', 'title:', 'author:"', 'x*', '*',
  '**bold**', '_it_', '~~s~~', '`code`', '```', '> quote', '[link](javascript:alert(1))', '<script>alert(1)</script>', '<b>', '# head', '|', '\\',
  '\u202e', '\u200f', '\u2066', '\u0000', '\u0007', '\u001b[31m', '\r\n', '\t', '😀', '👩‍👩‍👧', 'ß', 'İ', '日本語', 'العربية',
  '09:00', '25:99', 'Europe/Berlin', 'Mars/Olympus', 'mon,wed', 'weekdays', 'size=5', 'size=50', 'min-upvotes=-1', 'min-upvotes=3', 'all', '1', '0', '-1', '99999999999',
  '2406.12345', 'https://arxiv.org/abs/2506.06751', '--share', '--page', '--page 2', '--page 999',
];

/** Commands built the way a hostile or clumsy user would type them. */
const command = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...SUBCOMMANDS), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 8 })).map(([sub, parts]) => `/papers ${sub} ${parts.join(' ')}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...SUBCOMMANDS), fc.string({ unit: 'grapheme', maxLength: 80 })).map(([sub, rest]) => `${sub} ${rest}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', '/papers', '/papers   ', 'search', 'subscribe', 'schedule', 'unsubscribe', 'settings') },
);
/** A few very long inputs (100 kB), fewer because each is slow to build. */
const huge = fc.tuple(fc.constantFrom('search ', 'subscribe ', '', 'schedule '), fc.constantFrom('a', '<!channel> ', '"', '😀')).map(([sub, unit]) => sub + unit.repeat(Math.ceil(100_000 / unit.length)));

const DANGEROUS = /<!(channel|here|everyone|subteam)|<@(?!U1>)|<#|<https?:\/\/evil/;

let h: Harness;
beforeAll(async () => {
  h = await commandHarness();
  await h.send('subscribe "keep me"');
  await h.send('schedule 08:15 Asia/Tokyo daily');
});

function checkSlack(reply: Awaited<ReturnType<Harness['send']>>['reply']) {
  const messages = renderSlackMessages(reply, { buttons: { more: reply.more?.command, share: reply.share?.command } });
  for (const message of messages) {
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.blockCharsPerMessage);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    for (const block of message.blocks) {
      const text = (block.text as { text?: string } | undefined)?.text ?? '';
      expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      expect(text).not.toMatch(DANGEROUS);
    }
    expect(message.text).not.toMatch(DANGEROUS);
  }
}

function checkDiscord(reply: Awaited<ReturnType<Harness['send']>>['reply']) {
  for (const message of renderDiscordMessages(reply, { moreId: reply.more ? 'papers:more:x' : undefined })) {
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect((message.content ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
    expect(message.embeds.reduce((sum, e) => sum + embedChars(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedCharsPerMessage);
    for (const embed of message.embeds) {
      expect((embed.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect((embed.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
  }
}

describe(`fuzzing the command surface (seed ${SEED})`, () => {
  it(`${RUNS} generated commands: no exception, every reply within both platforms' limits, nothing unescaped, rejected commands change nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(command, async (text) => {
        const before = await h.channels.get(CHANNEL);
        const { reply } = await h.send(text);
        checkSlack(reply);
        checkDiscord(reply);
        if (reply.kind === 'error') expect(await h.channels.get(CHANNEL)).toEqual(before);
        // Undo accepted changes so that every run starts from the same channel.
        if (reply.kind !== 'error') await h.channels.update(CHANNEL, () => before);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);

  it('100 kB inputs are refused cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(huge, async (text) => {
        const before = await h.channels.get(CHANNEL);
        const { reply } = await h.send(text);
        expect(reply.kind).toBe('error');
        checkSlack(reply);
        checkDiscord(reply);
        expect(await h.channels.get(CHANNEL)).toEqual(before);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });

  it('papers with hostile text in every field render within limits and never ping', () => {
    const hostile = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'grapheme', maxLength: 40 })), { maxLength: 40 }).map((parts) => parts.join(' '));
    const paper = fc.record({
      title: hostile, abstract: hostile, organization: fc.option(hostile), aiSummary: fc.option(hostile),
      authors: fc.array(hostile, { maxLength: 5 }), githubRepo: fc.option(fc.constantFrom('https://github.com/a/b', 'javascript:alert(1)', 'https://x.y/<!channel>|z')),
      upvotes: fc.nat(100_000),
    });
    fc.assert(
      fc.property(fc.array(paper, { minLength: 1, maxLength: 20 }), hostile, (papers, topic) => {
        const reply = {
          kind: 'papers' as const, visibility: 'channel' as const, heading: topic, notes: [topic],
          papers: papers.map((p, i) => ({
            topic,
            reasons: [{ field: 'title' as const, terms: [topic] }],
            paper: { ...p, id: `2501.${String(10000 + i)}`, authorCount: p.authors.length, comments: 0, githubStars: null, projectPage: null, thumbnail: null, aiKeywords: [], arxivDate: null, dailyDate: null,
              links: { hf: 'https://b-61j.pages.dev/papers/2501.10000', arxiv: 'https://arxiv.org/abs/2501.10000', pdf: 'https://arxiv.org/pdf/2501.10000' } },
          })),
        };
        checkSlack(reply);
        checkDiscord(reply);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
