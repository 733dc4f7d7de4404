/**
 * A channel's 👍 record as it grows: reading it (every answer with papers does, for the counts) and
 * toggling one like (a click), on embedded SQLite, against a channel with no likes in the same run.
 *
 *   npm run bench:likes
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelLikes } from '../src/likes/channel-likes.js';
import { silentLogger } from '../src/log.js';
import { createStore } from '../src/store.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const store = createStore(`sqlite://${join(mkdtempSync(join(tmpdir(), 'papers-bot-likes-bench-')), 'store.sqlite')}`, silentLogger, { prefix: 'bench.' });
const likes = new ChannelLikes(store);
const at = new Date().toISOString();

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) await run();
  return (performance.now() - start) / ROUNDS;
}

let baseline: { read: number; toggle: number } | undefined;
console.log('| liked papers | read (ms) | toggle (ms) | read vs none | toggle vs none |\n|---|---|---|---|---|');
for (const size of [0, 100, 1_000, 5_000]) {
  const channel = `bench:C${size}`;
  const papers: Record<string, unknown> = {};
  for (let i = 0; i < size; i++) papers[`2506.${10_000 + i}`] = [{ id: 'U1', name: 'ada', at }, { id: 'U2', name: 'bob', at }];
  if (size > 0) await store.namespace('channel-likes').set(channel, { papers });
  const read = await timed(() => likes.of(channel));
  const toggle = await timed(() => likes.toggle(channel, '2401.00001', { id: 'U3', name: 'cy' }, new Date()));
  baseline ??= { read, toggle };
  console.log(`| ${size} | ${read.toFixed(2)} | ${toggle.toFixed(2)} | ${(read / baseline.read).toFixed(1)}× | ${(toggle / baseline.toggle).toFixed(1)}× |`);
}
await store.close();
