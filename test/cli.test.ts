import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryFromWords } from '../adapters/cli/args.js';
import { USAGE } from '../adapters/cli/usage.js';
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
    [['frobnicate'], /unknown command "frobnicate"\. Run papers-bot --help/],
    [['serach', 'world model', '-video'], /unknown command "serach"\. Did you mean "search"\?/],
    [['backfil', '--since', '2025-01'], /Did you mean "backfill"\?/],
    [['today', '--date', '2025-02-30'], /--date takes a day as YYYY-MM-DD, e.g. 2025-06-10; got "2025-02-30"/],
    [['digest', '--channel', 'terminal:local', '--at', '2025-02-30T09:00:00Z'], /--at takes an ISO time/],
    [['start', '--service'], /no Slack or Discord tokens are set, and --service does not open the terminal\. Set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET .*DISCORD_TOKEN with DISCORD_APP_ID/],
    [['today'], /archive holds no papers yet: add --data/],
  ])('exits 2 with a message for %j', async (args, message) => {
    const { code, stderr } = await runCli(args, { env: offline });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('search takes the rest of the line: "world model" is a phrase and -video an exclusion, not an option', async () => {
    type Hit = { id: string; title: string; abstract: string; reasons: { terms: string[] }[] };
    const data = ['--data', fixturePath('hf/daily'), '--'];
    const phrase = await runCli(['search', '--json', ...data, 'world model'], { env: offline });
    expect((JSON.parse(phrase.stdout) as Hit[])[0]!.reasons[0]!.terms).toEqual(['world model']);
    const all = await runCli(['search', '--json', '--limit', '100', ...data, 'world', 'model'], { env: offline });
    const without = await runCli(['search', '--json', '--limit', '100', ...data, 'world', 'model', '-video'], { env: offline });
    expect(without.code).toBe(0);
    const [allHits, withoutHits] = [JSON.parse(all.stdout) as Hit[], JSON.parse(without.stdout) as Hit[]];
    const mentionsVideo = (hit: Hit) => /video/i.test(`${hit.title} ${hit.abstract}`);
    expect(allHits.some(mentionsVideo)).toBe(true);
    expect(withoutHits.length).toBeGreaterThan(0);
    expect(withoutHits.some(mentionsVideo)).toBe(false);
    // Options may also follow the query.
    const after = await runCli(['search', 'world', 'model', '-video', '--json', '--limit', '100', '--data', fixturePath('hf/daily')], { env: offline });
    expect((JSON.parse(after.stdout) as Hit[]).map((hit) => hit.id)).toEqual(withoutHits.map((hit) => hit.id));
  });

  it.each([
    [['world model'], '"world model"'],
    [['world model', '-video'], '"world model" -video'],
    [['self-supervised learning'], '"self-supervised learning"'],
    [['(video OR audio) -diffusion'], '(video OR audio) -diffusion'],
    [['video or audio'], 'video or audio'],
    [['"world model" agents'], '"world model" agents'],
    [['-video game'], '-video game'],
    [['author:hinton deep'], 'author:hinton deep'],
    [['retriev* augmented'], 'retriev* augmented'],
    [['diffusion'], 'diffusion'],
  ])('search reads the shell arguments %j as %j', (args, query) => {
    expect(queryFromWords(args)).toBe(query);
  });

  it('search reads one quoted argument holding query syntax as a query, not a phrase', async () => {
    type Hit = { title: string; abstract: string };
    const data = ['--data', fixturePath('hf/daily'), '--'];
    const { code, stdout } = await runCli(['search', '--json', '--limit', '100', ...data, '(video OR audio) -diffusion'], { env: offline });
    expect(code).toBe(0);
    const hits = JSON.parse(stdout) as Hit[];
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      expect(`${hit.title} ${hit.abstract}`).toMatch(/video|audio/i);
      expect(`${hit.title} ${hit.abstract}`).not.toMatch(/diffusion/i);
    }
  });

  it('help lists the whole query language', () => {
    expect(USAGE).toMatch(/Query language: .*OR \(or lowercase or\), \(groups\)/);
  });

  it('counts in words that agree: "1 paper matches."', async () => {
    const one = await runCli(['search', '"Geopolitical biases"', '--data', fixturePath('hf/daily')], { env: offline });
    expect(one.stdout).toMatch(/^1 paper matches\./);
    expect(one.stderr).toContain('Imported 5 files: 107 papers on 5 days.');
  });

  it('a file that is not Daily Papers data is an error naming it; in a folder it is reported and the rest imported', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'papers-bot-bad-files-'));
    copyFileSync(fixturePath('hf/daily/2025-06-10.json'), join(folder, '2025-06-10.json'));
    writeFileSync(join(folder, 'package.json'), JSON.stringify([{ name: 'not a paper', version: '1.0.0' }]));
    writeFileSync(join(folder, 'notes.txt'), 'shopping list: milk, eggs\n');

    const named = await runCli(['parse', join(folder, 'package.json')], { env: offline });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain(`${join(folder, 'package.json')}: not Daily Papers data (none of its 1 items is a paper`);
    expect(named.stderr).toContain('expected a JSON array of items like /api/daily_papers answers');

    const page = await runCli(['parse', join(folder, 'notes.txt')], { env: offline });
    expect(page.code).toBe(2);
    expect(page.stderr).toContain(`${join(folder, 'notes.txt')}: no papers found; a .txt file must be the Hugging Face papers page as text`);

    const imported = await runCli(['today', '--data', folder, '--limit', '1'], { env: offline });
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain(`Skipped ${join(folder, 'notes.txt')}: no papers found`);
    expect(imported.stderr).toContain(`Skipped ${join(folder, 'package.json')}: not Daily Papers data`);
    expect(imported.stderr).toContain('Imported 1 file: 28 papers on 1 day.');
    expect(imported.stdout).toContain('Daily Papers of 2025-06-10');
  });

  it('stops with the variable named when the configuration is bad', async () => {
    const { code, stderr } = await runCli(['today'], { env: { ...offline, PORT: 'abc' } });
    expect(code).toBe(2);
    expect(stderr).toContain('PORT: got "abc"; expected a TCP port');
  });
});
