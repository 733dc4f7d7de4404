import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDiscordMessages } from '../../adapters/discord/render-embeds.js';
import { renderSlackMessages } from '../../adapters/slack/render-blocks.js';
import { renderText } from '../../adapters/terminal/render-text.js';
import type { Reply } from '../../src/commands/reply.js';
import { replyView } from '../../src/presentation/reply-view.js';
import { safeUrl } from '../../src/presentation/safe-url.js';
import { samplePaper } from './sample-papers.js';

const reasons = [{ field: 'title' as const, terms: ['video', 'videos'] }, { field: 'abstract' as const, terms: ['diffusion'] }];

function searchReply(over: Partial<Reply> = {}): Reply {
  return {
    kind: 'papers', visibility: 'ephemeral', heading: 'Papers on `video`', notice: 'The newest papers are 3 days old',
    actor: { id: 'U1', name: 'ada' },
    papers: [{ paper: samplePaper(1), reasons, topic: 'video' }, { paper: samplePaper(2, { id: null }), reasons: [] }],
    firstNumber: 6, notes: ['Try `search video --page 3`'], similar: true,
    more: { command: 'search video --page 3', label: 'More' }, share: { command: 'search video --share' },
    ...over,
  };
}

describe('replyView', () => {
  it('turns each paper into a card with its number, links, byline, summary, topic and reasons', () => {
    const [first, second] = replyView(searchReply()).cards;
    expect(first).toEqual({
      number: 6, title: 'Paper 1: video diffusion', url: 'https://b-61j.pages.dev/papers/2406.10001', upvotes: 2,
      authors: 'Ada Lovelace, Alan Turing, Grace Hopper +2', organization: 'AI at Meta',
      byline: 'Ada Lovelace, Alan Turing, Grace Hopper +2 · AI at Meta', summary: 'We study video 1.', topic: 'video',
      reasons: 'Matched title: video, videos; abstract: diffusion',
      links: [
        { kind: 'hf', label: 'Hugging Face', url: 'https://b-61j.pages.dev/papers/2406.10001' },
        { kind: 'arxiv', label: 'arXiv', url: 'https://arxiv.org/abs/2406.10001' },
        { kind: 'pdf', label: 'PDF', url: 'https://arxiv.org/pdf/2406.10001' },
        { kind: 'code', label: 'code ★ 12', url: 'https://github.com/org/repo1', stars: 12 },
      ],
      thumbnail: 'https://cdn.example/1.png',
      actions: [{ kind: 'similar', id: '2406.10001', command: 'similar 2406.10001' }],
    });
    // No arXiv id, no Similar button; no reasons, no reasons line.
    expect(second!.number).toBe(7);
    expect(second!.actions).toEqual([]);
    expect(second!.reasons).toBeUndefined();
  });

  it('keeps the heading with its tone and actor, the notice, notes with code spans, the buttons and the visibility', () => {
    const view = replyView(searchReply());
    expect(view.heading).toEqual({ tone: 'papers', actor: { id: 'U1', name: 'ada' }, text: [{ text: 'Papers on ', code: false }, { text: 'video', code: true }] });
    expect(view.notice).toEqual([{ text: 'The newest papers are 3 days old', code: false }]);
    expect(view.notes).toEqual([[{ text: 'Try ', code: false }, { text: 'search video --page 3', code: true }]]);
    expect(view.actions).toEqual([
      { kind: 'more', label: 'More', command: 'search video --page 3' },
      { kind: 'share', label: 'Share', command: 'search video --share' },
    ]);
    expect(view.visibility).toBe('ephemeral');
    expect(replyView({ kind: 'error', visibility: 'ephemeral', heading: 'No such topic', papers: [], notes: [] })).toMatchObject({ heading: { tone: 'error' }, cards: [], actions: [] });
  });

  it('drops every URL a link markup could misread, and a lone paper has no number', () => {
    const paper = samplePaper(3, {
      links: { hf: 'javascript:alert(1)', arxiv: 'https://arxiv.org/abs/2406.10003', pdf: 'https://arxiv.org/pdf/a b' },
      githubRepo: 'https://github.com/a/(b)', githubStars: null, thumbnail: 'https://cdn.example/"x".png',
    });
    const [card] = replyView(searchReply({ papers: [{ paper, reasons: [] }], firstNumber: undefined })).cards;
    expect(card!.number).toBeUndefined();
    expect(card!.url).toBeUndefined();
    expect(card!.links).toEqual([{ kind: 'arxiv', label: 'arXiv', url: 'https://arxiv.org/abs/2406.10003' }]);
    expect(card!.thumbnail).toBeUndefined();
  });

  it('says why in the same words on every platform', () => {
    const reply = searchReply();
    const wording = 'Matched title: video, videos; abstract: diffusion';
    expect(JSON.stringify(renderSlackMessages(reply))).toContain(wording);
    expect(renderDiscordMessages(reply)[0]!.embeds[0]!.description).toContain(wording);
    expect(renderText(reply, '/papers')).toContain(`    ${wording}`);
  });
});

describe('safeUrl', () => {
  it('passes plain http(s) URLs only', () => {
    expect(safeUrl('https://b-61j.pages.dev/papers/2406.10001')).toBe('https://b-61j.pages.dev/papers/2406.10001');
    expect(safeUrl('http://example.com/a?b=c#d')).toBe('http://example.com/a?b=c#d');
    for (const bad of ['javascript:alert(1)', 'ftp://x', 'https://a b', 'https://a/<b>', 'https://a/(b)', 'https://a/|b', 'https://a/"b"', 'https://a/\nb', '', null, undefined]) {
      expect(safeUrl(bad)).toBeUndefined();
    }
  });
});

describe('the presentation model knows no platform', () => {
  it('no file under src/presentation names one', () => {
    const dir = join(import.meta.dirname, '..', '..', 'src', 'presentation');
    const naming = readdirSync(dir).filter((file) => /slack|discord/i.test(readFileSync(join(dir, file), 'utf8')));
    expect(naming).toEqual([]);
  });
});
