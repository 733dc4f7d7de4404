// 1,000 concurrent changes to channels on each store: atomic (compare-and-set, this project) and the
// plain read-modify-write the previous version did, with contention (50 channels) and without (1,000).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { ChannelStore } from '../src/channels/channel-store.js';
import { defaultChannelState, type ChannelState } from '../src/channels/channel-state.js';
import { silentLogger } from '../src/log.js';
import { createStore, type Store } from '../src/store.js';

const CHANGES = Number(process.env.BENCH_CHANGES ?? 1_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const reachable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });

const stores = [
  { name: 'SQLite', url: () => `sqlite://${join(mkdtempSync(join(tmpdir(), 'bench-writes-')), 'store.sqlite')}`, up: true },
  { name: 'Redis', url: () => 'redis://127.0.0.1:6379', up: await reachable(6379) },
  { name: 'Postgres', url: () => 'postgres://postgres@127.0.0.1:5432/test', up: await reachable(5432) },
  { name: 'memory', url: () => 'memory://', up: true },
];

type Mode = 'atomic' | 'plain read-modify-write';

interface Row {
  store: string;
  mode: Mode;
  channels: number;
  opsPerSecond: number;
  p50: number;
  p99: number;
  lost: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Two connections to the store, as two replicas have; memory is one process's map. */
function replicas(url: string, memory: boolean): { stores: Store[]; channels: ChannelStore[] } {
  const prefix = `bench-${randomUUID().slice(0, 8)}.`;
  const stores = memory ? [createStore(url, silentLogger, { prefix })] : [createStore(url, silentLogger, { prefix }), createStore(url, silentLogger, { prefix })];
  return { stores, channels: stores.map((store) => new ChannelStore(store, silentLogger)) };
}

async function run(storeName: string, url: string, mode: Mode, channelCount: number): Promise<Row> {
  const { stores, channels } = replicas(url, storeName === 'memory');
  const keys = Array.from({ length: channelCount }, (_, i) => `slack:T1:C${i}`);
  for (const key of keys) await channels[0]!.update(key, (s) => s); // the channels exist already
  const raw = stores.map((store) => store.namespace('channels'));
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CHANGES }, async (_, i) => {
      const key = keys[i % channelCount]!;
      const replica = i % stores.length;
      const t0 = performance.now();
      if (mode === 'atomic') {
        await channels[replica]!.update(key, (s) => ({ ...s, minUpvotes: s.minUpvotes + 1 }));
      } else {
        // What the previous version did: read, change, write the whole record back.
        const current = (await raw[replica]!.get<ChannelState>(key)) ?? defaultChannelState(key);
        await raw[replica]!.set(key, { ...current, minUpvotes: current.minUpvotes + 1 });
      }
      latencies.push(performance.now() - t0);
    }),
  );
  const seconds = (performance.now() - started) / 1_000;
  let kept = 0;
  for (const key of keys) kept += (await channels[0]!.get(key)).minUpvotes;
  await Promise.all(stores.map((store) => store.close()));
  latencies.sort((a, b) => a - b);
  return { store: storeName, mode, channels: channelCount, opsPerSecond: CHANGES / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), lost: CHANGES - kept };
}

const median = (rows: Row[]): Row => {
  const sorted = [...rows].sort((a, b) => a.opsPerSecond - b.opsPerSecond);
  return { ...sorted[Math.floor(sorted.length / 2)]!, lost: Math.max(...rows.map((r) => r.lost)) };
};

console.log(`${CHANGES} concurrent changes, median of ${ROUNDS} rounds (lost: the most of any round)\n`);
console.log('| store | writes | channels | ops/s | p50 | p99 | changes lost |');
console.log('|---|---|---|---|---|---|---|');
for (const store of stores) {
  if (!store.up) {
    console.log(`| ${store.name} | (not running on 127.0.0.1: skipped) | | | | | |`);
    continue;
  }
  for (const channels of [50, CHANGES]) {
    for (const mode of ['atomic', 'plain read-modify-write'] as const) {
      const rounds: Row[] = [];
      for (let r = 0; r < ROUNDS; r++) rounds.push(await run(store.name, store.url(), mode, channels));
      const row = median(rounds);
      console.log(`| ${row.store} | ${row.mode} | ${row.channels} | ${Math.round(row.opsPerSecond)} | ${row.p50.toFixed(1)} ms | ${row.p99.toFixed(1)} ms | ${row.lost} |`);
    }
  }
}
