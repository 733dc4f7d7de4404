import { randomUUID } from 'node:crypto';
import { storeBackends } from '../helpers/backends.js';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { defaultChannelState } from '../../src/channels/channel-state.js';
import { emptyHistory, HISTORY_DAYS, knownPaperIds, recordDigest } from '../../src/channels/digest-history.js';
import { createLogger, silentLogger } from '../../src/log.js';
import { addDays } from '../../src/papers/days.js';
import { createStore, type Store } from '../../src/store.js';

const backends = storeBackends('records');

const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

/** A logger whose lines the test can read. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

describe.each(backends)('channel records on $name', ({ url, run }) => {
  const prefix = `records-${randomUUID().slice(0, 8)}.`;
  const open = () => {
    const store = createStore(url, silentLogger, { prefix });
    opened.push(store);
    return store;
  };

  it.runIf(run)('a damaged record heals: bad fields take their defaults, the rest is kept, the repair is logged once and saved', async () => {
    const store = open();
    const { logger, lines } = capturedLogger();
    const channels = new ChannelStore(store, logger);
    const topic = { query: 'world model', canonical: 'world model', addedBy: 'ada', addedAt: '2025-06-01T00:00:00Z' };
    await store.namespace('channels').set('slack:T1:C9', {
      key: 'slack:T1:C9',
      topics: [topic],
      schedule: { enabled: true, time: '25:99', timeZone: 'Mars/Olympus', days: [1] },
      scheduleSetAt: null,
      size: 99,
      minUpvotes: 7,
      paused: 'yes',
    });

    const healed = await channels.get('slack:T1:C9');
    expect(healed).toEqual({ ...defaultChannelState('slack:T1:C9'), topics: [topic], minUpvotes: 7 });
    const repairs = lines.filter((line) => line.msg === 'repaired a damaged channel record: these fields were reset to their defaults');
    expect(repairs).toHaveLength(1);
    expect(repairs[0]!.fields).toEqual(['schedule', 'size', 'paused']);

    // Saved: reading again logs nothing more, and changes work as on any channel.
    expect(await channels.get('slack:T1:C9')).toEqual(healed);
    expect((await channels.update('slack:T1:C9', (s) => ({ ...s, size: 4 }))).size).toBe(4);
    expect(lines.filter((line) => line.msg === repairs[0]!.msg)).toHaveLength(1);
    expect(await store.namespace('channels').get('slack:T1:C9')).toMatchObject({ size: 4, minUpvotes: 7, schedule: { time: '09:00' } });
  });

  it.runIf(run)('a damaged topic list keeps its valid topics (at most 25) instead of losing them all', async () => {
    const store = open();
    const { logger, lines } = capturedLogger();
    const channels = new ChannelStore(store, logger);
    const topic = (i: number) => ({ query: `topic${i}`, canonical: `topic${i}`, addedBy: 'ada', addedAt: '2025-06-01T00:00:00Z' });
    const topics = [...Array.from({ length: 3 }, (_, i) => topic(i)), { query: 42 }, ...Array.from({ length: 25 }, (_, i) => topic(i + 3))];
    await store.namespace('channels').set('slack:T1:C7', { ...defaultChannelState('slack:T1:C7'), topics, size: 9 });
    const healed = await channels.get('slack:T1:C7');
    expect(healed.topics.map((t) => t.query)).toEqual(Array.from({ length: 25 }, (_, i) => `topic${i}`));
    expect(healed.size).toBe(9);
    expect(lines.filter((line) => (line.fields as string[] | undefined)?.includes('topics'))).toHaveLength(1);
  });

  it.runIf(run)('a record of the earlier version keeps its digest history in a record of its own', async () => {
    const store = open();
    const channels = new ChannelStore(store, capturedLogger().logger);
    const legacy = {
      ...defaultChannelState('slack:T1:C8'),
      size: 6,
      delivered: [['2506.00001', '2025-06-10']],
      passedOver: [['2506.00002', '2025-06-09']],
      lastDigest: { slot: '2025-06-10T09:00:00.000Z', throughDay: '2025-06-10', sinceDay: '2025-06-02' },
    };
    await store.namespace('channels').set('slack:T1:C8', legacy);
    await channels.update('slack:T1:C8', (s) => ({ ...s, minUpvotes: 2 }));

    const history = await channels.history('slack:T1:C8');
    expect([...knownPaperIds(history)].sort()).toEqual(['2506.00001', '2506.00002']);
    expect(history.lastDigest).toEqual(legacy.lastDigest);
    const stored = await store.namespace('channels').get<Record<string, unknown>>('slack:T1:C8');
    expect(stored).toMatchObject({ size: 6, minUpvotes: 2 });
    expect(stored).not.toHaveProperty('delivered');
  });
});

describe('digest history stays bounded', () => {
  it(`keeps ${HISTORY_DAYS} days of ids behind the newest day covered, whatever the channel's age`, () => {
    let history = emptyHistory();
    const start = '2025-01-01';
    for (let d = 0; d < 365; d++) {
      const day = addDays(start, d);
      const ids = Array.from({ length: 60 }, (_, i) => `${day}-${i}`);
      history = recordDigest(history, {
        slot: `${day}T09:00:00.000Z`,
        sent: ids.slice(0, 20).map((id) => [id, day]),
        considered: ids.map((id) => [id, day]),
        throughDay: day,
      });
    }
    const days = [...new Set([...Object.keys(history.sent), ...Object.keys(history.passed)])].sort();
    expect(days[0]).toBe(addDays('2025-12-31', -HISTORY_DAYS));
    expect(days.at(-1)).toBe('2025-12-31');
    expect(knownPaperIds(history).size).toBe((HISTORY_DAYS + 1) * 60);
    // A replayed digest changes nothing.
    const again = recordDigest(history, { slot: '2025-12-31T09:00:00.000Z', sent: [['2025-12-31-0', '2025-12-31']], considered: [], throughDay: '2025-12-31' });
    expect(again).toEqual(history);
  });
});
