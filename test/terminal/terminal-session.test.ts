import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { silentLogger } from '../../src/log.js';
import { createStore } from '../../src/store.js';
import { sendJson, startFakeHf } from '../helpers/fake-hf.js';
import { fixturePath } from '../helpers/fixtures.js';
import { runProcess } from '../helpers/run-process.js';

let fakeHf: Awaited<ReturnType<typeof startFakeHf>>;
beforeAll(async () => {
  // Hugging Face has nothing newer than the imported files: the session runs on them.
  fakeHf = await startFakeHf((_url, _req, res) => sendJson(res, 200, []));
});
afterAll(() => fakeHf.close());

const npmStart = (input: string, env: Record<string, string>, data: string[] = []) =>
  runProcess('npm', ['start', '--silent', '--', '--terminal', ...(data.length ? ['--data', ...data] : [])], {
    input,
    env: { HF_API_URL: fakeHf.baseUrl, ...env },
  });

describe('npm start -- --terminal, scripted', () => {
  it('answers piped /papers commands over real fixture data as a person would read them', async () => {
    const script = [
      '/papers today 2',
      '/papers search "video generation"',
      '/papers paper https://arxiv.org/abs/2506.06751',
      '/papers subscibe llm',
      '/slack help',
    ].join('\n');
    const { code, stdout } = await npmStart(`${script}\n`, { STORE_URL: 'memory://' }, [fixturePath('hf/daily')]);
    expect(code).toBe(0);
    expect(stdout).toContain('The archive holds 107 papers up to 2025-06-11; checking Hugging Face for newer ones.');
    expect(stdout).toContain('> /papers today 2\nTop 2 of 13 Daily Papers, 2025-06-11');
    expect(stdout).toContain(' 1. ▲19  Geopolitical biases in LLMs');
    expect(stdout).toContain('    Mikhail Salnikov, Dmitrii Korzh, Ivan Lazichny +7');
    expect(stdout).toMatch(/papers match "video generation" \(1–5\)/);
    expect(stdout).toMatch(/Matched title: video generation/);
    expect(stdout).toContain('More: /papers search "video generation" --page 2');
    expect(stdout).toContain('This paper evaluates geopolitical biases in LLMs');
    expect(stdout).toContain('✗ There is no /papers subscibe. Did you mean /papers subscribe?');
    expect(stdout).toContain('✗ This bot answers /papers; type /papers help.');
  });

  it('says how to load data when the archive is empty', async () => {
    const { code, stdout } = await npmStart('/papers today\n', { STORE_URL: 'memory://' });
    expect(code).toBe(0);
    expect(stdout).toContain('The archive is empty');
    expect(stdout).toContain('--data <file-or-folder>');
  });

  it('prints a digest the terminal channel missed while stopped, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'papers-bot-catchup-'));
    const url = `sqlite://${join(dir, 'papers-bot.sqlite')}`;
    const store = createStore(url, silentLogger, { prefix: 'papers-bot.' });
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    await new ChannelStore(store, silentLogger).update('terminal:local', (s) => ({
      ...s,
      topics: [{ query: 'video', canonical: 'video', addedBy: 'ada', addedAt: '2025-06-01T00:00:00Z' }],
      schedule: { enabled: true, time: `${String(hourAgo.getUTCHours()).padStart(2, '0')}:00`, timeZone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6] },
      scheduleSetAt: '2025-06-01T00:00:00Z',
    }));
    await store.close();

    const first = await npmStart('', { STORE_URL: url }, [fixturePath('hf/daily')]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('── digest for terminal:local ──\nDaily Papers digest, 2025-06-11');
    expect(first.stdout).toMatch(/topic: video/);
    const second = await npmStart('', { STORE_URL: url });
    expect(second.stdout).not.toContain('── digest for');
  });

  it('keeps topics and schedule across a restart on the SQLite default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'papers-bot-restart-'));
    const env = { STORE_URL: `sqlite://${join(dir, 'papers-bot.sqlite')}` };
    const first = await npmStart('/papers subscribe "world model" -video\n/papers schedule 07:45 Asia/Tokyo mon,thu\n', env, [fixturePath('hf/daily')]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('subscribed this channel to "world model" -video');

    const second = await npmStart('/papers topics\n/papers schedule\n', env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('The archive holds 107 papers');
    expect(second.stdout).toContain('1. "world model" -video — added by');
    expect(second.stdout).toContain('Digest at 07:45 Asia/Tokyo, Mon, Thu.');
  });
});
