import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { fixturePath } from '../helpers/fixtures.js';
import { freePort } from '../helpers/replicas.js';
import { ROOT } from '../helpers/run-process.js';

const tsx = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx')).href;
let fake: FakeSlack | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await fake?.close();
  fake = undefined;
});

/** `papers-bot start` from a folder of the user's, with only the environment given (no tokens inherited). */
function start(cwd: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', tsx, join(ROOT, 'bin', 'papers-bot.ts'), 'start', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HF_API_URL: 'http://127.0.0.1:1', HF_RETRIES: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stdout: () => stdout };
}

describe('npm start reads .env', () => {
  it('starts Slack mode from a .env holding the Slack variables; the real environment wins over the file', async () => {
    fake = await startFakeSlack();
    const folder = mkdtempSync(join(tmpdir(), 'papers-bot-envfile-'));
    const port = await freePort();
    writeFileSync(
      join(folder, '.env'),
      ['SLACK_BOT_TOKEN=xoxb-from-the-file', 'SLACK_SIGNING_SECRET=secret-from-the-file', `SLACK_API_URL=${fake.apiUrl}`, 'STORE_URL=memory://', 'PORT=1'].join('\n'),
    );
    const bot = start(folder, ['--data', fixturePath('hf/daily')], { PORT: String(port) });
    await expect.poll(() => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0), { timeout: 60_000 }).toBe(200);
    expect(bot.stdout()).not.toContain('papers-bot in the terminal');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });
});

describe('stop signals', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('the first %s stops the terminal cleanly, though its input is still open', async (signal) => {
    const folder = mkdtempSync(join(tmpdir(), 'papers-bot-signal-'));
    const bot = start(folder, ['--terminal', '--data', fixturePath('hf/daily')], { STORE_URL: 'memory://', STOP_DEADLINE_MS: '5000' });
    await expect.poll(() => bot.stdout(), { timeout: 60_000 }).toContain('papers-bot in the terminal');
    bot.child.kill(signal);
    expect(await bot.exited).toBe(0);
  });
});
