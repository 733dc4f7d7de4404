import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPaperFiles } from '../../src/papers/files.js';
import { normalizeDailyItems } from '../../src/papers/normalize.js';
import { fixturePath, hasShared, readFixtureJson, SHARED_HF } from '../helpers/fixtures.js';

describe('normalizing Daily Papers items from every schema era', () => {
  it('reads a 2024-05 day (no submission day, mediaUrl era) with the asked date as its day', () => {
    const { papers, skipped } = normalizeDailyItems(readFixtureJson('hf/raw_daily/2024-05-27.json'), '2024-05-27');
    expect(skipped).toEqual([]);
    expect(papers).toHaveLength(13);
    const convllava = papers.find((p) => p.id === '2405.15738')!;
    expect(convllava).toMatchObject({
      title: 'ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models',
      upvotes: 32,
      comments: 3,
      authorCount: 9,
      organization: null,
      githubRepo: null,
      aiSummary: null,
      aiKeywords: [],
      arxivDate: '2024-05-24',
      dailyDate: '2024-05-27',
      links: {
        hf: 'https://b-61j.pages.dev/papers/2405.15738',
        arxiv: 'https://arxiv.org/abs/2405.15738',
        pdf: 'https://arxiv.org/pdf/2405.15738',
      },
    });
    expect(convllava.abstract).not.toMatch(/\n|\s{2}/);
    expect(convllava.authors[0]).toBe('Chunjiang Ge');
  });

  it('reads a 2025-03 day with AI keywords', () => {
    const { papers } = normalizeDailyItems(readFixtureJson('hf/raw_daily/2025-03-11.json'), '2025-03-11');
    expect(papers).toHaveLength(26);
    const top = papers.find((p) => p.id === '2503.03601')!;
    expect(top.upvotes).toBe(58);
    expect(top.aiKeywords.slice(0, 2)).toEqual(['Sparse Autoencoders', 'Gemma-2-2b']);
  });

  it('reads a 2025-10 day with GitHub repo, stars and the submission day', () => {
    const { papers } = normalizeDailyItems(readFixtureJson('hf/raw_daily/2025-10-10.json'));
    expect(papers).toHaveLength(38);
    const helix = papers.find((p) => p.id === '2510.08540')!;
    expect(helix).toMatchObject({
      upvotes: 77,
      githubRepo: 'https://github.com/PhoenixZ810/MM-HELIX',
      githubStars: 18,
      dailyDate: '2025-10-10',
      arxivDate: '2025-10-09',
    });
    expect(helix.aiSummary).toBeTruthy();
  });

  it("keeps an organisation's full name and its Hugging Face handle", () => {
    const { papers } = normalizeDailyItems(readFixtureJson('hf/raw_daily/2025-10-10.json'), '2025-10-10');
    expect(papers.find((p) => p.id === '2510.08558')).toMatchObject({ organization: 'AI at Meta', organizationName: 'facebook' });
    const withoutOrg = papers.find((p) => p.organization === null)!;
    expect(withoutOrg).not.toHaveProperty('organizationName');
  });

  it('skips an item missing a core field, counts it, and keeps the rest of the day', () => {
    const items = readFixtureJson('hf/raw_daily/2025-03-11.json') as Record<string, unknown>[];
    const broken = [...items, { title: 'no paper object' }, { paper: { id: '2501.00001', title: 'x' } }];
    const { papers, skipped } = normalizeDailyItems(broken, '2025-03-11');
    expect(papers).toHaveLength(26);
    expect(skipped.map((s) => s.index)).toEqual([26, 27]);
    expect(skipped[0]!.reason).toMatch(/paper/);
  });

  it('tolerates fields it does not know and keeps one paper per id', () => {
    const items = readFixtureJson('hf/raw_daily/2024-05-27.json') as { paper: Record<string, unknown> }[];
    const odd: { paper: Record<string, unknown> }[] = items.map((item) => ({ ...item, brandNew: { nested: true }, paper: { ...item.paper, futureField: 1 } }));
    const twice = [...odd, { ...odd[0]!, paper: { ...odd[0]!.paper, id: `${String(odd[0]!.paper.id)}v2`, upvotes: 999 } }];
    const { papers, skipped } = normalizeDailyItems(twice, '2024-05-27');
    expect(skipped).toEqual([]);
    expect(papers).toHaveLength(13);
    expect(papers.find((p) => p.id === odd[0]!.paper.id)!.upvotes).toBe(999);
  });

  it('reads a month of concatenated pages (.json.gz) with each paper on its own day', async () => {
    const loaded = await loadPaperFiles([fixturePath('hf/monthly_final/daily_papers_2023-08.json.gz')]);
    expect(loaded.papers).toHaveLength(113);
    expect(loaded.skipped).toEqual([]);
    expect(loaded.papers.every((p) => p.dailyDate?.startsWith('2023-08'))).toBe(true);
  });
});

describe.runIf(hasShared)('every real fixture file in ../shared/fixtures/hf', () => {
  it('parses all 448 files with no item skipped and every paper dated', async () => {
    const files = ['raw_daily', 'daily', 'monthly_final'].flatMap((folder) =>
      readdirSync(join(SHARED_HF, folder)).map((name) => join(SHARED_HF, folder, name)),
    );
    const loaded = await loadPaperFiles(files);
    expect(loaded.files).toHaveLength(448);
    expect(loaded.skipped).toEqual([]);
    expect(loaded.papers.length).toBeGreaterThan(14_000);
    expect(loaded.papers.filter((p) => !p.dailyDate || !p.id || !p.title)).toEqual([]);
  });
});
