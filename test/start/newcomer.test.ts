import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, readFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { fixtureAnswers, startFakeHf } from '../helpers/fake-hf.js';
import { fixturePath } from '../helpers/fixtures.js';
import { freePort } from '../helpers/replicas.js';
import { ROOT } from '../helpers/run-process.js';

/**
 * A newcomer's first hour, scripted: a fresh copy of the repository's files in a folder with no
 * `../shared` beside it (node_modules linked and the install's build run, as `npm install` does),
 * then the README's commands exactly as typed.
 */
let clone: string;
let fakeHf: Awaited<ReturnType<typeof startFakeHf>>;
let fakeSlack: FakeSlack;
const children: ChildProcess[] = [];

beforeAll(() => {
  clone = join(mkdtempSync(join(tmpdir(), 'papers-bot-newcomer-')), 'papers-bot');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(clone, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
  // What `npm install` runs after installing: the build, so `npx papers-bot` works at once.
  execFileSync('npm', ['run', '--silent', 'prepare'], { cwd: clone, stdio: 'ignore' });
  expect(execFileSync('npx', ['papers-bot', '--help'], { cwd: clone, encoding: 'utf8' })).toContain('papers-bot backfill --since');
}, 180_000);
beforeAll(async () => {
  fakeHf = await startFakeHf(fixtureAnswers({ monthDirs: [], dailyDir: fixturePath('hf/daily'), anyDay: '2025-06-10' }));
  fakeSlack = await startFakeSlack();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await fakeHf?.close();
  await fakeSlack?.close();
  if (clone) rmSync(dirname(clone), { recursive: true, force: true });
});

/** A command in the clone with a newcomer's environment: no tokens, nothing of this machine's. */
function run(command: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(command, args, {
    cwd: clone,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HF_API_URL: fakeHf.baseUrl, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

describe('a newcomer on a fresh clone', { timeout: 180_000 }, () => {
  it('npm start with a .env holding the Slack variables starts Slack mode, and stops on SIGTERM', async () => {
    const port = await freePort();
    writeFileSync(join(clone, '.env'), [`SLACK_BOT_TOKEN=xoxb-newcomer`, 'SLACK_SIGNING_SECRET=newcomer-secret', `SLACK_API_URL=${fakeSlack.apiUrl}`, `PORT=${port}`].join('\n'));
    try {
      const bot = run('npm', ['start']);
      const up = () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => (bot.child.exitCode === null ? 0 : -1));
      await expect.poll(up, { timeout: 120_000, interval: 200, message: `npm start said: ${bot.stderr()}` }).toBe(200);
      expect(bot.stdout()).not.toContain('papers-bot in the terminal');
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      expect(bot.stderr()).toContain('papers-bot is running');
    } finally {
      rmSync(join(clone, '.env'));
    }
  });

  it('printf … | npm start -- --terminal on an empty archive fetches the week first, then answers every line with papers', async () => {
    const lines = ['/papers today', '/papers week', '/papers search model', '/papers search "language model" -video', ...Array.from({ length: 21 }, (_, i) => `/papers search model --page ${(i % 3) + 1}`)];
    const session = run('sh', ['-c', `printf '${lines.join('\\n')}\\n' | npm start --silent -- --terminal`], { STORE_URL: `sqlite://${join(clone, 'data', 'piped.sqlite')}` });
    expect(await session.exited).toBe(0);
    const out = session.stdout();
    expect(out).toContain('The archive is empty: fetching the last week of Daily Papers from Hugging Face');
    expect(out).toMatch(/Fetched 7 days, [\d,]+ papers from Hugging Face\. Only the last week is here: for older papers run npx papers-bot backfill --since \d{4}-\d{2}/);
    // The fetch line comes before the first answer, and every one of the 25 lines gets papers.
    expect(out.indexOf('Fetched 7 days')).toBeLessThan(out.indexOf('> /papers today'));
    const answers = out.split(/^> /m).slice(1);
    expect(answers).toHaveLength(lines.length);
    for (const [i, answer] of answers.entries()) {
      expect(answer.startsWith(lines[i]!)).toBe(true);
      expect(answer).toMatch(/▲\d+/);
    }
    // Logs never cross the answers: they go to a file, named once.
    expect(out).not.toContain('"level"');
    expect(session.stderr()).toContain('Logs go to ./data/papers-bot.log.');
  });

  it('timeout -s TERM 5 npm start -- --terminal stops cleanly inside the deadline, its input still open', async () => {
    const log = join(clone, 'data', 'papers-bot.log');
    rmSync(log, { force: true });
    const bot = run('timeout', ['--preserve-status', '-s', 'TERM', '5', 'npm', 'start', '--silent', '--', '--terminal'], { STORE_URL: 'memory://', STOP_DEADLINE_MS: '10000' });
    // npm hands the signal to the bot (the start script execs node) and reports its clean exit.
    expect(await bot.exited).toBe(0);
    expect(bot.stdout()).toContain('papers-bot in the terminal (no Slack or Discord tokens set)');
    await expect.poll(() => readFileSync(log, 'utf8'), { timeout: 15_000 }).toContain('"msg":"stopped"');
    expect(readFileSync(log, 'utf8')).toContain('"signal":"SIGTERM"');
    expect(readFileSync(log, 'utf8')).not.toContain('longer than its deadline');
  });
});
