import { afterEach, describe, expect, it } from 'vitest';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { createSlotRunner } from '../../src/digest/slot-runner.js';
import { createLogger } from '../../src/log.js';
import { PaperArchive } from '../../src/papers/archive.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import { createHfClient } from '../../src/papers/hf-client.js';
import { paperKey } from '../../src/search/paper-index.js';
import { createStore } from '../../src/store.js';
import { sendJson, startFakeHf } from '../helpers/fake-hf.js';
import { fixturePath } from '../helpers/fixtures.js';
import { RecordingTarget } from '../helpers/recording-target.js';

const SLOT = new Date('2025-06-10T09:00:00Z');
const CHANNEL = 'slack:T1:C1';
let fake: Awaited<ReturnType<typeof startFakeHf>> | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/**
 * A slot whose refresh meets a Hugging Face that answers every request with 429 and
 * `Retry-After: 3600`, over an archive that already holds the day's papers (fetched yesterday).
 */
async function slotBehindRateLimit(options: { hfDeadlineMs?: number; refreshDeadlineMs?: number }) {
  fake = await startFakeHf((_url, _req, res) => sendJson(res, 429, { error: 'rate limited' }, { 'Retry-After': '3600' }));
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  const client = createHfClient({ baseUrl: fake.baseUrl, timeoutMs: 2_000, retries: 4, deadlineMs: options.hfDeadlineMs, logger });
  const sourceErrors: Error[] = [];
  const store = createStore('memory://', logger);
  const archive = new PaperArchive(store.namespace('papers'), {
    source: {
      async fetchDay(date, signal) {
        try {
          return await client.fetchDaily({ date }, signal);
        } catch (error) {
          sourceErrors.push(error as Error);
          throw error;
        }
      },
    },
    refreshRecentDays: 3,
    refreshAfterMs: 60 * 60_000,
    logger,
    now: () => SLOT,
  });
  const { papers } = await loadPaperFiles([fixturePath('hf/daily')]);
  await archive.importPapers(papers, '2025-06-09T09:00:00Z');
  const channels = new ChannelStore(store, logger);
  await channels.update(CHANNEL, (s) => ({ ...s, scheduleSetAt: '2025-06-01T00:00:00Z' }));
  const target = new RecordingTarget();
  const runSlot = createSlotRunner(
    { archive, channels, deliveries: store.namespace('deliveries'), target, logger, commandName: '/papers', now: () => SLOT },
    { refreshDeadlineMs: options.refreshDeadlineMs },
  );
  return { runSlot, archive, target, logs, sourceErrors, requests: fake.requests };
}

describe('a slot whose refresh is blocked by a 429 asking to wait an hour', () => {
  it('gives up on Hugging Face at once and posts the digest from the archive', async () => {
    // Hugging Face's client allows a request 5 minutes (its default): an hour's wait is not started.
    const slot = await slotBehindRateLimit({});
    await slot.runSlot([CHANNEL], SLOT);

    expect(slot.runSlot.results.get('sent')).toBe(1);
    const [post] = slot.target.posts;
    const archived = new Set(slot.archive.papersOn('2025-06-10').map(paperKey));
    expect(post!.reply.papers.length).toBeGreaterThan(0);
    expect(post!.reply.papers.every(({ paper }) => archived.has(paperKey(paper)))).toBe(true);
    // One request: the 429 was not waited out nor retried.
    expect(slot.requests).toHaveLength(1);
    const refreshFailed = slot.logs.find((line) => line.msg === 'could not refresh a recent day; using the archive');
    expect(refreshFailed?.error).toMatch(/gave up after one attempt \(429 Too Many Requests\): Hugging Face asks to wait 3600 s, past the request's deadline/);
    expect(slot.logs.some((line) => line.msg === 'composing digests from the archive: the source did not answer')).toBe(true);
  });

  it("ends the client's wait at the slot's refresh deadline, then posts the digest from the archive", async () => {
    // A client that would wait the hour (its own deadline is longer): the slot's deadline cuts it short.
    const slot = await slotBehindRateLimit({ hfDeadlineMs: 2 * 3600_000, refreshDeadlineMs: 100 });
    await slot.runSlot([CHANNEL], SLOT);

    expect(slot.runSlot.results.get('sent')).toBe(1);
    const archived = new Set(slot.archive.papersOn('2025-06-10').map(paperKey));
    expect(slot.target.posts[0]!.reply.papers.every(({ paper }) => archived.has(paperKey(paper)))).toBe(true);
    const gaveUp = slot.logs.find((line) => line.msg === 'composing digests from the archive: the source did not answer');
    expect(gaveUp).toMatchObject({ refreshDeadlineMs: 100, failed: expect.arrayContaining(['2025-06-10']) });
    // The wait itself ended with the deadline: nothing sleeps on for the hour.
    await expect.poll(() => slot.sourceErrors.length).toBe(1);
    expect(slot.sourceErrors[0]!.message).toMatch(/stopped by its caller while waiting 3600 s after 429 Too Many Requests: its deadline passed/);
    expect(slot.requests).toHaveLength(1);
  });
});
