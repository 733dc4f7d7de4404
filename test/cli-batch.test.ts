import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath } from './helpers/fixtures.js';
import { runCli } from './helpers/run-process.js';

const offline = { STORE_URL: 'memory://', HF_API_URL: 'http://127.0.0.1:1' };

type Answer = { query: string; total?: number; hits?: { id: string; score: number; reasons: { field: string; terms: string[] }[] }[]; error?: string };

function batchFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'papers-bot-batch-')), 'queries.txt');
  writeFileSync(file, text);
  return file;
}

const answers = (stdout: string) => stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Answer);

describe('papers-bot search --batch', () => {
  it('answers one JSON line per query in order; a bad query is an error line and the batch goes on; blank lines are skipped', async () => {
    const file = batchFile('"video generation"\n"unclosed\n\n   \nworld model -video\r\nauthor:nobody-by-this-name\n');
    const { code, stdout } = await runCli(['search', '--batch', file, '--data', fixturePath('hf/daily'), '--limit', '2', '--json'], { env: offline });
    expect(code).toBe(0);
    const lines = answers(stdout);
    expect(lines.map((line) => line.query)).toEqual(['"video generation"', '"unclosed', 'world model -video', 'author:nobody-by-this-name']);

    const [phrase, unclosed, excluded, nobody] = lines;
    expect(phrase!.total).toBeGreaterThan(2);
    expect(phrase!.hits).toHaveLength(2);
    expect(phrase!.hits![0]!.reasons[0]!.terms).toEqual(['video generation']);
    expect(phrase!.hits![0]!.score).toBeGreaterThanOrEqual(phrase!.hits![1]!.score);
    expect(Object.keys(unclosed!).sort()).toEqual(['error', 'query']);
    expect(unclosed!.error).toMatch(/never closed/);
    expect(excluded!.total).toBeGreaterThan(0);
    expect(nobody).toEqual({ query: 'author:nobody-by-this-name', total: 0, hits: [] });
  });

  it('answers each line as the one-query search would', async () => {
    const data = ['--data', fixturePath('hf/daily'), '--limit', '5', '--json'];
    const single = await runCli(['search', ...data, '--', 'diffusion', '-video'], { env: offline });
    const batch = await runCli(['search', '--batch', batchFile('diffusion -video\n'), ...data], { env: offline });
    expect(answers(batch.stdout)[0]!.hits).toEqual(JSON.parse(single.stdout));
  });

  it('reads the queries from standard input with --batch -', async () => {
    const { code, stdout } = await runCli(['search', '--batch', '-', '--data', fixturePath('hf/daily'), '--json'], { env: offline, input: 'diffusion\n\nOR\n' });
    expect(code).toBe(0);
    expect(answers(stdout).map((line) => [line.query, line.error === undefined])).toEqual([['diffusion', true], ['OR', false]]);
  });

  it.each([
    [['search', '--batch', '/nonexistent/queries.txt', '--data', fixturePath('hf/daily'), '--json'], /--batch \/nonexistent\/queries\.txt: no such file/],
    [['search', 'diffusion', '--batch', '/nonexistent/queries.txt', '--json'], /search --batch reads its queries from the file; drop the query words \(diffusion\)/],
  ])('exits 2 with a message for %j', async (args, message) => {
    const { code, stdout, stderr } = await runCli(args, { env: offline });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});
