import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { silentLogger } from '../../src/log.js';
import { PaperArchive } from '../../src/papers/archive.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import { createStore, StoreUnavailableError, type Store } from '../../src/store.js';
import { fixturePath } from '../helpers/fixtures.js';
import { storeBackends } from '../helpers/backends.js';

// The memory store forgets what it held once it is closed.
const backends = storeBackends('store').map((backend) => ({ ...backend, forgets: backend.name === 'memory' }));

const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

describe.each(backends)('the store on $name', ({ url, run, forgets }) => {
  const prefix = `test-${randomUUID()}-`;
  const open = () => {
    const store = createStore(url, silentLogger, { prefix });
    opened.push(store);
    return store;
  };

  it.runIf(run)('keeps namespaces apart', async () => {
    const store = open();
    await store.namespace('one').set('k', 'first value');
    await store.namespace('two').set('k', 'second value');
    expect(await store.namespace('one').get('k')).toBe('first value');
    expect(await store.namespace('two').get('k')).toBe('second value');
    await store.namespace('two').delete('k');
    expect(await store.namespace('two').get('k')).toBeUndefined();
    expect(await store.namespace('one').get('k')).toBe('first value');
    await store.ping();
  });

  it.runIf(run)('saves a channel whole and lists every channel', async () => {
    const channels = new ChannelStore(open(), silentLogger);
    await channels.update('slack:T1:C1', (s) => ({ ...s, size: 7, topics: [{ query: 'llm', canonical: 'llm', addedBy: 'ada', addedAt: '2025-06-10T00:00:00Z' }] }));
    await channels.update('discord:G1:C2', (s) => ({ ...s, minUpvotes: 3 }));
    expect(await channels.get('slack:T1:C1')).toMatchObject({ size: 7, topics: [{ query: 'llm' }] });
    const keys: string[] = [];
    for await (const state of channels.all()) keys.push(state.key);
    expect(keys.sort()).toEqual(['discord:G1:C2', 'slack:T1:C1']);
  });

  it.runIf(run)('refuses an invalid channel state and keeps the saved one', async () => {
    const channels = new ChannelStore(open(), silentLogger);
    await channels.update('terminal:x', (s) => ({ ...s, size: 4 }));
    await expect(channels.update('terminal:x', (s) => ({ ...s, size: 99 }))).rejects.toThrow();
    expect((await channels.get('terminal:x')).size).toBe(4);
  });

  it.runIf(run)(forgets ? 'holds the archive while open' : 'gives a restarted archive the days it stored, without refetching', async () => {
    const first = new PaperArchive(open().namespace('papers'), { refreshRecentDays: 0, refreshAfterMs: 1, logger: silentLogger });
    const loaded = await loadPaperFiles([fixturePath('hf/daily')]);
    await first.importPapers(loaded.papers);
    const again = new PaperArchive((forgets ? opened[0]! : open()).namespace('papers'), { refreshRecentDays: 0, refreshAfterMs: 1, logger: silentLogger });
    await again.load();
    expect(again.dates()).toEqual(['2025-06-05', '2025-06-06', '2025-06-09', '2025-06-10', '2025-06-11']);
    expect(again.papersOn('2025-06-10').map((p) => p.id)).toEqual(first.papersOn('2025-06-10').map((p) => p.id));
  });
});

describe('a store that is down', () => {
  it.each([
    ['Redis', 'redis://127.0.0.1:1'],
    ['Postgres', 'postgres://postgres@127.0.0.1:1/test'],
  ])('%s gives a StoreUnavailableError, not a hang or an empty answer', async (_name, url) => {
    const store = createStore(url, silentLogger);
    opened.push(store);
    await expect(store.namespace('channels').get('x')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.namespace('channels').set('x', 1)).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
