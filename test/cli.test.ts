import { describe, expect, it } from 'vitest';
import { fixturePath } from './helpers/fixtures.js';
import { runCli } from './helpers/run-process.js';

const offline = { STORE_URL: 'memory://', HF_API_URL: 'http://127.0.0.1:1' };

describe('papers-bot CLI', () => {
  it('parse --json prints normalised papers of API JSON and page text as one array', async () => {
    const { code, stdout } = await runCli(['parse', fixturePath('hf/raw_daily/2025-10-10.json'), fixturePath('hf-papers-page.txt'), '--json'], { env: offline });
    expect(code).toBe(0);
    const papers = JSON.parse(stdout) as Record<string, unknown>[];
    expect(papers).toHaveLength(38 + 77);
    expect(Object.keys(papers[0]!).sort()).toEqual(
      ['abstract', 'aiKeywords', 'aiSummary', 'arxivDate', 'authorCount', 'authors', 'comments', 'dailyDate', 'githubRepo', 'githubStars', 'id', 'links', 'organization', 'projectPage', 'thumbnail', 'title', 'upvotes'].sort(),
    );
  });

  it('search --json prints ranked hits with score and reasons', async () => {
    const { code, stdout } = await runCli(['search', '"video generation"', '--data', fixturePath('hf/daily'), '--limit', '3', '--json'], { env: offline });
    expect(code).toBe(0);
    const hits = JSON.parse(stdout) as { score: number; reasons: { field: string; terms: string[] }[] }[];
    expect(hits).toHaveLength(3);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
    expect(hits[0]!.reasons[0]!.terms).toEqual(['video generation']);
  });

  it('today prints the latest day, or the day asked for, as a readable table', async () => {
    const latest = await runCli(['today', '--data', fixturePath('hf/daily'), '--limit', '2'], { env: offline });
    expect(latest.stdout).toContain('Daily Papers of 2025-06-11');
    expect(latest.stdout).toMatch(/1\. +19▲ +2506\.06751 +Geopolitical biases/);
    const asked = await runCli(['today', '--date', '2025-06-10', '--data', fixturePath('hf/daily'), '--json'], { env: offline });
    const papers = JSON.parse(asked.stdout) as { upvotes: number; dailyDate: string }[];
    expect(papers.map((p) => p.upvotes).slice(0, 3)).toEqual([97, 44, 39]);
    expect(papers.every((p) => p.dailyDate === '2025-06-10')).toBe(true);
  });

  it('digest --json prints what a channel would get at a moment, without changing anything', async () => {
    const args = ['digest', '--channel', 'slack:T1:C1', '--at', '2025-06-10T09:00:00Z', '--data', fixturePath('hf/daily'), '--json'];
    const first = await runCli(args, { env: offline });
    expect(first.code).toBe(0);
    const digest = JSON.parse(first.stdout) as { throughDay: string; papers: { upvotes: number; topic: string | null }[] };
    expect(digest.throughDay).toBe('2025-06-10');
    expect(digest.papers.map((p) => p.upvotes)).toEqual([97, 44, 39, 39, 33]);
    expect((await runCli(args, { env: offline })).stdout).toBe(first.stdout);
  });

  it.each([
    [['digest', '--data', fixturePath('hf/daily')], /digest needs --channel <key>/],
    [['digest', '--channel', 'nowhere', '--data', fixturePath('hf/daily')], /digest needs --channel <key>/],
    [['digest', '--channel', 'terminal:local', '--at', 'noon'], /--at takes an ISO time/],
    [['search', '--data', fixturePath('hf/daily')], /search needs a query/],
    [['search', '"unclosed', '--data', fixturePath('hf/daily')], /never closed/],
    [['today', '--date', '10/06/2025'], /--date takes a day as YYYY-MM-DD/],
    [['search', 'x', '--limit', 'many'], /--limit takes a whole number/],
    [['search', 'x', '--colour'], /Unknown option '--colour'/],
    [['parse', '/nonexistent/file.json'], /no such file or folder/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['today'], /archive holds no papers yet: add --data/],
  ])('exits 2 with a message for %j', async (args, message) => {
    const { code, stderr } = await runCli(args, { env: offline });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('stops with the variable named when the configuration is bad', async () => {
    const { code, stderr } = await runCli(['today'], { env: { ...offline, PORT: 'abc' } });
    expect(code).toBe(2);
    expect(stderr).toContain('PORT: got "abc"; expected a TCP port');
  });
});
