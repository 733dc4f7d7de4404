import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureAnswers, startFakeHf } from '../helpers/fake-hf.js';
import { fixturePath, hasShared, SHARED_HF } from '../helpers/fixtures.js';
import { ROOT, runCli } from '../helpers/run-process.js';

const MONTHS = [fixturePath('hf/monthly_final'), ...(hasShared ? [join(SHARED_HF, 'monthly_final')] : [])];
const answers = fixtureAnswers({ monthDirs: MONTHS, dailyDir: fixturePath('hf/daily') });
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((close) => close()));
  closers = [];
});

async function fakeHf(handle = answers) {
  const fake = await startFakeHf(handle);
  closers.push(() => fake.close());
  return fake;
}

const envFor = (baseUrl: string, storeUrl: string) => ({ HF_API_URL: baseUrl, STORE_URL: storeUrl, HF_REQUEST_GAP_MS: '1', HF_RETRIES: '0' });
const monthsAsked = (fake: Awaited<ReturnType<typeof fakeHf>>) => [...new Set(fake.requests.map((r) => r.url.searchParams.get('month')).filter(Boolean))];

describe('papers-bot backfill', () => {
  it('--since 2025-01 fills the archive month by month, prints one summary line off a terminal, and search then finds January 2025', async () => {
    const fake = await fakeHf();
    const store = `sqlite://${join(mkdtempSync(join(tmpdir(), 'papers-bot-backfill-')), 'papers.sqlite')}`;
    const run = await runCli(['backfill', '--since', '2025-01', '--until', '2025-02'], { env: envFor(fake.baseUrl, store) });
    expect(run.stderr).not.toContain('Backfill |');
    expect(run.code).toBe(0);
    expect(monthsAsked(fake)).toEqual(['2025-01', '2025-02']);
    // Every page asked with limit=100 until an empty page, as the API needs.
    expect(fake.requests.every((r) => r.url.searchParams.get('limit') === '100')).toBe(true);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toMatch(/^Backfilled 2025-01-01 to 2025-02-28: \d+ days with papers, [\d,]+ papers \(2 months fetched, 0 already done\)\./);

    const search = await runCli(['search', 'world', 'model', '--limit', '50', '--json'], { env: envFor('http://127.0.0.1:1', store) });
    expect(search.code).toBe(0);
    const january = (JSON.parse(search.stdout) as { dailyDate: string }[]).filter((hit) => hit.dailyDate.startsWith('2025-01'));
    expect(january.length).toBeGreaterThan(0);
  });

  it('resumes after a kill: months finished before it are not asked for again', async () => {
    const store = `sqlite://${join(mkdtempSync(join(tmpdir(), 'papers-bot-backfill-')), 'papers.sqlite')}`;
    // Hugging Face stops answering at the third month; the process is killed while it waits.
    const hanging = await fakeHf((url, request, response) => (url.searchParams.get('month') === '2025-03' ? 'hang' : answers(url, request, response)));
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bin', 'papers-bot.ts'), 'backfill', '--since', '2025-01', '--until', '2025-04'], {
      cwd: ROOT,
      env: { ...process.env, ...envFor(hanging.baseUrl, store), HF_TIMEOUT_MS: '120000' },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await expect.poll(() => monthsAsked(hanging), { timeout: 60_000 }).toContain('2025-03');
    child.kill('SIGKILL');
    await exited;

    const fake = await fakeHf();
    const resumed = await runCli(['backfill', '--since', '2025-01', '--until', '2025-04'], { env: envFor(fake.baseUrl, store) });
    expect(resumed.code).toBe(0);
    expect(monthsAsked(fake)).toEqual(['2025-03', '2025-04']);
    expect(resumed.stdout).toContain('(2 months fetched, 2 already done)');
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s stops it at once while Hugging Face asks to wait two minutes (429), keeping what was done', async (signal, code) => {
    const store = `sqlite://${join(mkdtempSync(join(tmpdir(), 'papers-bot-backfill-')), 'papers.sqlite')}`;
    const limited = await fakeHf((url, request, response) => {
      if (url.searchParams.get('month') !== '2025-02') return answers(url, request, response);
      response.writeHead(429, { ratelimit: '"api";r=0;t=120', 'content-type': 'application/json' }).end('{"error":"rate limited"}');
    });
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bin', 'papers-bot.ts'), 'backfill', '--since', '2025-01', '--until', '2025-02'], {
      cwd: ROOT,
      env: { ...process.env, ...envFor(limited.baseUrl, store), HF_RETRIES: '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await expect.poll(() => monthsAsked(limited), { timeout: 60_000 }).toContain('2025-02');
    child.kill(signal);
    // The test's own timeout (far below the 2 × 120 s asked for) is what would fail a stuck wait.
    expect(await exited).toBe(code);
    expect(stderr).toContain('Backfill stopped at 2025-02; the months before it are kept. Run the same command again to go on.');

    const fake = await fakeHf();
    const resumed = await runCli(['backfill', '--since', '2025-01', '--until', '2025-02'], { env: envFor(fake.baseUrl, store) });
    expect(resumed.stdout).toContain('(1 month fetched, 1 already done)');
  });

  it.runIf(hasScript())('draws a progress bar with days, papers and ETA on a terminal', async () => {
    const fake = await fakeHf();
    const store = `sqlite://${join(mkdtempSync(join(tmpdir(), 'papers-bot-backfill-')), 'papers.sqlite')}`;
    const command = [process.execPath, '--import', pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx')).href, join(ROOT, 'bin', 'papers-bot.ts'), 'backfill', '--since', '2025-01', '--until', '2025-02'].map((arg) => `'${arg}'`).join(' ');
    // `script` gives the command a real pseudo-terminal, as a person's shell would.
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: mkdtempSync(join(tmpdir(), 'papers-bot-tty-')), env: { ...process.env, ...envFor(fake.baseUrl, store) } });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${code}: ${text}`))));
    });
    expect(output).toMatch(/Backfill \|█+\| 59\/59 days \| [\d,]+ papers \| 2025-02 \| ETA \d+s/);
    expect(output).toContain('Logs go to ./data/papers-bot.log.');
    expect(output).toMatch(/Backfilled 2025-01-01 to 2025-02-28/);
  });

  it.each([
    [['backfill'], /backfill needs --since, a month or a day/],
    [['backfill', '--since', '2025-13'], /--since takes a month as YYYY-MM or a day as YYYY-MM-DD/],
    [['backfill', '--since', '2025-02-30'], /--since takes a month as YYYY-MM or a day as YYYY-MM-DD/],
    [['backfill', '--since', '2025-03', '--until', '2025-01'], /--since 2025-03-01 is after --until 2025-01-31/],
  ])('refuses %j with a message', async (args, message) => {
    const run = await runCli(args, { env: { STORE_URL: 'memory://', HF_API_URL: 'http://127.0.0.1:1' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
