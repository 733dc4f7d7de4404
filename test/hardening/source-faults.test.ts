import { afterEach, describe, expect, it } from 'vitest';
import type { BotRuntime } from '../../adapters/bot-runtime.js';
import { pageOf, sendJson, startFakeHf } from '../helpers/fake-hf.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { captureLog, captureWrites, startRuntime } from '../helpers/start-runtime.js';

type Mode = 'healthy' | '500' | '429' | 'hang' | 'truncated' | 'missing-paper' | 'unknown-fields' | 'empty' | 'duplicates';

const newDay = (readFixtureJson('hf/raw_daily/2025-10-10.json') as { paper: Record<string, unknown> }[]).slice(0, 6);
/** The day after the archive's last one, as the API would serve it. */
const june12 = newDay.map((item, i) => ({ ...item, paper: { ...item.paper, id: `2506.9${String(i).padStart(4, '0')}`, submittedOnDailyAt: '2025-06-12T01:00:00.000Z' } }));

let runtime: BotRuntime | undefined;
let fake: Awaited<ReturnType<typeof startFakeHf>> | undefined;
afterEach(async () => {
  await runtime?.stop();
  await fake?.close();
  runtime = undefined;
});

async function setUp() {
  let mode: Mode = 'healthy';
  fake = await startFakeHf((url, _req, res) => {
    const day = url.searchParams.get('date');
    const items = day === '2025-06-12' ? june12 : [];
    switch (mode) {
      case '500': return sendJson(res, 500, { error: 'internal' });
      case '429': return sendJson(res, 429, { error: 'rate limited' }, { RateLimit: '"api";r=0;t=0' });
      case 'hang': return 'hang';
      case 'truncated': return sendJson(res, 200, JSON.stringify(items).slice(0, 100));
      case 'missing-paper': return sendJson(res, 200, pageOf([...items, { title: 'no paper here', numComments: 0 }], url));
      case 'unknown-fields': return sendJson(res, 200, pageOf(items.map((i) => ({ ...i, brandNew: { x: [1] }, paper: { ...i.paper, futureField: 'x' } })), url));
      case 'empty': return sendJson(res, 200, []);
      case 'duplicates': return sendJson(res, 200, pageOf([...items, ...items], url));
      default: return sendJson(res, 200, pageOf(items, url));
    }
  });
  const log = captureLog('debug');
  const printed = captureWrites();
  const clock = { now: new Date('2025-06-12T09:00:00Z') };
  const started = await startRuntime({
    env: { HF_API_URL: fake.baseUrl, HF_TIMEOUT_MS: '300', HF_RETRIES: '1', REFRESH_RECENT_DAYS: '1', REFRESH_AFTER_MINUTES: '1' },
    online: true,
    start: false,
    logger: log.logger,
    printedTo: printed.stream,
    now: () => clock.now,
  });
  runtime = started.runtime;
  return { setMode: (m: Mode) => (mode = m), logs: log.lines, printed: printed.chunks, clock, runtime: started.runtime };
}

const ctx = (now: Date) => ({ channel: 'terminal:faults', user: { id: 'u', name: 'u' }, canManage: true, managePermission: 'x', now });

describe('the Hugging Face source failing in every way', () => {
  it.each([
    ['500', /failed after 2 attempts: 500 Internal Server Error/],
    ['429', /429 Too Many Requests/],
    ['hang', /no answer within 300 ms/],
    ['truncated', /malformed JSON/],
  ] as const)('%s: commands answer from the archive, the digest goes out, the log says what happened, and it recovers', async (mode, logged) => {
    const t = await setUp();
    t.setMode(mode);
    const today = await t.runtime.handle('today 1', ctx(t.clock.now));
    expect(today.heading).toBe('Top 1 of 13 Daily Papers, 2025-06-11');
    await t.runtime.channels.update('terminal:faults', (s) => s);
    await t.runtime.runSlot(['terminal:faults'], t.clock.now);
    expect(t.printed.join('')).toContain('Daily Papers digest, 2025-06-11');
    const log = t.logs.join('');
    expect(log).toMatch(logged);
    expect(log).toContain('could not refresh a recent day; using the archive');

    t.setMode('healthy');
    t.clock.now = new Date('2025-06-12T09:05:00Z');
    await t.runtime.core.archive.refreshRecent();
    expect(t.runtime.core.archive.latestDate()).toBe('2025-06-12');
    expect((await t.runtime.handle('today 1', ctx(t.clock.now))).heading).toBe('Top 1 of 6 Daily Papers, 2025-06-12');
  });

  it.each([
    ['missing-paper', 6, /skipped a Daily Papers item/],
    ['unknown-fields', 6, undefined],
    ['duplicates', 6, undefined],
    ['empty', 0, undefined],
  ] as const)('%s: the day is read as well as it can be (%i papers) and nothing fails', async (mode, count, logged) => {
    const t = await setUp();
    t.setMode(mode);
    await t.runtime.core.archive.refreshRecent();
    expect(t.runtime.core.archive.papersOn('2025-06-12')).toHaveLength(count);
    if (logged) expect(t.logs.join('')).toMatch(logged);
    await t.runtime.channels.update('terminal:faults', (s) => s);
    await t.runtime.runSlot(['terminal:faults'], t.clock.now);
    expect(t.printed.join('')).toContain(count > 0 ? 'Daily Papers digest, 2025-06-12' : 'Daily Papers digest, 2025-06-11');
  });
});
